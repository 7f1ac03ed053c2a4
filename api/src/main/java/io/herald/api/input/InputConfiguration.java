package io.herald.api.input;

import java.time.Instant;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the {@link InputPolicy} on Spring MVC's parameter binding: instants in query and
 * path parameters, and multipart fields.
 */
@Configuration(proxyBeanMethods = false)
class InputConfiguration implements WebMvcConfigurer {

	private final MultipartInputInterceptor multipart;

	InputConfiguration(MultipartInputInterceptor multipart) {
		this.multipart = multipart;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.multipart);
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		// Added after Spring's own, so this one wins for String -> Instant.
		registry.addConverter(String.class, Instant.class, CheckedInstantParameter::convert);
	}

}
