package io.contrastkit.store;

import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import java.time.Instant;
import java.util.Objects;

/**
 * One image's row to write: file identity, outcome, and for {@link ImageStatus#OK} its features.
 *
 * @param path          absolute, normalised file path (the key that replaces an earlier row)
 * @param size          file size in bytes
 * @param mtimeNs       modification time, nanoseconds since the epoch
 * @param contentHash   hex digest of the content, or null when not computed
 * @param width         source width in pixels, null when failed
 * @param height        source height in pixels, null when failed
 * @param format        decoder format name ({@code jpeg}, {@code png}, ...), null when failed
 * @param decoder       which decoder made the pixels, {@code "name version"} (e.g. {@code libwebp 1.2.4}); null
 *                      when failed, or for rows of stores that did not record it (schema version 1)
 * @param errorKind     {@link ImageError.Kind} name when failed, else null
 * @param errorText     one-line reason when failed, else null
 * @param features      the values in the store's schema order when ok (shared, not copied), else null
 */
public record ImageRecord(String path, long size, long mtimeNs, String contentHash, Integer width, Integer height,
                          String format, String decoder, ImageStatus status, String errorKind, String errorText,
                          String featureVersion, Instant extractedAt, double[] features) {

    public ImageRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(featureVersion, "featureVersion");
        Objects.requireNonNull(extractedAt, "extractedAt");
        if (status == ImageStatus.OK && features == null) {
            throw new IllegalArgumentException("image " + path + " is ok but has no features");
        }
        if (status == ImageStatus.FAILED && (features != null || errorKind == null)) {
            throw new IllegalArgumentException("image " + path + " failed: it needs an error kind and no features");
        }
    }

    /** A successfully extracted image. */
    public static ImageRecord ok(String path, long size, long mtimeNs, int width, int height, String format,
                                 String decoder, FeatureVector vector, Instant extractedAt) {
        return new ImageRecord(path, size, mtimeNs, null, width, height, format, decoder, ImageStatus.OK, null, null,
                vector.schema().version(), extractedAt, vector.toArray());
    }

    /** This record with the content's digest set (hex), for an image whose bytes were read. */
    public ImageRecord withContentHash(String hash) {
        return new ImageRecord(path, size, mtimeNs, hash, width, height, format, decoder, status, errorKind, errorText,
                featureVersion, extractedAt, features);
    }

    /** An image that could not be decoded or measured. */
    public static ImageRecord failed(String path, long size, long mtimeNs, ImageError error, String featureVersion,
                                     Instant extractedAt) {
        return new ImageRecord(path, size, mtimeNs, null, null, null, null, null, ImageStatus.FAILED,
                error.kind().name(), error.reason(), featureVersion, extractedAt, null);
    }
}
