package io.herald.core.database;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded Postgres (initdb on a first start, then the server) on its own
 * thread as soon as the context begins to refresh, so that it runs while Spring parses
 * configuration and builds the web server instead of before. The
 * {@code embeddedPostgresServer} bean then only waits for it.
 * <p>
 * It looks at the environment when refresh begins, after every property source (a test's
 * dynamic ones included) is in place, so it starts nothing when
 * {@code herald.database.url} points at another Postgres.
 */
public class EmbeddedPostgresHeadStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String BEAN_NAME = "heraldEmbeddedPostgresHeadStart";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.addBeanFactoryPostProcessor(new Starter(context.getEnvironment()));
	}

	/**
	 * The server being started, for {@link DatabaseConfiguration} to wait on. It is
	 * disposable itself, so that a context that fails before the server's bean exists
	 * still stops the server (it no longer stops with the JVM by itself).
	 */
	static final class Started implements DisposableBean {

		private final CompletableFuture<EmbeddedPostgresServer> server;

		Started(CompletableFuture<EmbeddedPostgresServer> server) {
			this.server = server;
		}

		EmbeddedPostgresServer await() {
			try {
				return this.server.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				throw ex;
			}
		}

		@Override
		public void destroy() throws IOException {
			EmbeddedPostgresServer started;
			try {
				started = this.server.join();
			}
			catch (CompletionException ex) {
				return;
			}
			started.destroy();
		}

	}

	private static final class Starter implements BeanDefinitionRegistryPostProcessor {

		private final ConfigurableEnvironment environment;

		Starter(ConfigurableEnvironment environment) {
			this.environment = environment;
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			String url = this.environment.getProperty("herald.database.url", "");
			if (!url.isBlank() || !(registry instanceof ConfigurableListableBeanFactory beanFactory)
					|| beanFactory.containsSingleton(BEAN_NAME)) {
				return;
			}
			DatabaseProperties properties = Binder.get(this.environment)
				.bindOrCreate("herald.database", DatabaseProperties.class);
			CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
			Thread starter = new Thread(() -> {
				try {
					server.complete(new EmbeddedPostgresServer(properties.dataDir(), properties.embeddedPort()));
				}
				catch (Throwable ex) {
					server.completeExceptionally(ex);
				}
			}, "embedded-postgres-start");
			starter.setDaemon(true);
			starter.start();
			Started started = new Started(server);
			beanFactory.registerSingleton(BEAN_NAME, started);
			if (beanFactory instanceof DefaultSingletonBeanRegistry singletons) {
				singletons.registerDisposableBean(BEAN_NAME, started);
			}
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		}

	}

}
