package io.herald.core.database;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBinariesTests {

	@Test
	void ships_the_linux_binaries_and_not_the_ones_zonky_pulls_in_for_other_platforms() throws IOException {
		List<String> bundles = Arrays
			.stream(new PathMatchingResourcePatternResolver().getResources("classpath*:postgres-*.txz"))
			.map(Resource::getFilename)
			.toList();
		assertThat(bundles).contains("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz");
		// A build for another platform (-Dpostgres.platform) adds one on purpose.
		if (System.getProperty("postgres.platform") == null) {
			assertThat(bundles).containsOnly("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz");
		}
	}

}
