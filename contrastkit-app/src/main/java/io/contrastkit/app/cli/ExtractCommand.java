package io.contrastkit.app.cli;

import io.contrastkit.app.batch.CollectionScanner;
import io.contrastkit.app.batch.ExtractionPipeline;
import io.contrastkit.app.batch.ImageTask;
import io.contrastkit.app.batch.MemoryBudget;
import io.contrastkit.app.batch.Threads;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.KnownImage;
import io.contrastkit.store.StoreCounts;
import io.contrastkit.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit extract}: measures a collection into the feature store, incrementally and on all cores. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract the contrast features (contrast-features/v1) of a collection into a feature store.",
                "PATH is a file, a folder (searched recursively; files that are not images are skipped),",
                "a glob ('photos/**/*.jpg', quoted) or @list.txt (one path per line).",
                "Unchanged files (same path, size and modification time) are skipped; failed images are",
                "stored with their reason (see 'contrastkit failures') and retried when the file changes.",
                "A run that is killed can simply be started again.",
                "Exit code: 0 all images succeeded, 1 some images failed or some paths could not be read,",
                "2 usage error or the store cannot be used."})
public final class ExtractCommand implements Callable<Integer> {

    /** Where the default store lives, relative to the working directory. */
    static final String DEFAULT_STORE = "contrastkit.duckdb";

    /**
     * Settings of one extract run.
     *
     * @param threads decoding threads, at least 1
     * @param force   re-extract files even when they are unchanged
     */
    record Settings(Path store, int threads, ExtractionOptions extraction, boolean force) {
        Settings {
            if (store == null) {
                throw new IllegalArgumentException("--store must name a file");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "FILE", defaultValue = DEFAULT_STORE,
            description = "Feature store (a DuckDB file), created when absent. Default: ${DEFAULT-VALUE}.")
    Path store;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads. Default: all cores.")
    Integer threads;

    @CommandLine.Mixin
    ExtractionOptionsMixin extraction = new ExtractionOptionsMixin();

    @Option(names = "--force", description = "Extract every file again, changed or not.")
    boolean force;

    /** Diagnostic for the throughput benchmark: decode with the same pool, measure nothing, store nothing. */
    @Option(names = "--decode-only", hidden = true)
    boolean decodeOnly;

    @Option(names = "--progress-interval-ms", paramLabel = "MS", defaultValue = "10000", hidden = true,
            description = "Milliseconds between progress lines when not on a terminal.")
    long progressIntervalMillis;

    /** Rows per store transaction; small values let tests kill a run between commits. */
    @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "" + ExtractionPipeline.BATCH_ROWS, hidden = true)
    int batchRows;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, globs or @list files.")
    List<String> paths;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            int nThreads = Threads.orAllCores(threads);
            settings = new Settings(store, nThreads, extraction.toOptions(spec.commandLine()), force);
            if (batchRows < 1 || progressIntervalMillis < 1) {
                throw new IllegalArgumentException("--batch-rows and --progress-interval-ms must be >= 1");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(settings.extraction());
        ImageTask task = new ImageTask(extractor, MemoryBudget.forHeap(Runtime.getRuntime().maxMemory()), decodeOnly);
        if (decodeOnly) {
            return decodeOnly(settings, task, out, err);
        }
        try (StoreSession fsSession = StoreSession.open(settings.store(), extractor.schema(), StoreSession.Access.CREATE)) {
            FeatureStore fs = fsSession.features();
            // The store is opened before the scan: a store in use is reported at once, not after a long walk.
            CollectionScanner.Scan scan = CollectionScanner.scan(paths);
            scan.problems().forEach(p -> err.println("contrastkit: " + p));
            List<CollectionScanner.Candidate> todo = new ArrayList<>();
            long unchanged = 0;
            Map<String, KnownImage> known = fs.knownImages();
            for (CollectionScanner.Candidate c : scan.candidates()) {
                KnownImage k = known.get(c.path().toString());
                if (!settings.force() && k != null && k.unchanged(c.size(), c.mtimeNs())) {
                    unchanged++;
                } else {
                    todo.add(c);
                }
            }
            known = null; // a million entries need not live through the run
            long start = System.nanoTime();
            ExtractionPipeline.Totals t;
            try (Progress progress = Progress.create("extract", todo.size(), err, progressIntervalMillis)) {
                t = ExtractionPipeline.run(todo, task, settings.threads(), batchRows, fs, progress);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            StoreCounts counts = fs.counts();
            out.printf(Locale.ROOT, "extracted %d ok, %d failed, %d skipped unchanged, %d skipped not images"
                            + " in %.1f s (%.2f images/s, %d threads)%n", t.ok(), t.failed(), unchanged, t.notImages(),
                    seconds, t.processed() / Math.max(seconds, 1e-9), settings.threads());
            out.printf(Locale.ROOT, "store %s: %d ok, %d failed%n", settings.store(), counts.ok(), counts.failed());
            if (t.failed() > 0) {
                out.println("list the failures with: contrastkit failures --store " + settings.store());
            }
            out.println("decoders: " + task.codecs());
            out.flush();
            return t.failed() > 0 || !scan.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
        } catch (StoreException e) {
            err.println("contrastkit: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
    }

    private int decodeOnly(Settings settings, ImageTask task, PrintWriter out, PrintWriter err) throws InterruptedException {
        CollectionScanner.Scan scan = CollectionScanner.scan(paths);
        scan.problems().forEach(p -> err.println("contrastkit: " + p));
        long start = System.nanoTime();
        ExtractionPipeline.Totals t;
        try (Progress progress = Progress.create("decode", scan.candidates().size(), err, progressIntervalMillis)) {
            t = ExtractionPipeline.run(scan.candidates(), task, settings.threads(), batchRows, null, progress);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "decoded %d ok, %d failed, %d skipped not images in %.1f s (%.2f images/s, %d threads)%n",
                t.decodedOnly(), t.failed(), t.notImages(), seconds, t.processed() / Math.max(seconds, 1e-9),
                settings.threads());
        out.println("decoders: " + task.codecs());
        out.flush();
        return t.failed() > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
}
