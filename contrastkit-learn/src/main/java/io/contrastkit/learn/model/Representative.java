package io.contrastkit.learn.model;

/**
 * One image shown for a group.
 *
 * @param path     the image's path as given to the trainer (or {@code "row N"} when no paths were given)
 * @param kind     {@code central} (among the closest to the centroid) or {@code spread} (farthest-point sampled)
 * @param distance its distance to the group's centroid in the scaled space
 */
public record Representative(String path, String kind, double distance) {
    public Representative {
        if (path == null || kind == null) {
            throw new IllegalArgumentException("representative path and kind must not be null");
        }
    }
}
