package io.contrastkit.app.cli;

import io.contrastkit.app.report.ReportOptions;
import io.contrastkit.app.report.ReportResult;
import io.contrastkit.app.report.ReportService;
import io.contrastkit.app.stage.ExtractionService;
import io.contrastkit.app.stage.ModelFitException;
import io.contrastkit.app.stage.ModelFitResult;
import io.contrastkit.app.stage.ModelFittingService;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.store.StoreException;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The whole job that {@code analyze} and {@code demo} run: the extraction, model-fitting and report services
 * over one folder, with the same text after each stage as the command that runs it alone, on stderr with
 * the progress; stdout gets only the paths of what was made.
 */
final class AnalysisRun {

    /** The file names analyze leaves in its folder. */
    static final String STORE_FILE = "contrastkit.duckdb";
    static final String MODEL_FILE = "model.json";
    static final String REPORT_DIR = "report";

    private AnalysisRun() {
    }

    /**
     * Settings of one analyze run.
     *
     * @param inputs  files, folders, globs or @lists, as extract takes them
     * @param out     the folder that receives the store, the model and the report
     * @param k       a whole number of groups, or "auto"
     * @param threads decoding threads, or null for all cores
     */
    record Settings(List<String> inputs, Path out, String k, long seed, Integer threads) {
        Settings {
            if (inputs == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("analyze needs at least one PATH");
            }
            if (out == null) {
                throw new IllegalArgumentException("--out must name a folder");
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
            }
            if (k == null || !(k.equalsIgnoreCase("auto") || k.matches("\\d+"))) {
                throw new IllegalArgumentException("--k must be a whole number or auto, got '" + k + "'");
            }
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            inputs = List.copyOf(inputs);
        }

        Path store() {
            return out.resolve(STORE_FILE);
        }

        Path model() {
            return out.resolve(MODEL_FILE);
        }

        Path report() {
            return out.resolve(REPORT_DIR);
        }
    }


    /** Runs the three stages; returns the exit code. */
    static int run(Settings s, Instant createdAt, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Files.createDirectories(s.out());
        String[] stages = {"extract features", "learn groups, maps and anomaly scores", "validate and write the report"};
        long start = System.nanoTime();

        stage(err, 1, stages, start);
        ExtractionService.Result extracted;
        int threads = s.threads() == null ? io.contrastkit.app.stage.Defaults.threads() : s.threads();
        try (StoreSession session = StoreOpening.open(s.store(), StoreSession.Access.CREATE, err)) {
            extracted = ExtractionService.extract(new ExtractionService.Request(s.inputs(), ExtractionOptions.defaults(),
                    threads, false, ExtractionService.BATCH_ROWS), session, new CliProgress("extract", err));
            extracted.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));
            extracted.warnings().forEach(w -> err.println("contrastkit: " + w));
            StageText.extracted(extracted, s.store(), threads, err);
        } catch (StoreException e) {
            return stopped(err, e, 1, "extract");
        }

        stage(err, 2, stages, start);
        ContrastModelOptions model = ContrastModelOptions.defaults()
                .withK("auto".equalsIgnoreCase(s.k()) ? 0 : Integer.parseInt(s.k()));
        try (StoreSession session = StoreOpening.open(s.store(), StoreSession.Access.WRITE, err)) {
            ModelFitResult fit = ModelFittingService.fit(new ModelFittingService.Options(model, s.seed(), s.model(),
                    createdAt), session, new CliProgress("cluster", err));
            StageText.fitted(fit, s.store(), s.model(), err);
        } catch (ModelFitException | StoreException e) {
            return stopped(err, e, 2, "cluster");
        }

        stage(err, 3, stages, start);
        try {
            ReportResult report = ReportService.write(ReportOptions.of(s.store(), s.model(), s.report(), s.seed()),
                    new CliProgress("report", err));
            StageText.reported(report, err);
        } catch (IllegalArgumentException | StoreException e) {
            return stopped(err, e, 3, "report");
        }
        err.printf(Locale.ROOT, "analyze: done in %s%n", Progress.duration((System.nanoTime() - start) / 1e9));
        err.flush();
        out.println("store:  " + s.store());
        out.println("model:  " + s.model());
        out.println("report: " + s.report().resolve("index.html"));
        out.flush();
        return extracted.failed() > 0 || !extracted.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    private static int stopped(PrintWriter err, RuntimeException e, int stage, String name) {
        err.println("contrastkit: " + e.getMessage());
        err.println("contrastkit analyze: stopped at stage " + stage + " (" + name + "); the message above says why");
        err.flush();
        return ExitCode.USAGE;
    }

    private static void stage(PrintWriter err, int k, String[] stages, long start) {
        err.printf(Locale.ROOT, "analyze: stage %d of %d: %s (%s elapsed)%n", k, stages.length, stages[k - 1],
                Progress.duration((System.nanoTime() - start) / 1e9));
        err.flush();
    }
}
