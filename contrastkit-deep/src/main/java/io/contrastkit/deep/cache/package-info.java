/**
 * The tensor cache: a store's images decoded once into fixed-size uint8 records beside the store
 * ({@link io.contrastkit.deep.cache.TensorCache}), read as shuffled batches on a background thread
 * ({@link io.contrastkit.deep.cache.TensorBatches}).
 */
package io.contrastkit.deep.cache;
