package io.contrastkit.learn.map;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/** Runs work over fixed-size index blocks, so that results never depend on how many threads ran them. */
final class Blocks {

    /** Body of one block: indices {@code [from, to)}, the block's number. */
    @FunctionalInterface
    interface Body {
        void run(int from, int to, int block);
    }

    private Blocks() {
    }

    static int count(int n, int blockSize) {
        return (n + blockSize - 1) / blockSize;
    }

    /**
     * Runs {@code body} on every block of {@code [0, n)}; blocks are independent and any per-block partial
     * results are combined by the caller in block order, which keeps sums bit-identical across pools.
     */
    static void run(ForkJoinPool pool, int n, int blockSize, Body body) {
        int blocks = count(n, blockSize);
        if (pool == null || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                body.run(b * blockSize, Math.min(n, (b + 1) * blockSize), b);
            }
            return;
        }
        List<RecursiveAction> tasks = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            int block = b;
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(block * blockSize, Math.min(n, (block + 1) * blockSize), block);
                }
            });
        }
        if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
            ForkJoinTask.invokeAll(tasks);
        } else {
            pool.submit(() -> ForkJoinTask.invokeAll(tasks)).join();
        }
    }

    /** A pool of {@code parallelism} workers, or null for 1 (run inline). */
    static ForkJoinPool pool(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        return parallelism == 1 ? null : new ForkJoinPool(parallelism);
    }

    static void close(ForkJoinPool pool) {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
