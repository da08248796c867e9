package io.contrastkit.learn.cluster;

import io.contrastkit.learn.scale.Rows;

/** An immutable k-means fit: centroids, a label per training row, inertia and convergence facts. */
public final class KMeansResult {
    private final double[] centroids; // k x d, row-major
    private final int k;
    private final int d;
    private final int[] labels;
    private final double inertia;
    private final int iterations;
    private final boolean converged;

    KMeansResult(double[] centroids, int k, int d, int[] labels, double inertia, int iterations, boolean converged) {
        this.centroids = centroids;
        this.k = k;
        this.d = d;
        this.labels = labels;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
    }

    /** Rebuilds a result from saved parameters (e.g. a model file); arrays are copied. */
    public static KMeansResult of(double[][] centroids, int[] labels, double inertia, int iterations, boolean converged) {
        int dim = Rows.requireMatrix(centroids, "centroids");
        int[] ls = labels == null ? new int[0] : labels.clone();
        for (int i = 0; i < ls.length; i++) {
            if (ls[i] < 0 || ls[i] >= centroids.length) {
                throw new IllegalArgumentException("label " + i + " is " + ls[i] + ", must be in [0, " + centroids.length + ")");
            }
        }
        return new KMeansResult(Rows.flatten(centroids, "centroids"), centroids.length, dim, ls, inertia, iterations, converged);
    }

    /** Number of clusters. */
    public int k() {
        return k;
    }

    /** Number of features per row. */
    public int dimension() {
        return d;
    }

    /** A fresh k x d copy of the centroids. */
    public double[][] centroids() {
        return Rows.unflatten(centroids, d);
    }

    /** A copy of centroid {@code j}. */
    public double[] centroid(int j) {
        return java.util.Arrays.copyOfRange(centroids, j * d, (j + 1) * d);
    }

    /** A copy of the training labels (0-based cluster index per row). */
    public int[] labels() {
        return labels.clone();
    }

    /** Training rows per cluster. */
    public int[] clusterSizes() {
        int[] sizes = new int[k];
        for (int l : labels) {
            sizes[l]++;
        }
        return sizes;
    }

    /** Sum of squared distances of training rows to their centroid. */
    public double inertia() {
        return inertia;
    }

    /** Lloyd iterations run by the winning restart. */
    public int iterations() {
        return iterations;
    }

    /** Whether the winning restart stopped by tolerance or stable labels rather than maxIter. */
    public boolean converged() {
        return converged;
    }

    /** Index of the nearest centroid (ties go to the lower index). */
    public int predict(double[] row) {
        Rows.requireRow(row, d);
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = row[t] - centroids[j * d + t];
                s += diff * diff;
            }
            if (s < bestD) {
                bestD = s;
                best = j;
            }
        }
        return best;
    }

    /** Euclidean distance from {@code row} to centroid {@code j}. */
    public double distance(double[] row, int j) {
        Rows.requireRow(row, d);
        double s = 0;
        for (int t = 0; t < d; t++) {
            double diff = row[t] - centroids[j * d + t];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }
}
