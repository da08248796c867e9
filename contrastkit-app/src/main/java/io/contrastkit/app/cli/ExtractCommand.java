package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.ExtractionService;

import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit extract}: measures a collection into the feature store, incrementally and on all cores. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        header = "Extract the contrast features of a collection into a feature store.",
        description = {"Measures contrast-features/v1 of every image and stores them with their paths.",
                "PATH is a file, a folder (searched recursively; files that are not images are",
                "skipped), a glob ('photos/**/*.jpg', quoted) or @list.txt (one path per line).",
                "Unchanged files (same path, size and modification time) are skipped; failed",
                "images are stored with their reason (see 'contrastkit failures') and retried",
                "when the file changes.",
                "A run that is killed can simply be started again.",
                "Exit code: 0 all images succeeded, 1 some images failed or some paths could not",
                "be read, 2 usage error or the store cannot be used."})
public final class ExtractCommand implements Callable<Integer> {


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @CommandLine.Mixin
    ExtractionOptionsMixin extraction = new ExtractionOptionsMixin();

    @Option(names = "--force", description = "Extract every file again, changed or not.")
    boolean force;

    @Option(names = "--profile", description = "Print where the time went: each stage's thread time per image"
            + " (read, hash, header, decode to working image, features, store).")
    boolean profile;

    /** Diagnostic for the throughput benchmark: decode with the same pool, measure nothing, store nothing. */
    @Option(names = "--decode-only", hidden = true)
    boolean decodeOnly;

    @Option(names = "--progress-interval-ms", paramLabel = "MS", defaultValue = "10000", hidden = true,
            description = "Milliseconds between progress lines when not on a terminal.")
    long progressIntervalMillis;

    /** Rows per store transaction; small values let tests kill a run between commits. */
    @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "" + ExtractionService.BATCH_ROWS, hidden = true)
    int batchRows;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, globs or @list files.")
    List<String> paths;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExtractionService.Request request;
        try {
            request = new ExtractionService.Request(paths, extraction.toOptions(spec.commandLine()),
                    threadsOption.count(), force, batchRows);
            if (progressIntervalMillis < 1) {
                throw new IllegalArgumentException("--batch-rows and --progress-interval-ms must be >= 1");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CliProgress progress = new CliProgress("extract", err, progressIntervalMillis);
        if (decodeOnly) {
            ExtractionService.Result r = ExtractionService.decodeOnly(request, progress);
            r.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));
            out.printf(Locale.ROOT, "decoded %d ok, %d failed, %s in %s%n", r.decodedOnly(), r.failed(),
                    Plural.of(r.notImages(), "skipped not an image", "skipped not images"),
                    StageText.timing(r.seconds(), r.decodedOnly() + r.failed(), request.threads()));
            out.println("decoders: " + r.decoders());
            if (profile) {
                out.println(r.stages().describe());
            }
            out.flush();
            return r.failed() > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
        }
        // The store is opened before the scan: a store in use is reported at once, not after a long walk.
        try (StoreSession session = storeOption.open(StoreSession.Access.CREATE, spec.commandLine().getErr())) {
            ExtractionService.Result r = ExtractionService.extract(request, session, progress);
            r.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));
            StageText.extracted(r, storeOption.path(), request.threads(), out);
            if (profile) {
                out.println(r.stages().describe());
                out.flush();
            }
            r.warnings().forEach(w -> err.println("contrastkit: " + w));
            return r.failed() > 0 || !r.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
        }
    }
}
