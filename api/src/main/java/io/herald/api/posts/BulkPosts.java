package io.herald.api.posts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.herald.api.posts.PostPayloads.PostRequest;
import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.api.problems.ProblemWriter;
import io.herald.core.posts.Post;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Creates the posts of a bulk request, each judged on its own: the same checks as a
 * single create, with a refused post reported at its index while the others are created.
 */
@Component
class BulkPosts {

	private static final Pattern CONTAINER_ELEMENT = Pattern.compile("\\.?<[a-z ]+>");

	private final PostService posts;

	private final Validator validator;

	private final ProblemWriter problems;

	BulkPosts(PostService posts, Validator validator, ProblemWriter problems) {
		this.posts = posts;
		this.validator = validator;
		this.problems = problems;
	}

	/**
	 * Checks every post's field constraints, then creates the ones that pass in one
	 * transaction.
	 * @param workspaceId the workspace
	 * @param authorId the author
	 * @param requests the posts, in request order
	 * @param http the request, for the problem documents' instance and request id
	 * @return one outcome per post, in request order
	 */
	List<Outcome> create(UUID workspaceId, UUID authorId, List<PostRequest> requests, HttpServletRequest http) {
		Outcome[] outcomes = new Outcome[requests.size()];
		List<Integer> valid = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			ApiException invalid = constraintViolations(requests.get(i));
			if (invalid != null) {
				outcomes[i] = refused(i, invalid, http);
			}
			else {
				valid.add(i);
			}
		}
		if (!valid.isEmpty()) {
			List<PostService.Created> created = this.posts.createAll(workspaceId, authorId,
					valid.stream().map(requests::get).toList());
			for (int j = 0; j < valid.size(); j++) {
				int index = valid.get(j);
				PostService.Created result = created.get(j);
				outcomes[index] = (result.post() != null)
						? new Outcome(index, HttpStatus.CREATED.value(), result.post(), null)
						: refused(index, result.refusal(), http);
			}
		}
		return List.of(outcomes);
	}

	/** The same problem a single create answers when its body breaks a constraint. */
	private ApiException constraintViolations(PostRequest request) {
		if (request == null) {
			return new ApiException(ProblemType.VALIDATION_FAILED, "The post must not be null.",
					Map.of("errors", List.of(Map.of("field", "", "message", "must not be null"))));
		}
		Set<ConstraintViolation<PostRequest>> violations = this.validator.validate(request);
		if (violations.isEmpty()) {
			return null;
		}
		List<Map<String, String>> errors = violations.stream()
			.map((v) -> Map.of("field", field(v), "message", v.getMessage()))
			.sorted(Comparator.comparing((Map<String, String> e) -> e.get("field"))
				.thenComparing((e) -> e.get("message")))
			.toList();
		String summary = errors.stream()
			.map((e) -> e.get("field") + " " + e.get("message"))
			.collect(Collectors.joining("; "));
		return new ApiException(ProblemType.VALIDATION_FAILED, summary + ".", Map.of("errors", errors));
	}

	/**
	 * The field as a single create names it ({@code targets[0]}): Bean Validation adds a
	 * node for a list element ({@code targets[0].<list element>}).
	 */
	private static String field(ConstraintViolation<?> violation) {
		return CONTAINER_ELEMENT.matcher(violation.getPropertyPath().toString()).replaceAll("");
	}

	private Outcome refused(int index, ApiException refusal, HttpServletRequest http) {
		return new Outcome(index, refusal.type().status().value(), null, ProblemWriter
			.flatten(this.problems.build(refusal.type(), refusal.getMessage(), refusal.properties(), http)));
	}

	/**
	 * What became of one post.
	 *
	 * @param index its position in the request
	 * @param status 201, or the refusal's status
	 * @param post the created post, or {@code null}
	 * @param problem the problem document, or {@code null}
	 */
	record Outcome(int index, int status, Post post, Map<String, Object> problem) {
	}

}
