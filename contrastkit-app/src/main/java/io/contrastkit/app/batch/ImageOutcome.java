package io.contrastkit.app.batch;

import io.contrastkit.core.ImageError;
import java.util.Objects;

/**
 * What became of one candidate file in an {@link ImageBatchRunner} run: its work's result, a typed
 * failure (kind and one-line reason), or skipped because a folder walk met a file that is no image.
 *
 * @param <R> the work's result (a feature vector, a set of written variants, ...)
 */
public sealed interface ImageOutcome<R> {

    /** The file the outcome is about. */
    CollectionScanner.Candidate candidate();

    /**
     * The work ran.
     *
     * @param contentHash SHA-256 of the file's bytes in hex, or null when the run was not asked to hash
     */
    record Done<R>(CollectionScanner.Candidate candidate, R value, String contentHash) implements ImageOutcome<R> {
        public Done {
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /**
     * The file could not be read, decoded or measured.
     *
     * @param contentHash SHA-256 of the bytes when they were read (a corrupt file), else null
     */
    record Failed<R>(CollectionScanner.Candidate candidate, ImageError error, String contentHash)
            implements ImageOutcome<R> {
        public Failed {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(error, "error");
        }
    }

    /** A folder walk met a file that neither looks nor is named like an image: skipped, not a failure. */
    record NotImage<R>(CollectionScanner.Candidate candidate) implements ImageOutcome<R> {
    }
}
