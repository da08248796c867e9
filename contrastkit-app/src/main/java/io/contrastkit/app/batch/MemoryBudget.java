package io.contrastkit.app.batch;

import java.util.concurrent.Semaphore;

/**
 * Bounds the bytes that decoding threads hold at once: each image reserves its estimated decoded size
 * before decoding, so many cores on large photos cannot outgrow the heap. An image larger than the
 * whole budget takes all of it and runs alone.
 */
public final class MemoryBudget {

    private final Semaphore permits;
    private final int capacityKiB;

    /** @param bytes total bytes decoders may hold at once, at least 1 MiB */
    public MemoryBudget(long bytes) {
        if (bytes < (1 << 20)) {
            throw new IllegalArgumentException("memory budget must be at least 1 MiB, got " + bytes + " bytes");
        }
        this.capacityKiB = (int) Math.min(Integer.MAX_VALUE, bytes >> 10);
        this.permits = new Semaphore(capacityKiB, true);
    }

    /** Holds the one budget of this process, made on first use. */
    private static final class ProcessBudget {
        static final MemoryBudget INSTANCE = forHeap(Runtime.getRuntime().maxMemory());
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
        return new MemoryBudget(Math.max(1L << 20, Math.min(maxHeapBytes / 2, 640L << 20)));
    }

    /** Blocks until {@code bytes} (capped at the capacity) are free; returns the reservation to release. */
    int acquire(long bytes) throws InterruptedException {
        int kib = (int) Math.max(1, Math.min(capacityKiB, (bytes + 1023) >> 10));
        permits.acquire(kib);
        return kib;
    }

    void release(int reservation) {
        permits.release(reservation);
    }
}
