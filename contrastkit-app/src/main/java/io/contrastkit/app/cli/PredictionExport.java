package io.contrastkit.app.cli;

import io.contrastkit.app.stage.StalePredictions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.PredictionTable;
import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** {@code contrastkit export --what predictions}: kept apart so that ExportCommand only dispatches to it. */
final class PredictionExport {

    private PredictionExport() {
    }

    static int run(Path store, String modelId, Path out, boolean parquet, PrintWriter stdout, PrintWriter err) {
        try (StoreSession tableSession = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.READ)) {
            PredictionTable table = tableSession.predictions();
            Optional<String> id = modelId != null ? Optional.of(modelId) : table.latestModel();
            if (id.isEmpty()) {
                err.println("contrastkit: store " + store + " has no predictions (run contrastkit cluster first)");
                return ExitCode.USAGE;
            }
            if (table.models().stream().noneMatch(m -> m.modelId().equals(id.get()))) {
                err.println("contrastkit: store " + store + " has no predictions of model " + id.get());
                return ExitCode.USAGE;
            }
            StalePredictions.of(table, id.get()).ifPresent(w -> err.println("contrastkit: " + w));
            table.export(id.get(), out, parquet);
            stdout.println("exported the predictions of model " + id.get() + " to " + out);
            stdout.flush();
            return ExitCode.OK;
        }
    }
}
