package io.herald.drivers.support.outbound;

import java.io.IOException;
import java.net.Proxy;

import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Decides whether Herald may call a URL a user typed (a Bluesky service, a link to
 * preview, later webhooks and feeds), and bounds what such a call may cost.
 * <ul>
 * <li>https only, unless the operator allowlists the host;</li>
 * <li>never a loopback, private, link-local, CGNAT, multicast, metadata or other
 * non-public address, IPv4 or IPv6, checked on the address actually connected (so DNS
 * rebinding and IP literals cannot slip through) and again on every redirect;</li>
 * <li>at most {@link OutboundSettings#maxResponseBytes()} read of an answer, and at most
 * {@link OutboundSettings#callTimeout()} per call.</li>
 * </ul>
 * Refusals fail the call with an {@link OutboundRefusedException}, oversized answers with
 * a {@link ResponseTooLargeException}.
 */
public final class OutboundPolicy {

	private final OutboundSettings settings;

	private final Allowlist allowlist;

	private final Dns dns;

	private final GuardedSockets sockets;

	/**
	 * A policy resolving names with the system resolver.
	 * @param settings the operator's settings
	 */
	public OutboundPolicy(OutboundSettings settings) {
		this(settings, Dns.SYSTEM);
	}

	/**
	 * A policy resolving names with the given resolver.
	 * @param settings the operator's settings
	 * @param resolver the resolver whose answers the policy filters
	 */
	public OutboundPolicy(OutboundSettings settings, Dns resolver) {
		this.settings = settings;
		this.allowlist = Allowlist.of(settings.allowedHosts());
		this.dns = new PolicyDns(resolver, this.allowlist);
		this.sockets = new GuardedSockets(this.allowlist);
	}

	/**
	 * The policy with every default: https, public addresses, 1 MiB, 60 s.
	 * @return the strict policy
	 */
	public static OutboundPolicy strict() {
		return new OutboundPolicy(OutboundSettings.defaults());
	}

	public OutboundSettings settings() {
		return this.settings;
	}

	/**
	 * Makes a client builder obey this policy. Timeouts set afterwards may shorten the
	 * call timeout; nothing should replace the DNS, socket factory or proxy.
	 * @param builder the builder to restrict
	 * @return the same builder
	 */
	public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
		// Direct connections only: through a proxy the connected address would be the
		// proxy's, and the checked one would not be the one reached. An own pool keeps
		// connections opened without the policy out of reach.
		return builder.proxy(Proxy.NO_PROXY)
			.connectionPool(new ConnectionPool())
			.dns(this.dns)
			.socketFactory(this.sockets)
			.callTimeout(this.settings.callTimeout())
			.addInterceptor(this::firstHop)
			.addNetworkInterceptor(this::everyHop);
	}

	/**
	 * A new client obeying this policy.
	 * @return the client
	 */
	public OkHttpClient client() {
		return applyTo(new OkHttpClient.Builder()).build();
	}

	/** Checks the URL before anything is connected, and bounds the final answer. */
	private Response firstHop(Interceptor.Chain chain) throws IOException {
		requireScheme(chain.request().url());
		Response response = chain.proceed(chain.request());
		long limit = this.settings.maxResponseBytes();
		if (response.body().contentLength() > limit) {
			response.close();
			throw new ResponseTooLargeException(limit);
		}
		// Bounded after decompression, so a small gzip bomb cannot pass.
		return response.newBuilder().body(new BoundedBody(response.body(), limit)).build();
	}

	/**
	 * Redirects are followed by OkHttp; each hop passes here before its request is sent
	 * (its address was already checked by the socket).
	 */
	private Response everyHop(Interceptor.Chain chain) throws IOException {
		requireScheme(chain.request().url());
		return chain.proceed(chain.request());
	}

	private void requireScheme(HttpUrl url) throws OutboundRefusedException {
		if (!url.isHttps() && !this.allowlist.trusts(url.host())) {
			throw new OutboundRefusedException("Only https URLs are allowed");
		}
	}

}
