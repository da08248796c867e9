package io.contrastkit.app.batch;

/**
 * Bounds the bytes that decoding threads hold at once: each image reserves its estimated decoded size
 * before decoding, so many cores on large photos cannot outgrow the heap. An image larger than the
 * whole budget takes all of it and runs alone. A view of core's
 * {@link io.contrastkit.core.decode.MemoryBudget}, which the Spark tasks of a JVM share too.
 */
public final class MemoryBudget {

    private final io.contrastkit.core.decode.MemoryBudget budget;

    /** @param bytes total bytes decoders may hold at once, at least 1 MiB */
    public MemoryBudget(long bytes) {
        this(new io.contrastkit.core.decode.MemoryBudget(bytes));
    }

    private MemoryBudget(io.contrastkit.core.decode.MemoryBudget budget) {
        this.budget = budget;
    }

    /** Holds the one budget of this process, made on first use. */
    private static final class ProcessBudget {
        static final MemoryBudget INSTANCE = new MemoryBudget(io.contrastkit.core.decode.MemoryBudget.process());
    }

    /**
     * The budget every batch run of this process shares ({@link #forHeap} of the maximum heap), so that
     * runs going on at once (a command and an explorer request, two requests) cannot exceed it together.
     */
    public static MemoryBudget process() {
        return ProcessBudget.INSTANCE;
    }

    /** The default: half the heap, at most 640 MiB, so the heap stays under 1 GB with room for the rest. */
    public static MemoryBudget forHeap(long maxHeapBytes) {
        return new MemoryBudget(io.contrastkit.core.decode.MemoryBudget.forHeap(maxHeapBytes));
    }

    /** Blocks until {@code bytes} (capped at the capacity) are free; returns the reservation to release. */
    int acquire(long bytes) throws InterruptedException {
        return budget.acquire(bytes);
    }

    void release(int reservation) {
        budget.release(reservation);
    }
}
