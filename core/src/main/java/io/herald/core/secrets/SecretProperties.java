package io.herald.core.secrets;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Herald's master key comes from.
 *
 * @param secretKey the master key ({@code HERALD_SECRET_KEY}): at least 32 bytes, base64
 * or plain text; blank means "generate one into the data directory" unless
 * {@code required}
 * @param dataDir where a generated key is kept ({@code <dataDir>/secret.key})
 * @param required refuse to start without an explicit key (true in the {@code prod}
 * profile)
 */
@ConfigurationProperties("herald")
public record SecretProperties(String secretKey, @DefaultValue("./data") Path dataDir,
		@DefaultValue("false") boolean secretKeyRequired) {
}
