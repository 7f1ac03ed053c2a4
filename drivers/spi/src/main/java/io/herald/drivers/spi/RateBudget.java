package io.herald.drivers.spi;

import java.time.Instant;

/**
 * An account's remaining allowance on a network, read from the network's headers or quota
 * endpoint.
 *
 * @param scope which limit this is, such as {@code posts} or {@code posts-24h}
 * @param remaining calls left in the window
 * @param limit the size of the window's allowance, or 0 when unknown
 * @param resetAt when the window resets
 */
public record RateBudget(String scope, int remaining, int limit, Instant resetAt) {
}
