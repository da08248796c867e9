package io.contrastkit.app.cli;


import io.contrastkit.app.stage.Defaults;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.LabelTable;
import io.contrastkit.store.StoreCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit export}: a store's tables as CSV or Parquet, one row per image. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a feature store, one row per image, ordered by path.",
                "CSV: header path,status,<20 feature names>; failed images have empty features.",
                "Parquet: the same columns, then size, mtime_ns, content_hash, width, height,",
                "format, error_kind, error_text, feature_version and extracted_at (what",
                "'contrastkit import' needs to restore a store).",
                "--what predictions: path,status,<20 features> and",
                "group,group_name,contrast_score,anomaly_score,map_x,map_y from the predictions",
                "of contrastkit cluster (the latest model's unless --model-id is given).",
                "--what labels: path,label,source,confidence,labeled_at (people's labels and",
                "propagated ones).",
                "Exit code: 0 exported, 2 usage error or the store or output cannot be used."})
public final class ExportCommand implements Callable<Integer> {

    enum Format { csv, parquet }

    /** What to export. */
    enum What { features, predictions, labels }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "csv or parquet.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file (replaced if present).")
    Path out;

    @Option(names = "--what", paramLabel = "TABLE", defaultValue = "features",
            description = "What to export: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    What what;

    @Option(names = "--model-id", paramLabel = "ID",
            description = "With --what predictions: which model's predictions. Default: the latest.")
    String modelId;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (what == What.predictions) {
            return PredictionExport.run(storeOption.path(), modelId, out, format == Format.parquet, stdout, err);
        }
        if (what == What.labels) {
            try (StoreSession tSession = StoreSession.open(storeOption.path(), FeatureSchema.V1, StoreSession.Access.READ)) {
                LabelTable t = tSession.labels();
                t.export(out, format == Format.parquet);
                stdout.println("exported " + Plural.of(t.labels().size(), "label") + " to " + out);
                stdout.flush();
                return ExitCode.OK;
            }
        }
        try (StoreSession fsSession = StoreSession.open(storeOption.path(), FeatureSchema.V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            switch (what) {
                case features -> {
                    if (format == Format.csv) {
                        fs.exportCsv(out);
                    } else {
                        fs.exportParquet(out);
                    }
                }
                default -> throw new IllegalStateException("no export for " + what);
            }
            StoreCounts c = fs.counts();
            stdout.println("exported " + Plural.of(c.total(), "image") + " (" + c.ok() + " ok, " + c.failed() + " failed) to " + out);
            stdout.flush();
            return ExitCode.OK;
        }
    }
}
