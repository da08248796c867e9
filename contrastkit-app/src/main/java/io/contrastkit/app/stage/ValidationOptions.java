package io.contrastkit.app.stage;

import io.contrastkit.learn.validate.Downstream;
import java.nio.file.Path;

/**
 * What one validation checks, checked as a whole: the model and the store it is checked on, the contrast
 * ladders, human ratings and known labels, and how hard each check tries.
 *
 * @param store              the store the checks read, as the user named it (quoted in the result), or null
 * @param model              the model file, or null to check only the v1 features on the ladders
 * @param ladder             a folder written by {@code contrastkit ladder}, or null
 * @param human              a CSV of human ratings of stored images, or null
 * @param labels             a CSV of known labels of stored images, or null
 * @param imageColumn        the column naming the image (a path or a file name) in {@code human} and {@code labels}
 * @param truth              the column of ratings in {@code human}
 * @param labelColumn        the column of labels in {@code labels}
 * @param resamples          bootstrap resamples of the human agreement's intervals
 * @param stabilityResamples k-means refits on bootstrap resamples
 * @param seedRefits         k-means refits on all images with other seeds
 * @param stabilitySample    stability runs on a seeded sample of at most this many images
 * @param folds              cross-validation folds of the downstream check
 * @param classifier         the downstream classifier
 * @param seed               seed of every resample, refit and fold
 * @param threads            worker threads
 */
public record ValidationOptions(Path store, Path model, Path ladder, Path human, Path labels, String imageColumn,
                                String truth, String labelColumn, int resamples, int stabilityResamples,
                                int seedRefits, int stabilitySample, int folds, Downstream.Classifier classifier,
                                long seed, int threads) {

    public static final String DEFAULT_IMAGE_COLUMN = "path";
    public static final int DEFAULT_STABILITY_RESAMPLES = 50;
    public static final int DEFAULT_SEED_REFITS = 10;
    public static final int DEFAULT_STABILITY_SAMPLE = 20_000;
    public static final int DEFAULT_FOLDS = 5;

    public ValidationOptions {
        if (model == null && ladder == null) {
            throw new IllegalArgumentException("nothing to validate: give --model FILE (checks on the store)"
                    + " and/or --ladder DIR");
        }
        if ((human == null) != (truth == null)) {
            throw new IllegalArgumentException(human == null ? "--truth needs --human FILE.csv"
                    : "--human needs --truth COLUMN (the column of ratings)");
        }
        if ((labels == null) != (labelColumn == null)) {
            throw new IllegalArgumentException(labels == null ? "--label-column needs --labels FILE.csv"
                    : "--labels needs --label-column COLUMN");
        }
        if ((human != null || labels != null) && model == null) {
            throw new IllegalArgumentException("--human and --labels check the model's outputs: give --model FILE");
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("--resamples must be >= 0, got " + resamples);
        }
        if (stabilityResamples < 0 || seedRefits < 0 || stabilityResamples + seedRefits == 0) {
            throw new IllegalArgumentException("--stability-resamples and --seed-refits must be >= 0 and not both 0, got "
                    + stabilityResamples + " and " + seedRefits);
        }
        if (stabilitySample < 10) {
            throw new IllegalArgumentException("--stability-sample must be >= 10, got " + stabilitySample);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be >= 2, got " + folds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
    }

    /**
     * The label-free checks on a store alone (internal quality, stability, consistency), at the defaults but for
     * the refits: {@code stabilityResamples} bootstrap refits and a fifth as many (at least 2) other-seed refits.
     */
    public static ValidationOptions storeChecks(Path store, Path model, int stabilityResamples, long seed, int threads) {
        return new ValidationOptions(store, model, null, null, null, DEFAULT_IMAGE_COLUMN, null, null, 0,
                stabilityResamples, Math.max(2, stabilityResamples / 5), DEFAULT_STABILITY_SAMPLE, DEFAULT_FOLDS,
                Downstream.Classifier.KNN, seed, threads);
    }
}
