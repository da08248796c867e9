package io.contrastkit.app.stage;

import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelRefit;
import io.contrastkit.learn.model.FeatureDrift;
import io.contrastkit.learn.model.Provenance;
import java.time.Instant;
import java.util.Objects;

/** Online adaptation of a serving model: the refit on served images' features, and their drift from training. */
public final class ModelAdaptationService {

    /** The fewest served images a refit takes. */
    public static final int MIN_ROWS = ContrastModelRefit.MIN_ROWS;

    private ModelAdaptationService() {
    }

    /**
     * A model adapted to served images ({@link ContrastModelRefit}: warm-started k-means over the rows plus the
     * previous centroids, groups matched to their predecessors, score and anomaly calibrations refitted).
     *
     * @param what how the provenance names the rows, e.g. {@code "served images of model <id>"}
     * @throws IllegalArgumentException when there are fewer than {@link #MIN_ROWS} rows or a row is malformed
     */
    public static ContrastModel refit(ContrastModel previous, double[][] rows, String what, Instant at) {
        Objects.requireNonNull(previous, "previous");
        Provenance.Source source = new Provenance.Source(ToolVersion.current(), what, at.toString(),
                ToolVersion.javaRuntime(), ToolVersion.operatingSystem());
        return ContrastModelRefit.refit(previous, rows, source);
    }

    /** The training bins drift is measured against (the training rows the model carries). */
    public static FeatureDrift drift(ContrastModel model) {
        return FeatureDrift.of(model);
    }
}
