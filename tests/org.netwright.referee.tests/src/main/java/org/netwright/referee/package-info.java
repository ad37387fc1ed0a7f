/**
 * Differential tests of the packet-walk engine against the real Linux kernel (the tests live in
 * {@code src/test/java}; this bundle has no main code).
 */
package org.netwright.referee;
