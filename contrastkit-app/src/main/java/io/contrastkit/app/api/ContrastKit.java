package io.contrastkit.app.api;

import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.learn.model.ContrastModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * contrastkit from code: a saved model's prediction for one image in memory, the same one
 * {@code contrastkit predict} prints for a file (features, group, group name, distance, contrast score,
 * anomaly score, whether it is an anomaly, map position).
 *
 * <pre>{@code
 * ContrastKit kit = ContrastKit.open(Path.of("model.json"));
 * PredictionService.Measured r = kit.predict(Files.readAllBytes(Path.of("new.jpg")));
 * System.out.println(r.prediction().groupName() + " " + r.prediction().contrastScore());
 * }</pre>
 *
 * <p>A thin layer over {@link PredictionService#predictImage}: the same decoder, limits and memory budget
 * as the commands. Immutable and thread-safe; one instance serves any number of threads (the service,
 * {@code contrastkit serve}, shares one).
 */
public final class ContrastKit {

    /** The longest side of the fast tier's working image (the default working size is 512). */
    public static final int FAST_MAX_SIDE = 256;

    /** How an image is measured before the model sees it. */
    public enum Tier {
        /**
         * The features at a reduced working size ({@link #FAST_MAX_SIDE} px on the longest side, or the
         * model's own size when that is smaller) and the model: faster on large images, and not the same
         * numbers (README, "Serving predictions", says what it costs).
         */
        FAST,
        /** The full features, at the working size the store was extracted with, and the model. */
        HYBRID;

        /** The name requests use: {@code fast}, {@code hybrid}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ContrastModel model;
    private final PredictionService service;
    private final PredictionService fast;
    private final ExtractionOptions extraction;

    private ContrastKit(ContrastModel model, PredictionService service, PredictionService fast,
                        ExtractionOptions extraction) {
        this.model = model;
        this.service = service;
        this.fast = fast;
        this.extraction = extraction;
    }

    /**
     * Loads a model file, to measure images with the default extraction options (those {@code extract}
     * uses by default).
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a model this contrastkit reads
     *                                  (the message names the file and what is wrong)
     */
    public static ContrastKit open(Path model) {
        return open(model, ExtractionOptions.defaults());
    }

    /**
     * Loads a model file, to measure images with {@code extraction}: use the options its store was
     * extracted with, so features are measured the same way.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a model this contrastkit reads
     * @throws IllegalStateException    when the model was fitted on another feature version
     */
    public static ContrastKit open(Path model, ExtractionOptions extraction) {
        Objects.requireNonNull(model, "model");
        return of(ModelFiles.read(model), "model " + model, extraction);
    }

    /** The same over a model already in memory; {@code name} is how messages name it. */
    public static ContrastKit of(ContrastModel model, String name, ExtractionOptions extraction) {
        // One thread: a single image's map placement is one point, so more would only add hand-offs.
        ExtractionOptions reduced = fastOptions(extraction);
        return new ContrastKit(model, new PredictionService(model, name, new PredictionService.Options(extraction, 1)),
                new PredictionService(model, name, new PredictionService.Options(reduced, 1)), extraction);
    }

    private static ExtractionOptions fastOptions(ExtractionOptions full) {
        int side = full.maxSide() == 0 ? FAST_MAX_SIDE : Math.min(FAST_MAX_SIDE, full.maxSide());
        return full.withMaxSide(side);
    }

    /** The extraction options of a tier (the fast tier's working size is smaller). */
    public ExtractionOptions extraction(Tier tier) {
        return tier == Tier.FAST ? fastOptions(extraction) : extraction;
    }

    /**
     * Measures and predicts one encoded image (JPEG, PNG, WebP, TIFF, BMP, GIF) on the calling thread.
     *
     * @throws ImageError when the bytes are not an image contrastkit can measure; {@link ImageError#kind()}
     *                    says why (not an image, unsupported, truncated, too many pixels, corrupt, empty)
     */
    public PredictionService.Measured predict(byte[] image) throws ImageError {
        return predict(image, Tier.HYBRID);
    }

    /** {@link #predict(byte[])} in the given tier. */
    public PredictionService.Measured predict(byte[] image, Tier tier) throws ImageError {
        Objects.requireNonNull(image, "image");
        return (Objects.requireNonNull(tier, "tier") == Tier.FAST ? fast : service).predictImage(image);
    }

    /** The model predictions come from. */
    public ContrastModel model() {
        return model;
    }

    /** The model's version: its content id, as {@code model show} and the predictions table name it. */
    public String modelVersion() {
        return model.id();
    }
}
