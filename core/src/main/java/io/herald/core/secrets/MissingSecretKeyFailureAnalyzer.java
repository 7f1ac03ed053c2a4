package io.herald.core.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing master key into Spring Boot's short "APPLICATION FAILED TO START"
 * report: one line saying why, one saying what to do, no stack trace.
 */
class MissingSecretKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretKeyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set HERALD_SECRET_KEY (for example: openssl rand -base64 32) and keep it safe;"
						+ " losing it makes stored credentials unreadable.",
				null);
	}

}
