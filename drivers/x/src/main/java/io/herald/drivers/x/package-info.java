/**
 * The x driver.
 */
package io.herald.drivers.x;
