/**
 * Test support shared by every module's tests: tolerance asserts, the one golden-file loader, the
 * skip-or-require-in-CI check, and the fixtures more than one module reads (on this jar's classpath).
 * Depends on no contrastkit module, so every module can use it with test scope.
 */
package io.contrastkit.testing;
