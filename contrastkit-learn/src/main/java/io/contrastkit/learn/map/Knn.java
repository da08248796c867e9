package io.contrastkit.learn.map;

import java.util.concurrent.ForkJoinPool;

/**
 * Exact k nearest neighbours by blocked brute force: squared euclidean distances, ties broken by index so
 * that the result is one well-defined list whatever the thread count.
 */
final class Knn {

    private static final int QUERY_BLOCK = 32;
    /** Reference rows per tile: 2048 x 20 doubles stay in L2 while a block of queries sweeps them. */
    private static final int REF_TILE = 2048;

    /** Neighbours per query. */
    final int k;
    /** {@code m x k} row-major neighbour indices, nearest first. */
    final int[] indices;
    /** {@code m x k} row-major squared distances matching {@link #indices}. */
    final double[] squaredDistances;

    private Knn(int k, int[] indices, double[] squaredDistances) {
        this.k = k;
        this.indices = indices;
        this.squaredDistances = squaredDistances;
    }

    /** Each reference row's k nearest other reference rows. */
    static Knn ofSelf(double[] refColumns, int n, int d, int k, ForkJoinPool pool) {
        return search(refColumns, n, d, null, n, k, true, pool);
    }

    /** Each query row's (row-major {@code m x d}) k nearest reference rows. */
    static Knn ofQueries(double[] refColumns, int n, int d, double[] queries, int m, int k, ForkJoinPool pool) {
        return search(refColumns, n, d, queries, m, k, false, pool);
    }

    private static Knn search(double[] refT, int n, int d, double[] queries, int m, int k, boolean self,
                              ForkJoinPool pool) {
        int[] idx = new int[m * k];
        double[] dist = new double[m * k];
        Blocks.run(pool, m, QUERY_BLOCK, (from, to, block) -> {
            int q = to - from;
            double[] qv = new double[q * d];
            for (int a = 0; a < q; a++) {
                for (int c = 0; c < d; c++) {
                    qv[a * d + c] = self ? refT[c * n + from + a] : queries[(from + a) * d + c];
                }
            }
            double[] heapD = new double[q * k];
            int[] heapI = new int[q * k];
            int[] size = new int[q];
            double[] buf = new double[REF_TILE];
            for (int t0 = 0; t0 < n; t0 += REF_TILE) {
                int t1 = Math.min(n, t0 + REF_TILE);
                int len = t1 - t0;
                for (int a = 0; a < q; a++) {
                    java.util.Arrays.fill(buf, 0, len, 0.0);
                    for (int c = 0; c < d; c++) {
                        double v = qv[a * d + c];
                        int off = c * n + t0;
                        for (int j = 0; j < len; j++) {
                            double diff = refT[off + j] - v;
                            buf[j] += diff * diff;
                        }
                    }
                    int selfIndex = self ? from + a : -1;
                    int base = a * k;
                    int s = size[a];
                    for (int j = 0; j < len; j++) {
                        int r = t0 + j;
                        if (r == selfIndex) {
                            continue;
                        }
                        double v = buf[j];
                        if (s < k) {
                            siftUp(heapD, heapI, base, s, v, r);
                            s++;
                        } else if (v < heapD[base] || (v == heapD[base] && r < heapI[base])) {
                            siftDown(heapD, heapI, base, k, v, r);
                        }
                    }
                    size[a] = s;
                }
            }
            for (int a = 0; a < q; a++) {
                int base = a * k;
                int out = (from + a) * k;
                // Pop the max-heap from the back so the stored list is ascending.
                for (int s = k; s > 0; s--) {
                    dist[out + s - 1] = heapD[base];
                    idx[out + s - 1] = heapI[base];
                    double lastD = heapD[base + s - 1];
                    int lastI = heapI[base + s - 1];
                    if (s > 1) {
                        siftDown(heapD, heapI, base, s - 1, lastD, lastI);
                    }
                }
            }
        });
        return new Knn(k, idx, dist);
    }

    private static boolean greater(double d1, int i1, double d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    private static void siftUp(double[] hd, int[] hi, int base, int pos, double v, int r) {
        while (pos > 0) {
            int parent = (pos - 1) >> 1;
            if (!greater(v, r, hd[base + parent], hi[base + parent])) {
                break;
            }
            hd[base + pos] = hd[base + parent];
            hi[base + pos] = hi[base + parent];
            pos = parent;
        }
        hd[base + pos] = v;
        hi[base + pos] = r;
    }

    /** Replaces the root of a heap of {@code size} entries with (v, r) and restores the heap order. */
    private static void siftDown(double[] hd, int[] hi, int base, int size, double v, int r) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && greater(hd[base + child + 1], hi[base + child + 1], hd[base + child], hi[base + child])) {
                child++;
            }
            if (!greater(hd[base + child], hi[base + child], v, r)) {
                break;
            }
            hd[base + pos] = hd[base + child];
            hi[base + pos] = hi[base + child];
            pos = child;
        }
        hd[base + pos] = v;
        hi[base + pos] = r;
    }
}
