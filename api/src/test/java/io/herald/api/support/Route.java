package io.herald.api.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * One method and path the running application answers, read from its own handler
 * mappings, so tests that walk every route see a new one the day it is added.
 *
 * @param method the HTTP method; {@code GET} for a mapping that names none
 * @param pattern the path pattern, e.g. {@code /api/v1/posts/{id}}
 * @param handler the controller method
 */
public record Route(String method, String pattern, HandlerMethod handler) {

	private static final String WEB_UI_PACKAGE = "io.herald.api.web";

	/**
	 * Every route of every request-mapping handler mapping in the context: the
	 * application's controllers, and the framework's (errors, OpenAPI, actuator).
	 * @param context the running application
	 * @return the routes, sorted by pattern and method
	 */
	public static List<Route> all(ApplicationContext context) {
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			routes.addAll(of(mapping));
		}
		return routes.stream().distinct().sorted(Comparator.comparing(Route::key)).toList();
	}

	/**
	 * The routes of one handler mapping.
	 * @param mapping the mapping
	 * @return its routes, one per method and pattern
	 */
	public static List<Route> of(RequestMappingInfoHandlerMapping mapping) {
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			List<String> methods = entry.getKey()
				.getMethodsCondition()
				.getMethods()
				.stream()
				.map(RequestMethod::name)
				.toList();
			for (String pattern : entry.getKey().getPatternValues()) {
				for (String method : methods.isEmpty() ? List.of("GET") : methods) {
					routes.add(new Route(method, pattern, entry.getValue()));
				}
			}
		}
		return routes;
	}

	/**
	 * Whether a browser page or form of the web UI serves it (session and CSRF token),
	 * rather than the API (bearer token).
	 */
	public boolean ui() {
		return this.handler.getBeanType().getPackageName().startsWith(WEB_UI_PACKAGE);
	}

	/**
	 * The route as a table key, {@code POST /api/v1/posts/{id}/retry}.
	 */
	public String key() {
		return this.method + " " + this.pattern;
	}

}
