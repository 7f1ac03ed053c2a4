/**
 * The compatibility kit every driver's tests extend.
 */
package io.herald.drivers.kit;
