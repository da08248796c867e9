package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.CsvTable;
import io.contrastkit.app.stage.LadderCheck;
import io.contrastkit.app.stage.ProgressSink;
import io.contrastkit.app.stage.ValidationOptions;
import io.contrastkit.app.stage.ValidationResult;
import io.contrastkit.app.stage.ValidationService;

import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.validate.Agreement;
import io.contrastkit.learn.validate.Downstream;
import io.contrastkit.store.StoreException;
import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit validate}: every check of a contrast model that its inputs allow, without labels first. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Check a contrast model with every test its inputs allow, explaining each figure.",
        description = {"Runs every check its inputs allow and explains each figure.",
                "With --model and a store: internal quality of the groups (silhouette,",
                "Davies-Bouldin, Calinski-Harabasz in the model's scaled feature space),",
                "stability (ARI and NMI of k-means refits on bootstrap resamples and other",
                "seeds, with a stable/unstable verdict) and consistency (Pearson, Spearman,",
                "Kendall of the contrast score and map axes with every v1 feature).",
                "With --human: agreement of the contrast score with human ratings of images in",
                "the store.",
                "With --labels: cross-validated accuracy of a simple classifier on the model's",
                "outputs vs on the raw features. With --ladder DIR (from 'contrastkit ladder'):",
                "how well the contrast score (with --model) and each feature follow the known",
                "contrast order of each ladder; needs no store.",
                "Images in --human and --labels files are matched to the store by path, or by",
                "file name when unique.",
                "Exit code: 0 ok, 1 some ladder images could not be measured, 2 usage error or",
                "unusable input."})
public final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Feature store (from 'contrastkit extract'). Default: " + Defaults.STORE + ".")
    Path store;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (from 'contrastkit cluster').")
    Path model;

    @Option(names = "--json", description = "Print the report as JSON (every figure by key, plus their meanings).")
    boolean json;

    @Option(names = "--ladder", paramLabel = "DIR", description = "A folder written by 'contrastkit ladder'.")
    Path ladder;

    @Option(names = "--human", paramLabel = "FILE.csv", description = "Human ratings of images in the store.")
    Path human;

    @Option(names = "--truth", paramLabel = "COLUMN", description = "Column of ratings in --human.")
    String truth;

    @Option(names = "--labels", paramLabel = "FILE.csv", description = "Known labels of images in the store.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "COLUMN", description = "Column of labels in --labels.")
    String labelColumn;

    @Option(names = "--image-column", paramLabel = "COLUMN", defaultValue = ValidationOptions.DEFAULT_IMAGE_COLUMN,
            description = "Column naming the image (a path or a file name) in --human and --labels. Default: ${DEFAULT-VALUE}.")
    String imageColumn;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + Agreement.Options.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples for the intervals of the human agreement. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--stability-resamples", paramLabel = "N", defaultValue = "" + ValidationOptions.DEFAULT_STABILITY_RESAMPLES,
            description = "k-means refits on bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int stabilityResamples;

    @Option(names = "--seed-refits", paramLabel = "N", defaultValue = "" + ValidationOptions.DEFAULT_SEED_REFITS,
            description = "k-means refits on all images with other seeds. Default: ${DEFAULT-VALUE}.")
    int seedRefits;

    @Option(names = "--stability-sample", paramLabel = "N", defaultValue = "" + ValidationOptions.DEFAULT_STABILITY_SAMPLE,
            description = "Stability runs on a seeded sample of at most N images. Default: ${DEFAULT-VALUE}.")
    int stabilitySample;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "" + ValidationOptions.DEFAULT_FOLDS,
            description = "Cross-validation folds of the downstream check. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--classifier", paramLabel = "NAME", defaultValue = "knn",
            description = "Downstream classifier: knn (5 nearest neighbours) or logistic. Default: ${DEFAULT-VALUE}.")
    String classifier;

    @CommandLine.Mixin
    SeedOption seedOption = new SeedOption();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ValidationOptions options;
        try {
            Downstream.Classifier c = switch (classifier.toLowerCase(Locale.ROOT)) {
                case "knn" -> Downstream.Classifier.KNN;
                case "logistic" -> Downstream.Classifier.LOGISTIC;
                default -> throw new IllegalArgumentException("--classifier must be knn or logistic, got " + classifier);
            };
            options = new ValidationOptions(store == null ? Path.of(Defaults.STORE) : store, model, ladder,
                    human, labels, imageColumn, truth, labelColumn, resamples, stabilityResamples, seedRefits,
                    stabilitySample, folds, c, seedOption.value(), threadsOption.count());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ValidationResult result;
        try {
            result = validate(options);
        } catch (CsvTable.CsvException | StoreException | IllegalArgumentException | IllegalStateException e) {
            err.println("contrastkit validate: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        for (LadderCheck.Failure f : result.ladderFailures()) {
            err.println(f.line());
        }
        if (json) {
            result.printJson(out);
        } else {
            result.printText(out);
        }
        err.flush();
        return result.ladderFailed() > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    private ValidationResult validate(ValidationOptions options) throws InterruptedException {
        ContrastModel m = options.model() == null ? null : ValidationService.readModel(options.model());
        // a missing default store is only an error when nothing else (a ladder) is to be checked
        boolean storeChecks = m != null && (store != null || Files.exists(options.store()) || ladder == null);
        if (!storeChecks) {
            return ValidationService.validate(options, m, null, ProgressSink.NONE);
        }
        try (StoreSession session = StoreSession.open(options.store(), m.schema(), StoreSession.Access.READ)) {
            return ValidationService.validate(options, m, session, ProgressSink.NONE);
        }
    }
}
