package io.contrastkit.app.cli;

import io.contrastkit.app.stage.CsvTable;
import io.contrastkit.app.stage.AgreementFigures;
import io.contrastkit.app.stage.JsonText;
import io.contrastkit.app.stage.ValidationResult;

import io.contrastkit.learn.validate.Agreement;
import io.contrastkit.learn.validate.AgreementResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit agreement}: how well a score agrees with human ratings (the standard IQA figures). */
@Command(name = "agreement",
        header = "Agreement of a score with human ratings in a CSV file.", mixinStandardHelpOptions = true,
        description = {"Agreement of a score with human ratings (e.g. mean opinion scores) in one CSV",
                "file: n, SRCC, KRCC, PLCC of the raw score, and PLCC and RMSE after the standard",
                "5-parameter logistic b1*(0.5 - 1/(1+exp(b2*(x-b3)))) + b4*x + b5 maps the score",
                "onto the rating scale, each with a bootstrap 95%% interval. Ties get average",
                "ranks and Kendall's tau-b, as in scipy.",
                "Exit code: 0 ok, 2 usage error or a file that cannot be used (the message names",
                "file, row and column)."})
public final class AgreementCommand implements Callable<Integer> {

    /**
     * What to compute.
     *
     * @param file      the CSV file
     * @param truth     column of human ratings
     * @param score     column of the scores to check
     * @param resamples bootstrap resamples for the intervals (0: no intervals)
     * @param seed      seed of the resampling
     */
    record Settings(Path file, String truth, String score, int resamples, long seed) {
        Settings {
            if (truth == null || truth.isBlank() || score == null || score.isBlank()) {
                throw new IllegalArgumentException("--truth and --score must name columns");
            }
            if (resamples < 0) {
                throw new IllegalArgumentException("--resamples must be >= 0 (0 = no intervals), got " + resamples);
            }
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV with a header line; one rated item per row.")
    Path file;

    @Option(names = "--truth", required = true, paramLabel = "COLUMN", description = "Column of human ratings (e.g. MOS).")
    String truth;

    @Option(names = "--score", required = true, paramLabel = "COLUMN", description = "Column of the scores to check.")
    String score;

    @Option(names = "--json", description = "Print JSON with keys n, srcc, krcc, plcc, plcc_logistic, rmse_logistic (and *_ci intervals).")
    boolean json;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + Agreement.Options.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples for the 95%% intervals; 0 = none. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Agreement.Options.DEFAULT_SEED,
            description = "Seed of the bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = new Settings(file, truth, score, resamples, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        double[][] pairs;
        try {
            pairs = readPairs(settings);
        } catch (CsvTable.CsvException e) {
            err.println("contrastkit agreement: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        AgreementResult r = Agreement.compute(pairs[0], pairs[1],
                Agreement.Options.defaults().withResamples(settings.resamples()).withSeed(settings.seed()));
        if (json) {
            out.println(JsonText.pretty(r.toMap()));
            out.flush();
        } else {
            ValidationResult.Builder report = new ValidationResult.Builder(String.format(Locale.ROOT, "agreement of '%s' with human ratings '%s' in %s",
                    settings.score(), settings.truth(), settings.file()));
            report.header("intervals", settings.resamples(), settings.resamples() == 0 ? "no intervals (--resamples 0)"
                    : String.format(Locale.ROOT, "[..] = 95%% bootstrap interval over %s, seed %d",
                    Plural.of(settings.resamples(), "resample"), settings.seed()));
            AgreementFigures.describe(report.section("agreement", "Agreement", null), r);
            report.build().printText(out);
        }
        return ExitCode.OK;
    }

    /** Reads the truth (index 0) and score (index 1) columns; errors name file, row and column. */
    static double[][] readPairs(Settings s) {
        CsvTable table = CsvTable.read(s.file());
        int t = table.column(s.truth(), "--truth");
        int c = table.column(s.score(), "--score");
        if (table.rowCount() < AgreementFigures.MIN_ROWS) {
            throw new CsvTable.CsvException(s.file() + " has " + table.rowCount() + " data row"
                    + (table.rowCount() == 1 ? "" : "s") + "; agreement needs at least " + AgreementFigures.MIN_ROWS
                    + " (the logistic fit has 5 parameters)");
        }
        return new double[][] {table.numbers(t), table.numbers(c)};
    }
}
