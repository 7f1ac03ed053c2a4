package io.herald.drivers.bluesky;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Makes sure the {@link LocalPds} runs before a test. Without Node.js every test is
 * skipped with a clear message (a skipped class would show in the build log as zero
 * tests), or the class fails when {@code CI=true}.
 */
public class LocalPdsExtension implements BeforeAllCallback, BeforeEachCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		try {
			LocalPds.get();
		}
		catch (TestAbortedException ex) {
			// Reported once per test by beforeEach, where build logs count skips.
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		LocalPds.get();
	}

}
