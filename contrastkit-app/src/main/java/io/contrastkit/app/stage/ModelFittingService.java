package io.contrastkit.app.stage;

import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelFit;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.PredictionTable;
import io.contrastkit.store.StoreException;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ModelFitting stage: fits a contrast model to a store's measured images, writes the model file and
 * stores one prediction per image for it. It never prints or exits; steps of the fit go to a
 * {@link ProgressSink} ({@code start("fit", -1)}, one {@code step} per finished step, {@code finish()}).
 */
public final class ModelFittingService {

    /**
     * What to fit and where to write it.
     *
     * @param model     the clustering, scaling, cut and map settings
     * @param seed      the seed of every random choice: same store and seed give the same model
     * @param modelFile the model file to write (replaced if present)
     * @param createdAt the model's creation time in its provenance; the caller chooses it (the command
     *                  line honours {@code SOURCE_DATE_EPOCH}) so that the service reads no environment
     */
    public record Options(ContrastModelOptions model, long seed, Path modelFile, Instant createdAt) {
        public Options {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(modelFile, "modelFile");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** The default settings and seed ({@link Defaults#SEED}), created now. */
        public static Options of(Path modelFile) {
            return new Options(ContrastModelOptions.defaults(), Defaults.SEED, modelFile, Instant.now());
        }
    }

    private ModelFittingService() {
    }

    /**
     * Reads the session's features, fits, writes the model file (atomically) and replaces the model's
     * predictions in the store.
     *
     * @param session  a session that may write ({@link StoreSession.Access#WRITE}); its file is the
     *                 provenance's store, as the user named it
     * @param progress receives the fit's steps
     * @throws ModelFitException with the reason when the store cannot be read, holds too few images,
     *                           the options do not fit it, or the predictions cannot be stored
     * @throws IOException       when the model file cannot be written
     */
    public static ModelFitResult fit(Options options, StoreSession session, ProgressSink progress) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(progress, "progress");
        Path store = session.file();
        FeatureMatrix matrix;
        try {
            matrix = session.features().readFeatures();
        } catch (StoreException e) {
            throw new ModelFitException(ModelFitException.Kind.STORE, e.getMessage(), e);
        }
        if (matrix.rows() < ContrastModelTrainer.MIN_ROWS) {
            throw new ModelFitException(ModelFitException.Kind.TOO_FEW_ROWS, "store " + store + " has " + matrix.rows()
                    + " measured images; a model needs at least " + ContrastModelTrainer.MIN_ROWS
                    + " (run contrastkit extract on more images)", null);
        }
        Provenance.Source source = new Provenance.Source(ToolVersion.current(), store.toString(),
                options.createdAt().toString(), ToolVersion.javaRuntime(), ToolVersion.operatingSystem());
        ContrastModelFit fit;
        // The phase starts here, after the features are read, so the steps' times count the fit only.
        progress.start("fit", -1);
        try {
            fit = ContrastModelTrainer.fit(matrix.values(), Arrays.asList(matrix.paths()), matrix.schema(),
                    options.model(), options.seed(), source, progress::step);
        } catch (IllegalArgumentException e) {
            throw new ModelFitException(ModelFitException.Kind.INVALID, e.getMessage(), e);
        } finally {
            progress.finish();
        }
        ContrastModel m = fit.model();
        ModelFiles.write(m, options.modelFile());
        List<PredictionTable.Row> rows = new ArrayList<>(matrix.rows());
        long[] ids = matrix.ids();
        for (int i = 0; i < ids.length; i++) {
            Prediction p = fit.predictions().get(i);
            rows.add(new PredictionTable.Row(ids[i], p.group(), p.groupName(), p.distance(), p.contrastScore(),
                    p.anomalyScore(), p.anomaly(), p.mapX(), p.mapY()));
        }
        try {
            session.predictions().replace(m.id(), options.modelFile().toAbsolutePath().toString(), rows);
        } catch (StoreException e) {
            throw new ModelFitException(ModelFitException.Kind.PREDICTIONS_NOT_STORED, "model written to "
                    + options.modelFile() + " but its predictions could not be stored: " + e.getMessage(), e);
        }
        long flagged = fit.predictions().stream().filter(Prediction::anomaly).count();
        return new ModelFitResult(m, options.modelFile(), matrix.rows(), flagged, rows.size());
    }
}
