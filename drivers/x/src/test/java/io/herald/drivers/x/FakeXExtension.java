package io.herald.drivers.x;

import java.time.Instant;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gives tests the one {@link FakeXServer} of this test JVM (started on first use, closed
 * when the run ends) and fails any test during which the fake saw a request or sent a
 * response the X OpenAPI document does not allow.
 */
final class FakeXExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

	static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeXExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == FakeXServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		FakeXServer server = server(context);
		server.reset();
		server.clock().set(START);
		server.takeViolations();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		assertThat(server(context).takeViolations()).as("requests and responses the X OpenAPI document rejects")
			.isEmpty();
	}

	static FakeXServer server(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(FakeXServer.class, (key) -> new FakeXServer(new MutableClock(START)).warmUp(),
					FakeXServer.class);
	}

}
