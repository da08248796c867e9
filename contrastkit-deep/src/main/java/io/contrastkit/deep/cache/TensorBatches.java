package io.contrastkit.deep.cache;

import io.contrastkit.deep.Seeds;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One epoch of batches over some records of a {@link TensorCache}, in an order shuffled by seed and epoch,
 * filled either on a background thread a couple of batches ahead of the consumer (decoding is long done, but
 * bytes to floats for a 64 px batch of 32 is worth overlapping with a step) or on the consumer's thread as it
 * asks. Holds at most {@code AHEAD + 1} batches in memory. Close it to stop the thread early.

 */
public final class TensorBatches implements Iterable<TensorBatch>, AutoCloseable {

    /** Batches prepared ahead of the consumer. */
    static final int AHEAD = 2;
    private static final long SHUFFLE = 0x5348_5546L;

    private final TensorCache cache;
    private final int[] order;
    private final int batchSize;
    private final boolean background;
    private final boolean dropPartial;
    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private volatile boolean closed;
    private boolean iterated;

    private static final Object END = new Object();

    /**
     * @param slots     the cache records to visit (copied)
     * @param shuffle    false keeps {@code slots} in order (evaluation); true shuffles by seed and epoch
     * @param background true fills batches ahead on a background thread; false on the consumer's thread
     */
    public TensorBatches(TensorCache cache, int[] slots, int batchSize, boolean shuffle, long seed, int epoch,
                         boolean background) {
        this(cache, slots, batchSize, shuffle, seed, epoch, background, false);
    }

    /**
     * As above; {@code dropPartial} leaves out the last, partial batch when there is at least one full one
     * (training: every step sees {@code batchSize} images; a shuffled epoch leaves different images out).
     */
    public TensorBatches(TensorCache cache, int[] slots, int batchSize, boolean shuffle, long seed, int epoch,
                         boolean background, boolean dropPartial) {
        this.dropPartial = dropPartial;
        this.cache = Objects.requireNonNull(cache, "cache");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size is " + batchSize + ", must be >= 1");
        }
        this.batchSize = batchSize;
        this.order = slots.clone();
        if (shuffle) {
            Random random = new Random(Seeds.derive(seed, SHUFFLE, epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        this.background = background;
        // Without a producer the whole epoch's batches would sit in the queue: the consumer makes them one by one.
        this.queue = new ArrayBlockingQueue<>(AHEAD);
        this.producer = background ? new Thread(this::produce, "contrastkit-tensor-batches") : null;
        if (producer != null) {
            producer.setDaemon(true);
        }
    }

    /** Batches in this epoch. */
    public int batches() {
        if (dropPartial && order.length >= batchSize) {
            return order.length / batchSize;
        }
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Batch {@code b} of the epoch, read from the cache now. */
    private TensorBatch batch(int b) {
        int plane = TensorCache.pixelBytes(cache.imageSize());
        int start = b * batchSize;
        int n = Math.min(batchSize, order.length - start);
        float[] pixels = new float[n * plane];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            cache.readChannelsFirst(order[start + i], pixels, i * plane);
            ids[i] = cache.id(order[start + i]);
        }
        return new TensorBatch(pixels, ids, b);
    }

    private void produce() {
        try {
            for (int b = 0; b < batches() && !closed; b++) {
                queue.put(batch(b));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(e);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The batches, once; the producer starts on this call. */
    @Override
    public synchronized Iterator<TensorBatch> iterator() {
        if (iterated) {
            throw new IllegalStateException("an epoch's batches are read once; make a new TensorBatches per epoch");
        }
        iterated = true;
        if (!background) {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < batches() && !closed;
                }

                @Override
                public TensorBatch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return batch(next++);
                }
            };
        }
        producer.start();
        return new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a batch", e);
                    }
                }
                if (next instanceof RuntimeException e) {
                    throw new TensorCacheException("reading batches from " + cache.file() + " failed: "
                            + e.getMessage(), e);
                }
                return next != END;
            }

            @Override
            public TensorBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TensorBatch b = (TensorBatch) next;
                next = null;
                return b;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        if (producer != null && producer.isAlive()) {
            producer.interrupt();
            try {
                producer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
