package io.contrastkit.learn.map;

import java.util.Arrays;

/**
 * Barnes-Hut quadtree over 2-D points in flat arrays, cells in depth-first order so that the repulsion of
 * a point is one forward scan that either descends (next cell) or skips a summarised subtree.
 *
 * <p>Same cells as scikit-learn's {@code _QuadTree}: the root spans the points with its upper bounds pushed
 * out by max(1e-3 relative, 1e-3 absolute), cells split at their centre, a leaf holds one point or points
 * within 1e-6 of each other per axis (duplicates), and a cell summarises a query point when its squared
 * widest side over the squared distance to its centre of mass is below theta squared. A builder is reused
 * across iterations; {@link #build} replaces the tree.
 */
final class QuadTree {

    /** Points closer than this per axis are one leaf, and a leaf this close to the query is the query itself. */
    static final double DUPLICATE = 1e-6;
    private static final int MAX_DEPTH = 128;
    private static final int STRIDE = 4;

    /** Per cell: centre-of-mass x, y, number of points, squared widest side. */
    double[] cells = new double[0];
    /** Per cell: index of the first cell after its subtree; a leaf's is its own index + 1. */
    int[] next = new int[0];
    /** Per cell: where its points start in {@link #order} (a cell's points are contiguous there). */
    int[] first = new int[0];
    /** Point indices in depth-first order: neighbouring points in this order share most of their traversal. */
    int[] order = new int[0];
    int size;
    /** Coordinates aligned with {@link #order} while building: partitions and sums then scan memory in order. */
    private double[] xs = new double[0];
    private double[] ys = new double[0];

