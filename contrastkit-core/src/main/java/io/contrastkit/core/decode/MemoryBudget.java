package io.contrastkit.core.decode;

import java.util.concurrent.Semaphore;

/**
 * Bounds the bytes that decoding threads hold at once: each image reserves its estimated decoded size
 * before decoding, so many cores on large photos cannot outgrow the heap. An image larger than the
 * whole budget takes all of it and runs alone. Shared by every way in that measures images in one JVM
 * (the CLI's batch runner, the service, a Spark executor's tasks).
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
     * The budget every measuring thread of this process shares ({@link #forHeap} of the maximum heap), so that
     * runs going on at once (a command and an explorer request, two Spark tasks) cannot exceed it together.
     */
    public static MemoryBudget process() {
        return ProcessBudget.INSTANCE;
    }

    /** The default: half the heap, at most 640 MiB, so the heap stays under 1 GB with room for the rest. */
    public static MemoryBudget forHeap(long maxHeapBytes) {
        return new MemoryBudget(Math.max(1L << 20, Math.min(maxHeapBytes / 2, 640L << 20)));
    }

    /** Blocks until {@code bytes} (capped at the capacity) are free; returns the reservation to {@link #release}. */
    public int acquire(long bytes) throws InterruptedException {
        int kib = (int) Math.max(1, Math.min(capacityKiB, (bytes + 1023) >> 10));
        permits.acquire(kib);
        return kib;
    }

    /** Gives back a reservation {@link #acquire} returned. */
    public void release(int reservation) {
        permits.release(reservation);
    }
}
