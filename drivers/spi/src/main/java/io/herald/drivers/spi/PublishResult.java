package io.herald.drivers.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of a successful call to publish or resume.
 */
public sealed interface PublishResult permits PublishResult.Published, PublishResult.InProgress {

	/**
	 * What the network said about the account's remaining budget, if it said anything.
	 * @return the budget, or empty
	 */
	Optional<RateBudget> rateBudget();

	/**
	 * The post exists on the network.
	 *
	 * @param remoteId the network's id of the (first) post
	 * @param url the public URL of the post, or {@code null} when the network has none
	 * @param budget the account's remaining budget, or {@code null}
	 */
	record Published(String remoteId, URI url, RateBudget budget) implements PublishResult {

		public Published(String remoteId, URI url) {
			this(remoteId, url, null);
		}

		@Override
		public Optional<RateBudget> rateBudget() {
			return Optional.ofNullable(this.budget);
		}

	}

	/**
	 * The network is still working (media processing); call
	 * {@link BaseSocialBackend#resume} with the token at or after {@code retryAt}.
	 *
	 * @param token what the driver needs to continue, persisted by Herald
	 * @param retryAt when to resume
	 * @param budget the account's remaining budget, or {@code null}
	 */
	record InProgress(String token, Instant retryAt, RateBudget budget) implements PublishResult {

		public InProgress(String token, Instant retryAt) {
			this(token, retryAt, null);
		}

		@Override
		public Optional<RateBudget> rateBudget() {
			return Optional.ofNullable(this.budget);
		}

	}

}
