package io.herald.api.security;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The session cookie is {@code Secure} whenever Herald is reached over HTTPS. Requests
 * that arrive over HTTPS (directly, or forwarded by a trusted proxy with
 * {@code X-Forwarded-Proto: https}) get it from Tomcat; a public URL with https makes it
 * {@code Secure} on every response, so a request that reached Herald over plain HTTP
 * behind the proxy cannot set a cookie that would later travel in clear. SameSite and
 * HttpOnly are in {@code application.properties}.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

	@Bean
	ServletContextInitializer secureSessionCookie(@Value("${herald.public-url}") String publicUrl) {
		return (servletContext) -> {
			if (isHttps(publicUrl)) {
				servletContext.getSessionCookieConfig().setSecure(true);
			}
		};
	}

	static boolean isHttps(String url) {
		try {
			return "https".equalsIgnoreCase(URI.create(url.trim()).getScheme());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
