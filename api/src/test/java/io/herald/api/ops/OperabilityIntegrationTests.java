package io.herald.api.ops;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.herald.api.support.Api;
import io.herald.api.support.ApiIntegrationTest;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

class OperabilityIntegrationTests extends ApiIntegrationTest {

	@LocalManagementPort
	int managementPort;

	@Test
	void liveness_and_readiness_answer_without_credentials_with_detail() {
		Api.Response live = this.api.get("/healthz").send();
		assertThat(live.status()).isEqualTo(200);
		assertThat(live.json().get("status").asString()).isEqualTo("UP");
		Api.Response ready = this.api.get("/readyz").send();
		assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
		JsonNode components = ready.json().get("components");
		assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("readinessState").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("mediaStore").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("scheduler").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("scheduler").get("details").get("clustered").asBoolean()).isTrue();
	}

	@Test
	void prometheus_metrics_are_exposed_on_the_management_port() {
		Api.Response metrics = new Api("http://localhost:" + this.managementPort).get("/actuator/prometheus").send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

	@Test
	void the_public_port_serves_no_management_endpoint_in_any_spelling() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String path : List.of("/actuator/prometheus", "/%61ctuator/prometheus", "/%61%63tuator/%70rometheus",
				"/actuator/health", "/%61ctuator/health", "/actuator/./prometheus", "/static/../actuator/prometheus",
				"/actuator/env", "/actuator/info", "/actuator")) {
			Api.Response response = this.api.get(path).send();
			assertThat(response.status()).as(response.toString()).isNotEqualTo(200);
			assertThat(response.body()).as(path).doesNotContain("jvm_memory").doesNotContain("hikaricp");
		}
		assertThat(this.api.get("/healthz").send().status()).isEqualTo(200);
		assertThat(this.api.get("/readyz").send().status()).isEqualTo(200);
	}

	@Test
	void the_openapi_document_describes_the_api_and_its_security() {
		Api.Response docs = this.api.get("/v3/api-docs").send();
		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		assertThat(paths.has("/api/v1/posts")).isTrue();
		assertThat(paths.has("/api/v1/posts/{id}")).isTrue();
		assertThat(paths.get("/api/v1/posts/bulk").has("post")).isTrue();
		assertThat(paths.has("/api/v1/accounts")).isTrue();
		assertThat(paths.has("/api/v1/auth/tokens")).isTrue();
		assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
		assertThat(this.api.get("/swagger-ui/index.html").send().status()).isEqualTo(200);
	}

	@Test
	void responses_carry_security_headers_and_a_request_id() {
		Api.Response response = this.api.get("/api/v1/me").header("X-Request-Id", "trace-me-42").send();
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("X-Request-Id")).isEqualTo("trace-me-42");
		assertThat(response.json().get("requestId").asString()).isEqualTo("trace-me-42");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
			.contains("frame-ancestors 'none'");
		Api.Response generated = this.api.get("/healthz").header("X-Request-Id", "bad id with spaces!").send();
		assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
	}

	@Test
	void every_problem_type_is_documented_at_its_uri() {
		JsonNode all = this.api.get("/problems").send().json();
		assertThat(all.size()).isGreaterThan(20);
		for (JsonNode problem : all) {
			Api.Response doc = this.api.get(problem.get("type").asString()).send();
			assertThat(doc.status()).isEqualTo(200);
			assertThat(doc.json().get("description").asString()).isNotBlank();
		}
	}

	@Test
	void the_login_page_is_served_and_ui_pages_redirect_to_it() {
		assertThat(this.api.get("/login").send().status()).isEqualTo(200);
		Api.Response page = this.api.get("/").send();
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).endsWith("/login");
	}

}
