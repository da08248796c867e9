package io.contrastkit.app.cli;

import io.contrastkit.app.report.ReportOptions;
import io.contrastkit.app.report.ReportResult;
import io.contrastkit.app.report.ReportService;
import io.contrastkit.app.stage.ProgressSink;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit report}: the static HTML report of a store and a model. */
@Command(name = "report",
        header = "Write a self-contained HTML report of a store and model.", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report (DIR/index.html, charts and thumbnails",
                "beside it; opens from disk, loads nothing from the network): collection",
                "summary, feature distributions, the choice of k, each group with its profile",
                "and representatives, the dendrogram, PCA and t-SNE maps, the most unusual",
                "images and the label-free validation figures with their meanings.",
                "Progress goes to stderr. Exit code: 0 written, 2 usage error or the store or",
                "model cannot be used."})
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @CommandLine.Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Report folder (created; files in it are replaced).")
    Path out;

    @Option(names = "--anomalies", paramLabel = "N", defaultValue = "" + ReportOptions.DEFAULT_ANOMALIES,
            description = "Images in the anomaly gallery. Default: ${DEFAULT-VALUE}.")
    int anomalies;

    @Option(names = "--thumbnail-side", paramLabel = "PX", defaultValue = "" + ReportOptions.DEFAULT_THUMBNAIL_SIDE,
            description = "Longest side of thumbnails. Default: ${DEFAULT-VALUE}.")
    int thumbnailSide;

    @Option(names = "--stability-refits", paramLabel = "N", defaultValue = "" + ReportOptions.DEFAULT_STABILITY_REFITS,
            description = "Bootstrap refits of the stability check. Default: ${DEFAULT-VALUE}.")
    int stabilityRefits;

    @CommandLine.Mixin
    SeedOption seedOption = new SeedOption();

    @Override
    public Integer call() throws IOException {
        ReportOptions options;
        try {
            options = new ReportOptions(storeOption.path(), modelOption.path(), out, anomalies, thumbnailSide, stabilityRefits, seedOption.value());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Writes the report with progress lines on {@code err} and its path on {@code out}; returns the exit code. */
    private static int run(ReportOptions options, PrintWriter out, PrintWriter err) throws IOException {
        ReportResult result;
        try {
            result = ReportService.write(options, new CliProgress("report", err));
        } catch (IllegalArgumentException e) {
            err.println("contrastkit: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        StageText.reported(result, out);
        return ExitCode.OK;
    }
}
