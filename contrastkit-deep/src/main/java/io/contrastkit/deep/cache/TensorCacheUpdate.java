package io.contrastkit.deep.cache;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@link TensorCache#update} did.
 *
 * @param file      the cache file
 * @param imageSize the side S of its images
 * @param reused    images already cached and unchanged (not read, not decoded)
 * @param decoded   images read and decoded in this run
 * @param failures  images of the store that could not be cached (gone, unreadable), with a one-line reason
 * @param ids       the store's ok images now in the cache, in the store's path order (shared, not copied)
 */
public record TensorCacheUpdate(Path file, int imageSize, int reused, int decoded, List<Failure> failures,
                                long[] ids) {

    public TensorCacheUpdate {
        failures = List.copyOf(failures);
    }

    /** One image that could not be cached. */
    public record Failure(String path, String reason) {
    }
}
