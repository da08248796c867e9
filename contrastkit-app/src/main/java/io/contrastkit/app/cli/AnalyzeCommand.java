package io.contrastkit.app.cli;

import io.contrastkit.app.Main;

import io.contrastkit.app.report.ReportOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit analyze}: extract, cluster, map, score anomalies, validate and report in one run. */
@Command(name = "analyze",
        header = "Extract, cluster, validate and report in one command.", mixinStandardHelpOptions = true,
        description = {"The whole job in one command: extract the features of PATH... into DIR/contrastkit.duckdb,",
                "learn the contrast groups (k chosen automatically unless --k), the maps and the anomaly scores",
                "into DIR/model.json, run the label-free validation checks and write DIR/report/index.html.",
                "Running it again on the same DIR skips unchanged images. Progress goes to stderr; the three",
                "paths are printed on stdout.",
                "Exit code: 0 done, 1 done but some images failed, 2 usage error or a stage could not run."})
public final class AnalyzeCommand implements Callable<Integer> {

    /** The file names analyze leaves in its folder. */
    static final String STORE_FILE = "contrastkit.duckdb";
    static final String MODEL_FILE = "model.json";
    static final String REPORT_DIR = "report";
    /** The seed when none is given; the same as cluster's, so analyze and the separate commands agree. */
    static final long DEFAULT_SEED = 42;

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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the store, the model and the report.")
    Path out;

    @Option(names = "--k", paramLabel = "N|auto", defaultValue = "auto",
            description = "Number of groups, or auto (highest silhouette over 2..12). Default: ${DEFAULT-VALUE}.")
    String k;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + AnalyzeCommand.DEFAULT_SEED,
            description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads. Default: all cores.")
    Integer threads;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, globs or @list files.")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        Settings settings;
        try {
            settings = new Settings(paths, out, k, seed, threads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return run(settings, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Runs the stages in this process, each through the command that runs it alone, so that analyze and the
     * separate commands can never disagree. Their own output goes to {@code err} with the progress; {@code out}
     * gets only the paths of what was made.
     */
    static int run(Settings s, PrintWriter out, PrintWriter err) throws IOException {
        Files.createDirectories(s.out());
        String[] stages = {"extract features", "learn groups, maps and anomaly scores", "validate and write the report"};
        long start = System.nanoTime();

        stage(err, 1, stages, start);
        List<String> extract = new ArrayList<>(List.of("extract", "--store", s.store().toString()));
        if (s.threads() != null) {
            extract.addAll(List.of("--threads", s.threads().toString()));
        }
        extract.addAll(s.inputs());
        int extracted = Main.execute(err, err, extract.toArray(String[]::new));
        if (extracted == ExitCode.USAGE) {
            err.println("contrastkit analyze: stopped at stage 1 (extract); the message above says why");
            err.flush();
            return ExitCode.USAGE;
        }

        stage(err, 2, stages, start);
        int clustered = Main.execute(err, err, "cluster", "--store", s.store().toString(), "--model",
                s.model().toString(), "--k", s.k(), "--seed", Long.toString(s.seed()));
        if (clustered != ExitCode.OK) {
            err.println("contrastkit analyze: stopped at stage 2 (cluster); the message above says why");
            err.flush();
            return ExitCode.USAGE;
        }

        stage(err, 3, stages, start);
        int reported = ReportCommand.run(ReportOptions.of(s.store(), s.model(), s.report(), s.seed()), err, err);
        if (reported != ExitCode.OK) {
            err.println("contrastkit analyze: stopped at stage 3 (report); the message above says why");
            err.flush();
            return ExitCode.USAGE;
        }
        err.printf(Locale.ROOT, "analyze: done in %s%n", Progress.duration((System.nanoTime() - start) / 1e9));
        err.flush();
        out.println("store:  " + s.store());
        out.println("model:  " + s.model());
        out.println("report: " + s.report().resolve("index.html"));
        out.flush();
        return extracted == ExitCode.SOME_FAILED ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    private static void stage(PrintWriter err, int k, String[] stages, long start) {
        err.printf(Locale.ROOT, "analyze: stage %d of %d: %s (%s elapsed)%n", k, stages.length, stages[k - 1],
                Progress.duration((System.nanoTime() - start) / 1e9));
        err.flush();
    }
}
