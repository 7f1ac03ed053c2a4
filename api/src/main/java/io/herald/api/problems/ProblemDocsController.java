package io.herald.api.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents each problem type at its own {@code type} URI.
 */
@RestController
class ProblemDocsController {

	@GetMapping("/problems")
	List<Map<String, Object>> all() {
		return Arrays.stream(ProblemType.values()).map(ProblemDocsController::describe).toList();
	}

	@GetMapping("/problems/{slug}")
	Map<String, Object> one(@PathVariable String slug) {
		return ProblemType.bySlug(slug)
			.map(ProblemDocsController::describe)
			.orElseThrow(() -> ApiException.notFound("Problem type '" + slug + "'"));
	}

	private static Map<String, Object> describe(ProblemType type) {
		return Map.of("type", type.uri().toString(), "status", type.status().value(), "title", type.title(),
				"description", type.description());
	}

}
