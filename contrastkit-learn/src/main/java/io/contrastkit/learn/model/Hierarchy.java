package io.contrastkit.learn.model;

/**
 * The Ward hierarchy a model keeps: the linkage in scipy's format (over the rows when exact, else over
 * k-means micro-clusters) and the centroids (scaled space) of its coarse and fine cuts.
 */
public record Hierarchy(boolean exact, int leaves, double[][] linkage, double[][] coarseCentroids,
                        double[][] fineCentroids) {
    public Hierarchy {
        linkage = Vectors.copy(linkage);
        coarseCentroids = Vectors.copy(coarseCentroids);
        fineCentroids = Vectors.copy(fineCentroids);
    }

    @Override
    public double[][] linkage() {
        return Vectors.copy(linkage);
    }

    @Override
    public double[][] coarseCentroids() {
        return Vectors.copy(coarseCentroids);
    }

    @Override
    public double[][] fineCentroids() {
        return Vectors.copy(fineCentroids);
    }

    /** The coarse-cut cluster nearest to a scaled row. */
    public int coarseGroup(double[] scaledRow) {
        return Vectors.nearest(coarseCentroids, scaledRow);
    }

    /** The fine-cut cluster nearest to a scaled row. */
    public int fineGroup(double[] scaledRow) {
        return Vectors.nearest(fineCentroids, scaledRow);
    }
}
