package io.contrastkit.app.stage;

import io.contrastkit.learn.model.ContrastModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ModelFittingService#fit} did: the fitted model, where it was written, and what went into
 * the store.
 *
 * @param model              the fitted model, as written to {@code modelFile}
 * @param modelFile          the model file, as the caller named it
 * @param rows               measured images the model was fitted on
 * @param anomalies          of them, how many the model flags as anomalies
 * @param predictionsWritten prediction rows stored for the model (one per image)
 */
public record ModelFitResult(ContrastModel model, Path modelFile, int rows, long anomalies, int predictionsWritten) {
    public ModelFitResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelFile, "modelFile");
    }
}
