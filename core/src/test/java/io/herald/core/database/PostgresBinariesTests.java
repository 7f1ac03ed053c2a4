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
		assertThat(bundles).contains("postgres-linux-x86_64.txz")
			.anyMatch((name) -> name.startsWith("postgres-linux-arm_64") || name.startsWith("postgres-linux-aarch64"))
			.doesNotContain("postgres-darwin-x86_64.txz", "postgres-windows-x86_64.txz",
					"postgres-linux-x86_64-alpine_linux.txz");
	}

}
