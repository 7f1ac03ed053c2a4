package io.herald.drivers.spi;

/**
 * Rules for image descriptions.
 *
 * @param supported whether the network stores alt text at all
 * @param required whether every image must have one
 * @param maxLength the longest alt text in characters
 */
public record AltTextRules(boolean supported, boolean required, int maxLength) {
}
