/**
 * Deep contrast embeddings on DJL's PyTorch engine: the engine's offline start ({@link io.contrastkit.deep.Engines}),
 * the tensor cache of a store's images, and the models and their training loops.
 */
package io.contrastkit.deep;
