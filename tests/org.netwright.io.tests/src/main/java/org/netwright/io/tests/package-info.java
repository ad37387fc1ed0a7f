/**
 * Integration tests of export, namespace lab, snapshot and import on every bundled example (the tests live in
 * {@code src/test/java}; this bundle has no main code).
 */
package org.netwright.io.tests;