    void build(double[] positions, int n) {
        if (order.length != n) {
            order = new int[n];
            xs = new double[n];
            ys = new double[n];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
            xs[i] = positions[2 * i];
            ys[i] = positions[2 * i + 1];
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, positions[2 * i]);
            x1 = Math.max(x1, positions[2 * i]);
            y0 = Math.min(y0, positions[2 * i + 1]);
            y1 = Math.max(y1, positions[2 * i + 1]);
        }
        // Push the upper bounds out so every point lies strictly inside the root.
        x1 = Math.max(x1 * (1 + 1e-3 * Math.signum(x1)), x1 + 1e-3);
        y1 = Math.max(y1 * (1 + 1e-3 * Math.signum(y1)), y1 + 1e-3);
        size = 0;
        ensure(Math.max(16, 2 * n));
        cell(0, n, x0, x1, y0, y1, 0);
    }

    private void ensure(int cellsNeeded) {
        if (next.length < cellsNeeded) {
            int cap = Math.max(cellsNeeded, next.length + (next.length >> 1));
            next = Arrays.copyOf(next, cap);
            first = Arrays.copyOf(first, cap);
            cells = Arrays.copyOf(cells, cap * STRIDE);
        }
    }

    private void cell(int lo, int hi, double x0, double x1, double y0, double y1, int depth) {
        ensure(size + 1);
        int id = size++;
        first[id] = lo;
        double fx = xs[lo];
        double fy = ys[lo];
        double sx = 0;
        double sy = 0;
        boolean duplicates = true;
        for (int a = lo; a < hi; a++) {
            double px = xs[a];
            double py = ys[a];
            sx += px;
            sy += py;
            duplicates &= Math.abs(px - fx) <= DUPLICATE && Math.abs(py - fy) <= DUPLICATE;
        }
        int count = hi - lo;
        double w = x1 - x0;
        double h = y1 - y0;
        int b = id * STRIDE;
        cells[b] = sx / count;
        cells[b + 1] = sy / count;
        cells[b + 2] = count;
        cells[b + 3] = Math.max(w * w, h * h);
        if (count == 1 || duplicates || depth >= MAX_DEPTH) {
            next[id] = id + 1;
            return;
        }
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        int midX = partition(lo, hi, xs, cx);
        int midLow = partition(lo, midX, ys, cy);
        int midHigh = partition(midX, hi, ys, cy);
        if (lo < midLow) {
            cell(lo, midLow, x0, cx, y0, cy, depth + 1);
        }
        if (midLow < midX) {
            cell(midLow, midX, x0, cx, cy, y1, depth + 1);
        }
        if (midX < midHigh) {
            cell(midX, midHigh, cx, x1, y0, cy, depth + 1);
        }
        if (midHigh < hi) {
            cell(midHigh, hi, cx, x1, cy, y1, depth + 1);
        }
        next[id] = size;
    }

    /** Moves points whose coordinate in {@code key} is below {@code split} to the front of [lo, hi). */
    private int partition(int lo, int hi, double[] key, double split) {
        int i = lo;
        int j = hi - 1;
        while (i <= j) {
            if (key[i] < split) {
                i++;
            } else {
                swap(i, j);
                j--;
            }
        }
        return i;
    }

    private void swap(int i, int j) {
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
        double tx = xs[i];
        xs[i] = xs[j];
        xs[j] = tx;
        double ty = ys[i];
        ys[i] = ys[j];
        ys[j] = ty;
    }

    /**
     * Adds to {@code out[0..2]} the repulsion on point (qx, qy): sum over summarised cells of
     * count * w^2 * (q - centre) and the normaliser sum of count * w, where w = 1 / (1 + squared distance).
     * The query's own leaf (and its duplicates) is skipped.
     */
    void repulsion(double qx, double qy, double thetaSquared, double[] out) {
        double fx = 0;
        double fy = 0;
        double z = 0;
        final double[] c = cells;
        final int[] nx = next;
        final int end = size;
        int i = 0;
        while (i < end) {
            int b = i * STRIDE;
            double dx = qx - c[b];
            double dy = qy - c[b + 1];
            double d2 = dx * dx + dy * dy;
            int after = nx[i];
            if (after == i + 1) {
                if (Math.abs(dx) <= DUPLICATE && Math.abs(dy) <= DUPLICATE) {
                    i = after;
                    continue;
                }
            } else if (!(c[b + 3] < thetaSquared * d2)) {
                i++;
                continue;
            }
            double q = 1.0 / (1.0 + d2);
            double cq = c[b + 2] * q;
            z += cq;
            double m = cq * q;
            fx += m * dx;
            fy += m * dy;
            i = after;
        }
        out[0] += fx;
        out[1] += fy;
        out[2] += z;
    }

    /**
     * The cells that become work groups: the largest cells holding at most {@code maxPoints} points (a leaf of
     * duplicates is a group whatever its size), in depth-first order, so their point ranges tile {@link #order}.
     */
    int groups(int maxPoints, int[] out) {
        int count = 0;
        int i = 0;
        while (i < size) {
            if (next[i] == i + 1 || cells[i * STRIDE + 2] <= maxPoints) {
                out[count++] = i;
                i = next[i];
            } else {
                i++;
            }
        }
        return count;
    }

    /** Per-thread buffers of {@link #groupRepulsion}. */
    static final class Scratch {
        int[] far = new int[256];
        int[] near = new int[256];
        double[] px;
        double[] py;
        double[] fx;
        double[] fy;
        double[] z;

        Scratch(int maxPoints) {
            px = new double[maxPoints];
            py = new double[maxPoints];
            fx = new double[maxPoints];
            fy = new double[maxPoints];
            z = new double[maxPoints];
        }

        void ensure(int points) {
            if (px.length < points) {
                px = new double[points];
                py = new double[points];
                fx = new double[points];
                fy = new double[points];
                z = new double[points];
            }
        }
    }

    /**
     * The repulsion, at the positions the tree was built from, of every point of group cell {@code g}: writes {@code rep[2i], rep[2i + 1]} for each of its
     * points i and returns the sum of their normalisers. One traversal serves the whole group: a cell is
     * summarised when theta's test holds at the group's bounding box (the nearest any member can be), so
     * each point gets the same or finer cells than its own traversal would, and the per-point work becomes
     * branch-free loops over an interaction list that the JIT vectorises.
     */
    double groupRepulsion(int g, double thetaSquared, Scratch s, double[] rep) {
        int lo = first[g];
        int cnt = (int) cells[g * STRIDE + 2];
        s.ensure(cnt);
        final double[] px = s.px;
        final double[] py = s.py;
        final double[] fx = s.fx;
        final double[] fy = s.fy;
        final double[] zz = s.z;
        double gx0 = Double.POSITIVE_INFINITY;
        double gx1 = Double.NEGATIVE_INFINITY;
        double gy0 = Double.POSITIVE_INFINITY;
        double gy1 = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < cnt; p++) {
            double x = xs[lo + p];
            double yv = ys[lo + p];
            px[p] = x;
            py[p] = yv;
            fx[p] = 0;
            fy[p] = 0;
            zz[p] = 0;
            gx0 = Math.min(gx0, x);
            gx1 = Math.max(gx1, x);
            gy0 = Math.min(gy0, yv);
            gy1 = Math.max(gy1, yv);
        }
        int[] far = s.far;
        int[] near = s.near;
        int nFar = 0;
        int nNear = 0;
        final double[] c = cells;
        final int[] nx = next;
        int i = 0;
        while (i < size) {
            int b = i * STRIDE;
            double bx = c[b];
            double by = c[b + 1];
            int after = nx[i];
            if (after == i + 1) {
                // A leaf within the duplicate tolerance of the box may be some member's own leaf.
                boolean close = bx >= gx0 - DUPLICATE && bx <= gx1 + DUPLICATE
                        && by >= gy0 - DUPLICATE && by <= gy1 + DUPLICATE;
                if (close) {
                    if (nNear == near.length) {
                        near = s.near = Arrays.copyOf(near, 2 * nNear);
                    }
                    near[nNear++] = i;
                } else {
                    if (nFar == far.length) {
                        far = s.far = Arrays.copyOf(far, 2 * nFar);
                    }
                    far[nFar++] = i;
                }
                i = after;
                continue;
            }
            double ddx = Math.max(Math.max(gx0 - bx, bx - gx1), 0.0);
            double ddy = Math.max(Math.max(gy0 - by, by - gy1), 0.0);
            if (c[b + 3] < thetaSquared * (ddx * ddx + ddy * ddy)) {
                if (nFar == far.length) {
                    far = s.far = Arrays.copyOf(far, 2 * nFar);
                }
                far[nFar++] = i;
                i = after;
            } else {
                i++;
            }
        }
        for (int a = 0; a < nFar; a++) {
            int b = far[a] * STRIDE;
            double bx = c[b];
            double by = c[b + 1];
            double w = c[b + 2];
            for (int p = 0; p < cnt; p++) {
                double dx = px[p] - bx;
                double dy = py[p] - by;
                double q = 1.0 / (1.0 + dx * dx + dy * dy);
                double cq = w * q;
                zz[p] += cq;
                double m = cq * q;
                fx[p] += m * dx;
                fy[p] += m * dy;
            }
        }
        for (int a = 0; a < nNear; a++) {
            int b = near[a] * STRIDE;
            double bx = c[b];
            double by = c[b + 1];
            double w = c[b + 2];
            for (int p = 0; p < cnt; p++) {
                double dx = px[p] - bx;
                double dy = py[p] - by;
                if (Math.abs(dx) <= DUPLICATE && Math.abs(dy) <= DUPLICATE) {
                    continue;
                }
                double q = 1.0 / (1.0 + dx * dx + dy * dy);
                double cq = w * q;
                zz[p] += cq;
                double m = cq * q;
                fx[p] += m * dx;
                fy[p] += m * dy;
            }
        }
        double zSum = 0;
        for (int p = 0; p < cnt; p++) {
            int pi = order[lo + p];
            rep[2 * pi] = fx[p];
            rep[2 * pi + 1] = fy[p];
            zSum += zz[p];
        }
        return zSum;
    }
}
