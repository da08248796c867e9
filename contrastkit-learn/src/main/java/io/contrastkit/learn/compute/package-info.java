/**
 * Numeric kernels shared by clustering, cluster metrics and PCA: deterministic block-parallel loops and
 * vectorisable distance sweeps. A package of its own so that none of its users has to depend on another.
 */
package io.contrastkit.learn.compute;
