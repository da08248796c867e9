package io.contrastkit.deep.cache;

/**
 * One batch of cached images as the models read them.
 *
 * @param pixels  {@code size} images, each 3 x S x S floats in [0, 1], channels first (owned by the batch)
 * @param ids     the image id of each image
 * @param index   the batch's position in its epoch, from 0
 */
public record TensorBatch(float[] pixels, long[] ids, int index) {

    /** Images in the batch. */
    public int size() {
        return ids.length;
    }
}
