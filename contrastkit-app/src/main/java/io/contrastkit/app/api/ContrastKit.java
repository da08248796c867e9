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

    private final ContrastModel model;
    private final PredictionService service;

    private ContrastKit(ContrastModel model, PredictionService service) {
        this.model = model;
        this.service = service;
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
        return new ContrastKit(model, new PredictionService(model, name, new PredictionService.Options(extraction, 1)));
    }

    /**
     * Measures and predicts one encoded image (JPEG, PNG, WebP, TIFF, BMP, GIF) on the calling thread.
     *
     * @throws ImageError when the bytes are not an image contrastkit can measure; {@link ImageError#kind()}
     *                    says why (not an image, unsupported, truncated, too many pixels, corrupt, empty)
     */
    public PredictionService.Measured predict(byte[] image) throws ImageError {
        return service.predictImage(Objects.requireNonNull(image, "image"));
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
