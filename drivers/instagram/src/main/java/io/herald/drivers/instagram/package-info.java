/**
 * The instagram driver.
 */
package io.herald.drivers.instagram;
