package io.contrastkit.app.api;

import io.contrastkit.app.stage.ImageEmbedder;
import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.deep.EngineOptions;
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
 *
 * <p>{@link #withEmbedding} adds the deep tier, {@link #predictDeep}: the prediction plus a trained deep
 * model's embedding of the image ({@link ImageEmbedder}). Only then is libtorch loaded; {@link #close}
 * frees it (a kit without a deep model holds nothing to free).
 */
public final class ContrastKit implements AutoCloseable {

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

    /** The name requests use for the deep tier: the hybrid tier's prediction plus the embedding. */
    public static final String DEEP = "deep";

    /**
     * A deep-tier answer.
     *
     * @param measured  the hybrid tier's features and prediction
     * @param embedding the deep model's embedding of the same image
     */
    public record DeepPrediction(PredictionService.Measured measured, ImageEmbedder.Embedding embedding) {
    }

    private final ContrastModel model;
    private final String name;
    private final PredictionService service;
    private final PredictionService fast;
    private final ExtractionOptions extraction;
    /** The deep model, or null; shared by the kits {@link #withModel} makes from this one. */
    private final ImageEmbedder embedder;

    private ContrastKit(ContrastModel model, String name, PredictionService service, PredictionService fast,
                        ExtractionOptions extraction, ImageEmbedder embedder) {
        this.model = model;
        this.name = name;
        this.service = service;
        this.fast = fast;
        this.extraction = extraction;
        this.embedder = embedder;
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
        return of(model, name, extraction, null);
    }

    private static ContrastKit of(ContrastModel model, String name, ExtractionOptions extraction,
                                  ImageEmbedder embedder) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(extraction, "extraction");
        ExtractionOptions reduced = fastOptions(extraction);
        return new ContrastKit(model, name, new PredictionService(model, name, new PredictionService.Options(extraction, 1)),
                new PredictionService(model, name, new PredictionService.Options(reduced, 1)), extraction, embedder);
    }

    /**
     * This kit with the deep tier: the model directory {@code train vae} saved ({@code <run>/model}), run on the
     * CPU with one PyTorch thread per forward pass and up to one copy of the model per core for concurrent
     * callers. Close the kit it returns to free the model.
     *
     * @throws io.contrastkit.deep.DeepException naming the directory when it holds no model this version
     *                                           reads, or when libtorch cannot start
     */
    public ContrastKit withEmbedding(Path modelDir) {
        return withEmbedding(modelDir, new EngineOptions(EngineOptions.Device.CPU, 1),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@link #withEmbedding(Path)} on {@code engine}, at most {@code copies} callers embedding at once (the
     * service passes its worker count). One PyTorch thread suits a service: its parallelism is its workers.
     */
    public ContrastKit withEmbedding(Path modelDir, EngineOptions engine, int copies) {
        if (embedder != null) {
            throw new IllegalStateException("this kit already has the deep model " + embedder.modelDir());
        }
        return of(model, name, extraction, ImageEmbedder.open(modelDir, engine, copies));
    }

    /** The same extraction options and deep model (shared, not copied) over another model: what a refit serves. */
    public ContrastKit withModel(ContrastModel other, String otherName) {
        return of(other, otherName, extraction, embedder);
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

    /** Whether the deep tier is here ({@link #withEmbedding}). */
    public boolean hasEmbedding() {
        return embedder != null;
    }

    /** The deep model's id, or null without one. */
    public String embeddingModelId() {
        return embedder == null ? null : embedder.modelId();
    }

    /** Values per embedding, or 0 without a deep model. */
    public int embeddingSize() {
        return embedder == null ? 0 : embedder.size();
    }

    /**
     * The deep tier on the calling thread: the hybrid tier's prediction ({@link #predict(byte[])}) and the deep
     * model's embedding of the same image (decoded again, to the model's square working image, as {@code embed}
     * prepares the store's images, so the vectors agree with the stored ones).
     *
     * @throws ImageError            when the bytes are not an image contrastkit can measure
     * @throws IllegalStateException when this kit has no deep model ({@link #withEmbedding})
     */
    public DeepPrediction predictDeep(byte[] image) throws ImageError {
        if (embedder == null) {
            throw new IllegalStateException("no deep model: open the kit withEmbedding(<model dir>) for the deep tier");
        }
        PredictionService.Measured m = predict(image, Tier.HYBRID);
        return new DeepPrediction(m, embedder.embed(image));
    }

    /** Frees the deep model, if any (the kits {@link #withModel} made share it, and lose it too). Idempotent. */
    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
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
