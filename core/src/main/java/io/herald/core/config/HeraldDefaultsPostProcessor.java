package io.herald.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds Herald's defaults (and the mapping of the documented environment variables such as
 * {@code DATABASE_URL} onto properties) as the lowest-priority property source, so every
 * Herald application (api, worker, bench) shares one set of defaults and anything an
 * operator sets wins.
 */
public class HeraldDefaultsPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String RESOURCE = "herald-defaults.properties";

	static final String PROD_RESOURCE = "herald-defaults-prod.properties";

	static final String PROD_PROFILE = "prod";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			// Profile defaults go first so they win over the general ones.
			if (environment.matchesProfiles(PROD_PROFILE)) {
				add(environment, "heraldProdDefaults", PROD_RESOURCE);
			}
			add(environment, "heraldDefaults", RESOURCE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Herald's default properties", ex);
		}
	}

	/** Before the checks that read these defaults (such as the master key's). */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	private static void add(ConfigurableEnvironment environment, String name, String resource) throws IOException {
		for (PropertySource<?> source : new PropertiesPropertySourceLoader().load(name,
				new ClassPathResource(resource))) {
			environment.getPropertySources().addLast(source);
		}
	}

}
