package io.contrastkit.app.batch;

import io.contrastkit.app.cli.Progress;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.ImageError;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.ImageStatus;
import io.contrastkit.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decode + extract on a pool of workers, one writer thread that owns the store: files go in at most
 * {@code 4 x threads} at a time (a slow store or huge folder cannot pile up results), rows reach the
 * store in batches of at most {@link #BATCH_ROWS} (by default) or {@link #BATCH_MILLIS}, each batch one transaction.
 * A killed run therefore loses at most the images in flight and the last second's batch.
 */
public final class ExtractionPipeline {

    public static final int BATCH_ROWS = 256;
    static final long BATCH_MILLIS = 1000;

    /** What one run did. {@code notImages} were met in folder walks and skipped. */
    public record Totals(long ok, long failed, long notImages, long decodedOnly) {
        public long processed() {
            return ok + failed + notImages + decodedOnly;
        }
    }

    private static final ImageTask.Outcome END = new ImageTask.Outcome(null, null, false);

    private ExtractionPipeline() {
    }

    /**
     * Runs the candidates through {@code task}; rows go to {@code store} (null: write nothing).
     *
     * @throws StoreException when the store cannot be written: the run stops, committed batches stay
     */
    public static Totals run(List<CollectionScanner.Candidate> candidates, ImageTask task, int threads, int batchRows,
                      FeatureStore store, Progress progress) throws InterruptedException {
        AtomicInteger workerNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "extract-worker-" + workerNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 4);
        LinkedBlockingQueue<ImageTask.Outcome> results = new LinkedBlockingQueue<>();
        Writer writer = new Writer(results, inFlight, batchRows, store, progress);
        Thread writerThread = new Thread(writer, "extract-writer");
        writerThread.setDaemon(true);
        writerThread.start();
        try {
            feed:
            for (CollectionScanner.Candidate c : candidates) {
                while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    if (writer.error.get() != null) {
                        break feed;
                    }
                }
                pool.execute(() -> results.add(runSafely(task, c)));
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (writer.error.get() != null) {
                    pool.shutdownNow();
                }
            }
            results.add(END);
            writerThread.join();
        } finally {
            pool.shutdownNow();
            writerThread.interrupt();
        }
        Throwable error = writer.error.get();
        if (error instanceof StoreException se) {
            throw se;
        }
        if (error != null) {
            throw new StoreException("writing the store failed: " + error, error);
        }
        return new Totals(writer.ok, writer.failed, writer.notImages, writer.decodedOnly);
    }

    private static ImageTask.Outcome runSafely(ImageTask task, CollectionScanner.Candidate c) {
        try {
            return task.run(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ImageTask.Outcome(c, null, true);
        } catch (Throwable t) {
            // Whatever happens, the writer must hear about this file, or the feeder waits for its permit forever.
            return new ImageTask.Outcome(c, ImageRecord.failed(c.path().toString(), c.size(), c.mtimeNs(),
                    new ImageError(ImageError.Kind.CORRUPT, "extraction failed: " + t), FeatureSchema.V1.version(),
                    Instant.now()));
        }
    }

    /** The only thread that touches the store during a run. */
    private static final class Writer implements Runnable {
        private final LinkedBlockingQueue<ImageTask.Outcome> results;
        private final Semaphore inFlight;
        private final int batchRows;
        private final FeatureStore store;
        private final Progress progress;
        final AtomicReference<Throwable> error = new AtomicReference<>();
        long ok;
        long failed;
        long notImages;
        long decodedOnly;

        Writer(LinkedBlockingQueue<ImageTask.Outcome> results, Semaphore inFlight, int batchRows, FeatureStore store,
               Progress progress) {
            this.results = results;
            this.inFlight = inFlight;
            this.batchRows = batchRows;
            this.store = store;
            this.progress = progress;
        }

        @Override
        public void run() {
            List<ImageRecord> batch = new ArrayList<>();
            long batchStart = 0;
            try {
                while (true) {
                    ImageTask.Outcome o = results.poll(100, TimeUnit.MILLISECONDS);
                    if (o == END) {
                        break;
                    }
                    if (o != null) {
                        inFlight.release();
                        count(o);
                        if (o.record() != null && store != null) {
                            if (batch.isEmpty()) {
                                batchStart = System.nanoTime();
                            }
                            batch.add(o.record());
                        }
                        progress.update(ok + failed + notImages + decodedOnly, failed);
                    }
                    if (!batch.isEmpty() && (batch.size() >= batchRows
                            || System.nanoTime() - batchStart >= BATCH_MILLIS * 1_000_000L)) {
                        store.write(batch);
                        batch = new ArrayList<>();
                    }
                }
                if (!batch.isEmpty()) {
                    store.write(batch);
                }
            } catch (InterruptedException e) {
                error.compareAndSet(null, e);
            } catch (RuntimeException e) {
                error.compareAndSet(null, e);
            }
        }

        private void count(ImageTask.Outcome o) {
            if (o.decodedOnly()) {
                decodedOnly++;
            } else if (o.skippedNotImage()) {
                notImages++;
            } else if (o.record().status() == ImageStatus.OK) {
                ok++;
            } else {
                failed++;
            }
        }
    }
}
