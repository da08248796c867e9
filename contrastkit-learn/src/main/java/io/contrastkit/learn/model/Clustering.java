package io.contrastkit.learn.model;

import io.contrastkit.learn.cluster.KSelection;
import java.util.List;

/**
 * How a model's groups were found: the method, the k-selection table with the chosen k and why, the
 * quality indices of the final groups (in the scaled space the clustering ran in) and the centroids.
 *
 * @param method            k-means or Ward
 * @param k                 number of groups
 * @param table             one row per k tried (a single row when k was fixed)
 * @param reason            why k was chosen
 * @param silhouette        mean silhouette of the final groups (NaN with a single group)
 * @param daviesBouldin     Davies-Bouldin index of the final groups
 * @param calinskiHarabasz  Calinski-Harabasz index of the final groups
 * @param silhouetteSampled whether silhouettes were computed on a seeded sample of rows
 * @param centroids         k x d centroids in the scaled space, group-id order (0 in the columns of features
 *                          the groups do not use)
 * @param features          names of the features the groups were found in; empty: all (0.1.0 models)
 * @param tradeoff          separation, stability and group sizes per k tried (empty when k was fixed, and in
 *                          0.1.0 models)
 */
public record Clustering(ContrastModelOptions.Method method, int k, List<KSelection.Score> table, String reason,
                         double silhouette, double daviesBouldin, double calinskiHarabasz, boolean silhouetteSampled,
                         double[][] centroids, List<String> features, List<KChoice.Tradeoff> tradeoff) {
    public Clustering {
        table = List.copyOf(table);
        features = List.copyOf(features);
        tradeoff = List.copyOf(tradeoff);
        centroids = Vectors.copy(centroids);
        if (centroids.length != k) {
            throw new IllegalArgumentException("centroids has " + centroids.length + " rows, expected k = " + k);
        }
    }

    @Override
    public double[][] centroids() {
        return Vectors.copy(centroids);
    }
}
