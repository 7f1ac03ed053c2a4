package io.herald.drivers.bluesky;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure the {@link LocalPds} runs before a test class, skipping or failing the class
 * with a clear message when Node.js is missing.
 */
class LocalPdsExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		LocalPds.get();
	}

}
