package io.contrastkit.app.stage;

import io.contrastkit.core.FeatureVector;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.ImageStatus;
import io.contrastkit.store.StoreException;
import io.contrastkit.store.StoreSession;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The store the prediction service appends served images' features to ({@code serve --store}): the service holds
 * the store's one writer for as long as it runs, and one thread writes what requests hand it in batches, so a
 * request never waits for DuckDB. Each image is a row {@code served/<sha-256 of its bytes>} (the same bytes again
 * replace their row); width, height, format and decoder are not recorded (the service keeps only the features).
 */
public final class ServedImageStore implements AutoCloseable {

    /** Rows waiting to be written at most; past it a row is dropped (and counted) rather than a request slowed. */
    public static final int QUEUE_ROWS = 10_000;
    /** Rows written per transaction at most. */
    static final int BATCH_ROWS = 500;

    private record Pending(ImageRecord record) {
    }

    private static final Pending STOP = new Pending(null);

    private final StoreSession session;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_ROWS);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Consumer<String> log;
    private final Thread writer;
    private volatile boolean closed;

    private ServedImageStore(StoreSession session, Consumer<String> log) {
        this.session = session;
        this.log = log;
        this.writer = new Thread(this::writeLoop, "serve-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the store for writing.
     *
     * @throws IllegalArgumentException naming the file when it is in use by another writer, not a store, or of
     *                                  another feature version
     */
    public static ServedImageStore open(Path file, io.contrastkit.core.FeatureSchema schema, Consumer<String> log) {
        try {
            return new ServedImageStore(StoreSession.open(file, schema, StoreSession.Access.CREATE), log);
        } catch (StoreException e) {
            throw new IllegalArgumentException("--store: " + e.getMessage(), e);
        }
    }

    /** Hands a served image's features to the writer; false (and counted) when the queue is full or closed. */
    public boolean offer(byte[] image, FeatureVector features) {
        if (closed) {
            return false;
        }
        String hash = sha256(image);
        ImageRecord r = new ImageRecord("served/" + hash, image.length, 0, hash, null, null, null, null,
                ImageStatus.OK, null, null, features.schema().version(), Instant.now(), features.toArray());
        if (!queue.offer(new Pending(r))) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Rows written so far. */
    public long written() {
        return written.get();
    }

    /** Rows dropped so far (queue full) or lost to a failed write. */
    public long dropped() {
        return dropped.get() + failed.get();
    }

    private void writeLoop() {
        List<ImageRecord> batch = new ArrayList<>(BATCH_ROWS);
        boolean stop = false;
        while (!stop) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> more = new ArrayList<>();
                more.add(first);
                queue.drainTo(more, BATCH_ROWS - 1);
                for (Pending p : more) {
                    if (p == STOP) {
                        stop = true;
                    } else {
                        batch.add(p.record());
                    }
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                stop = true;
            }
        }
        // What was queued before close: written too.
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Pending p : rest) {
            if (p != STOP) {
                batch.add(p.record());
            }
        }
        write(batch);
    }

    private void write(List<ImageRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            session.features().write(batch);
            written.addAndGet(batch.size());
        } catch (StoreException e) {
            failed.addAndGet(batch.size());
            log.accept("could not append " + batch.size() + " served images to " + session.features().file() + ": "
                    + e.getMessage());
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Writes what is queued, then closes the store (the writer is free again). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
    }
}
