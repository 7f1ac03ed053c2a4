package io.herald.api.idempotency;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;
import io.herald.core.secrets.Digests;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key} for creating POSTs: the same key with the same body gets the
 * same response without doing the work twice; with another body, a 409.
 * <p>
 * The key's row, the work and the stored response commit in one transaction. A second
 * request with the same key waits on the first one's row and then replays its response,
 * so even a client that retries while the first request runs gets one resource.
 */
@Service
public class IdempotencyService {

	static final String REPLAYED = "Idempotent-Replayed";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	public IdempotencyService(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
	}

	/**
	 * Runs a create once per key.
	 * @param workspaceId the caller's workspace (keys are per workspace)
	 * @param operation what is being created, such as {@code posts.create}
	 * @param key the client's Idempotency-Key, or {@code null} for none
	 * @param request the request body, to tell a retry from a different request
	 * @param work the create, returning the response to store
	 * @return the response, fresh or replayed
	 */
	public ResponseEntity<?> execute(UUID workspaceId, String operation, String key, Object request,
			Supplier<ResponseEntity<?>> work) {
		if (key == null) {
			return this.transactions.execute((status) -> work.get());
		}
		if (key.isBlank() || key.length() > 255) {
			throw new ApiException(ProblemType.BAD_REQUEST, "Idempotency-Key must be 1 to 255 characters.");
		}
		String hash = Digests.sha256Hex(this.json.writeValueAsBytes(request));
		return this.transactions.execute((status) -> {
			int inserted = this.jdbc.update(
					"INSERT INTO idempotency_record (workspace_id, operation, idempotency_key,"
							+ " request_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
					workspaceId, operation, key, hash);
			if (inserted == 0) {
				return replay(workspaceId, operation, key, hash);
			}
			ResponseEntity<?> response = work.get();
			this.jdbc.update(
					"UPDATE idempotency_record SET response_status = ?, response_body = ?"
							+ " WHERE workspace_id = ? AND operation = ? AND idempotency_key = ?",
					response.getStatusCode().value(), this.json.writeValueAsString(response.getBody()), workspaceId,
					operation, key);
			return response;
		});
	}

	private ResponseEntity<?> replay(UUID workspaceId, String operation, String key, String hash) {
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"SELECT request_hash, response_status, response_body FROM idempotency_record"
						+ " WHERE workspace_id = ? AND operation = ? AND idempotency_key = ?",
				workspaceId, operation, key);
		Map<String, Object> row = rows.get(0);
		if (!hash.equals(row.get("request_hash"))) {
			throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
					"Idempotency-Key '" + key + "' was already used with a different request body.");
		}
		if (row.get("response_status") == null) {
			throw new ApiException(ProblemType.IDEMPOTENCY_IN_PROGRESS,
					"A request with Idempotency-Key '" + key + "' is still being processed.");
		}
		return ResponseEntity.status((Integer) row.get("response_status"))
			.header(REPLAYED, "true")
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(row.get("response_body"));
	}

}
