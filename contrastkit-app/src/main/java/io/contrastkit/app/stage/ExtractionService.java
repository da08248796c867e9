package io.contrastkit.app.stage;

import io.contrastkit.app.batch.CollectionScanner;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.ImageOutcome;
import io.contrastkit.app.batch.Measurement;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.batch.StageTimes;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.KnownImage;
import io.contrastkit.store.StoreCounts;
import io.contrastkit.store.StoreSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The extraction stage: measures a collection into a store, incrementally. Unchanged files (same path,
 * size and modification time) are skipped; rows reach the store in batches of at most
 * {@link Request#batchRows()} or one second's work, each batch one transaction, so a killed run loses at
 * most the images in flight and the last second's batch.
 */
public final class ExtractionService {

    /** Rows per store transaction by default. */
    public static final int BATCH_ROWS = 256;
    /** A batch is written after at most this long, however few rows it has. */
    static final long BATCH_MILLIS = 1000;

    /**
     * What to extract.
     *
     * @param inputs     files, folders, globs or {@code @list} files, as {@code extract} takes them
     * @param threads    worker threads, at least 1
     * @param force      measure every file again, changed or not
     * @param batchRows  rows per store transaction, at least 1
     */
    public record Request(List<String> inputs, ExtractionOptions extraction, int threads, boolean force, int batchRows) {
        public Request {
            if (inputs == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("extract needs at least one PATH");
            }
            Objects.requireNonNull(extraction, "extraction");
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            if (batchRows < 1) {
                throw new IllegalArgumentException("--batch-rows must be >= 1, got " + batchRows);
            }
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * What a run did.
     *
     * @param problems  arguments or folders that could not be read (each one line for a person)
     * @param decoders  which decoders handled JPEG, WebP and PNG
     * @param relinked  images found under a new path by their content hash (moved or renamed files): they
     *                  kept their id, and with it their labels and judgements
     * @param store     the store's totals after the run; null for a decode-only run
     * @param warnings  what a person must know about the store as a whole, e.g. lossy rows measured by
     *                  different decoders ({@link DecoderMix}); one line each
     * @param stages    where the run's time went, per stage and image ({@code extract --profile} prints it)
     */
    public record Result(long ok, long failed, long unchanged, long notImages, long decodedOnly, long relinked,
                         double seconds, List<String> problems, String decoders, StoreCounts store,
                         List<String> warnings, StageTimes stages) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        /** Files handled in this run (measured, failed, skipped as no image, decoded only). */
        public long processed() {
            return ok + failed + notImages + decodedOnly;
        }
    }

    private ExtractionService() {
    }

    /**
     * Measures the request's files into {@code session}'s store.
     *
     * @throws io.contrastkit.store.StoreException when the store cannot be written: committed batches stay
     */
    public static Result extract(Request request, StoreSession session, ProgressSink progress)
            throws InterruptedException {
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(request.extraction());
        ImageBatchRunner runner = runner(request, true);
        FeatureStore fs = session.features();
        CollectionScanner.Scan scan = CollectionScanner.scan(request.inputs());
        List<CollectionScanner.Candidate> todo = new ArrayList<>();
        long unchanged = 0;
        Map<String, KnownImage> known = fs.knownImages();
        for (CollectionScanner.Candidate c : scan.candidates()) {
            KnownImage k = known.get(c.path().toString());
            if (!request.force() && k != null && k.unchanged(c.size(), c.mtimeNs())) {
                unchanged++;
            } else {
                todo.add(c);
            }
        }
        known = null; // a million entries need not live through the run
        long start = System.nanoTime();
        String version = extractor.schema().version();
        StoreWriter writer = new StoreWriter(fs, request.batchRows(), version, progress, runner.times());
        progress.start("extract", todo.size());
        ImageBatchRunner.Totals t;
        try {
            t = runner.run(todo, Measurement.work(runner.decoder(), extractor, runner.times()), writer);
            writer.flush();
        } finally {
            progress.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> warnings = new ArrayList<>(DecoderMix.warnings(fs.decodersByFormat()));
        if (t.done() + t.failed() > 0) {
            StalePredictions.latest(session.predictions()).ifPresent(warnings::add);
        }
        return new Result(t.done(), t.failed(), unchanged, t.notImages(), 0, writer.relinked, seconds, scan.problems(),
                runner.decoder().codecs(), fs.counts(), warnings, runner.times());
    }

    /**
     * The throughput benchmark's baseline: the same reading, runner and decoder settings, no
     * linearisation, downscaling or features, nothing stored.
     */
    public static Result decodeOnly(Request request, ProgressSink progress) throws InterruptedException {
        ImageBatchRunner runner = runner(request, false);
        CollectionScanner.Scan scan = CollectionScanner.scan(request.inputs());
        long start = System.nanoTime();
        progress.start("decode", scan.candidates().size());
        ImageBatchRunner.Totals t;
        try {
            long[] counts = new long[2];
            t = runner.run(scan.candidates(), (c, data, header) -> {
                long t0 = System.nanoTime();
                runner.decoder().decodeOnly(data, header);
                runner.times().since(StageTimes.Stage.DECODE, t0);
                return Boolean.TRUE;
            }, o -> {
                counts[0]++;
                if (o instanceof ImageOutcome.Failed<Boolean>) {
                    counts[1]++;
                }
                progress.advance(counts[0], counts[1]);
            });
        } finally {
            progress.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(0, t.failed(), 0, t.notImages(), t.done(), 0, seconds, scan.problems(),
                runner.decoder().codecs(), null, List.of(), runner.times());
    }

    private static ImageBatchRunner runner(Request request, boolean hash) {
        return new ImageBatchRunner(new ImageBatchRunner.Options(request.threads(), false, hash),
                new ImageDecoder(request.extraction(), NativeSetting.current()));
    }

    /** The only code that touches the store during a run; it runs on the runner's calling thread. */
    private static final class StoreWriter implements ImageBatchRunner.Sink<Measurement> {
        private final FeatureStore store;
        private final int batchRows;
        private final String featureVersion;
        private final ProgressSink progress;
        private final StageTimes times;
        private List<ImageRecord> batch = new ArrayList<>();
        private long batchStart;
        private long done;
        private long failed;
        long relinked;

        StoreWriter(FeatureStore store, int batchRows, String featureVersion, ProgressSink progress,
                    StageTimes times) {
            this.times = times;
            this.store = store;
            this.batchRows = batchRows;
            this.featureVersion = featureVersion;
            this.progress = progress;
        }

        @Override
        public void accept(ImageOutcome<Measurement> o) {
            done++;
            CollectionScanner.Candidate c = o.candidate();
            String path = c.path().toString();
            ImageRecord record = null;
            if (o instanceof ImageOutcome.Done<Measurement> d) {
                Measurement m = d.value();
                record = ImageRecord.ok(path, c.size(), c.mtimeNs(), m.width(), m.height(), m.format(), m.decoder(),
                        m.features(),
                        Instant.now()).withContentHash(d.contentHash());
            } else if (o instanceof ImageOutcome.Failed<Measurement> f) {
                failed++;
                record = ImageRecord.failed(path, c.size(), c.mtimeNs(), f.error(), featureVersion, Instant.now())
                        .withContentHash(f.contentHash());
            }
            if (record != null) {
                if (batch.isEmpty()) {
                    batchStart = System.nanoTime();
                }
                batch.add(record);
            }
            progress.advance(done, failed);
            if (batch.size() >= batchRows) {
                flush();
            } else {
                idle();
            }
        }

        @Override
        public void idle() {
            if (!batch.isEmpty() && System.nanoTime() - batchStart >= BATCH_MILLIS * 1_000_000L) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                long t = System.nanoTime();
                relinked += store.write(batch).relinked();
                times.add(StageTimes.Stage.STORE, System.nanoTime() - t, batch.size());
                batch = new ArrayList<>();
            }
        }
    }
}
