package io.herald.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame; the operations come from the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI heraldOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Herald API")
				.version("v1")
				.description("Schedule posts to X, Bluesky, Instagram and the sandbox network. Errors are RFC 9457"
						+ " problem documents whose `type` is a stable `/problems/<slug>` URI (GET it for its"
						+ " documentation). Creating POSTs accept `Idempotency-Key`; PATCH needs `If-Match`.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An API token from POST /api/v1/auth/tokens"))
				.addSecuritySchemes("basic",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("Email and password; only to create a first API token")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
