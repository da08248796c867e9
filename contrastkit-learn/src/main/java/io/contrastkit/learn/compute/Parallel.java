package io.contrastkit.learn.compute;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs independent row blocks on a fork/join pool. Block boundaries never depend on the thread
 * count, so callers that keep one partial result per block and reduce them in block order get
 * bit-identical results on any number of threads.
 */
public final class Parallel {
    /** Rows per block for streaming passes: large enough to amortise a task, small enough to balance. */
    public static final int ROWS_PER_BLOCK = 4096;

    private Parallel() {
    }

    /** Number of blocks of {@code blockRows} rows needed to cover {@code n} rows. */
    public static int blockCount(int n, int blockRows) {
        return (n + blockRows - 1) / blockRows;
    }

    /**
     * Calls {@code body.accept(b)} for every block {@code b} in {@code [0, blocks)}. A null pool means
     * the common pool with the calling thread helping (so a 2-core machine uses both cores even though
     * the common pool has only one worker).
     */
    public static void forEachBlock(ForkJoinPool pool, int blocks, IntConsumer body) {
        if (blocks <= 0) {
            return;
        }
        if (blocks == 1) {
            body.accept(0);
            return;
        }
        BlockTask task = new BlockTask(0, blocks, body);
        if (pool == null) {
            task.invoke();
        } else {
            pool.invoke(task);
        }
    }

    private static final class BlockTask extends RecursiveAction {
        private final int from;
        private final int to;
        private final IntConsumer body;

        BlockTask(int from, int to, IntConsumer body) {
            this.from = from;
            this.to = to;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                body.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new BlockTask(from, mid, body), new BlockTask(mid, to, body));
        }
    }
}
