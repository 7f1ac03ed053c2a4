/**
 * The bluesky driver.
 */
package io.herald.drivers.bluesky;
