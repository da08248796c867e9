package io.contrastkit.store;

import io.contrastkit.core.FeatureSchema;

/**
 * Features of the store's ok images as a dense matrix, for the learning stage: row {@code i} is
 * image {@code ids[i]} at {@code paths[i]}. The arrays are shared with the caller, not copied.
 */
public record FeatureMatrix(FeatureSchema schema, long[] ids, String[] paths, double[][] values) {

    public FeatureMatrix {
        if (ids.length != paths.length || ids.length != values.length) {
            throw new IllegalArgumentException("ids, paths and values differ in length: " + ids.length + ", "
                    + paths.length + ", " + values.length);
        }
    }

    public int rows() {
        return ids.length;
    }
}
