package io.herald.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing down, per account and per client address: a sliding window of
 * failures; beyond the free ones each failure locks the key for a delay that doubles, and
 * a locked key is answered at once (429) without computing a hash.
 * <p>
 * State is in memory, per node: behind a load balancer N api nodes allow N times the
 * attempts. That keeps a database write off every failed sign-in, and the delays still
 * grow exponentially on each node.
 */
@Component
class LoginThrottle {

	private final LoginThrottleProperties policy;

	private final Clock clock;

	private final Map<String, FailureWindow> accounts = new ConcurrentHashMap<>();

	private final Map<String, FailureWindow> addresses = new ConcurrentHashMap<>();

	LoginThrottle(LoginThrottleProperties policy, Clock clock) {
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * Lets one sign-in attempt through, or refuses it while the account or the address is
	 * locked. An admitted attempt counts as a failure until it
	 * {@link Admission#succeeded() succeeds}, so a burst of parallel guesses is limited
	 * like a sequence of them.
	 * @param email the email as typed
	 * @param address the client address ({@code getRemoteAddr()}, behind a trusted proxy
	 * the forwarded one)
	 * @return the admission
	 * @throws LoginThrottledException while either key is locked
	 */
	Admission admit(String email, String address) {
		String account = accountKey(email);
		String client = addressKey(address);
		Instant now = this.clock.instant();
		Duration accountLock = recordUnlessLocked(this.accounts, account, now, this.policy.accountFreeFailures());
		if (!accountLock.isZero()) {
			throw new LoginThrottledException(accountLock);
		}
		Duration addressLock = recordUnlessLocked(this.addresses, client, now, this.policy.addressFreeFailures());
		if (!addressLock.isZero()) {
			forget(this.accounts, account, now);
			throw new LoginThrottledException(addressLock);
		}
		return new Admission(account, client, now);
	}

	/**
	 * Checks and records in one step per key, so parallel attempts cannot all pass the
	 * check before any of them is counted.
	 * @return the remaining lock, or zero when the attempt was recorded
	 */
	private Duration recordUnlessLocked(Map<String, FailureWindow> windows, String key, Instant now, int free) {
		if (windows.size() >= this.policy.maxTrackedKeys()) {
			forgetQuietKeys(windows, now);
		}
		Duration[] locked = { Duration.ZERO };
		windows.compute(key, (k, window) -> {
			FailureWindow failures = (window != null) ? window : new FailureWindow();
			locked[0] = failures.lockedFor(now, free, this.policy);
			if (locked[0].isZero()) {
				failures.add(now);
			}
			return failures;
		});
		return locked[0];
	}

	private static void forget(Map<String, FailureWindow> windows, String key, Instant at) {
		windows.computeIfPresent(key, (k, window) -> {
			window.remove(at);
			return window;
		});
	}

	/**
	 * Keeps memory bounded under a spray of emails or addresses: keys without a failure
	 * in the window go first; if that is not enough, arbitrary ones (their attackers get
	 * a fresh allowance, which is better than a node running out of memory). It frees a
	 * tenth of the room at once, so a full map is not scanned on every attempt.
	 */
	private void forgetQuietKeys(Map<String, FailureWindow> windows, Instant now) {
		int target = this.policy.maxTrackedKeys() - Math.max(1, this.policy.maxTrackedKeys() / 10);
		for (String key : windows.keySet()) {
			// Per key, atomically: the deque is only ever touched inside the map's
			// compute.
			windows.computeIfPresent(key, (k, window) -> window.isEmpty(now, this.policy.window()) ? null : window);
		}
		var keys = windows.keySet().iterator();
		while (windows.size() > target && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

	int trackedKeys() {
		return this.accounts.size() + this.addresses.size();
	}

	static String accountKey(String email) {
		return String.valueOf(email).trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * An IPv6 client usually holds a whole /64, so it is one key; IPv4 addresses are
	 * their own key.
	 */
	static String addressKey(String address) {
		if (address == null || address.isBlank()) {
			return "unknown";
		}
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			// A literal: parsed, never looked up.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length == 16) {
				Arrays.fill(bytes, 8, 16, (byte) 0);
				return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
			}
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	/** One admitted attempt; a failure unless it succeeds. */
	final class Admission {

		private final String account;

		private final String address;

		private final Instant at;

		private Admission(String account, String address, Instant at) {
			this.account = account;
			this.address = address;
			this.at = at;
		}

		/**
		 * The password was right: the account starts afresh, and the attempt no longer
		 * counts against the address. Earlier failures from the address still count, or
		 * signing into one's own account would reset a guesser's allowance.
		 */
		void succeeded() {
			LoginThrottle.this.accounts.remove(this.account);
			forget(LoginThrottle.this.addresses, this.address, this.at);
		}

	}

}
