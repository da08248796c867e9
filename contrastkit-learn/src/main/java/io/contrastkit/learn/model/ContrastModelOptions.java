package io.contrastkit.learn.model;

import io.contrastkit.learn.scale.Scaler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ContrastModelTrainer} fits and how; validated on construction.
 *
 * @param method                 how the groups are found: k-means or a cut of the Ward hierarchy
 * @param k                      the number of groups, or 0 to choose it over {@code minK..maxK} by silhouette
 * @param minK                   smallest k tried when choosing, at least 2
 * @param maxK                   largest k tried when choosing (clipped to rows - 1 at fit time)
 * @param scaler                 per-feature scaling applied before everything else
 * @param nInit                  k-means++ restarts per k
 * @param coarseClusters         clusters in the hierarchy's coarse cut
 * @param fineClusters           clusters in the hierarchy's fine cut, at least coarseClusters
 * @param mapSample              at most this many rows (a seeded sample) anchor the t-SNE map; the rest are placed
 * @param knnReference           at most this many rows (a seeded sample) are the kNN detector's reference
 * @param knnK                   neighbours of the kNN density detector
 * @param centralRepresentatives members closest to the centroid listed per group
 * @param spreadRepresentatives  spread-out members (farthest-point sampling) listed per group
 * @param anomalyThreshold       combined anomaly score at or above which an image is flagged, in (0, 1)
 * @param features               names of the features the groups are found in (empty: all of the schema's);
 *                               the others are kept for the anomaly kNN detector and the profiles
 * @param recipe                 which fitting rules apply: today's, or 0.1.0's (kept so that old results
 *                               can be reproduced exactly)
 */
public record ContrastModelOptions(Method method, int k, int minK, int maxK, Scaler scaler, int nInit,
                                   int coarseClusters, int fineClusters, int mapSample, int knnReference,
                                   int knnK, int centralRepresentatives, int spreadRepresentatives,
                                   double anomalyThreshold, List<String> features, Recipe recipe) {

    /** How the groups are found. */
    public enum Method {
        /** k-means (k-means++ seeding, Lloyd with Hamerly bounds) on the scaled features. */
        KMEANS,
        /** A flat cut of the Ward hierarchy of the scaled features. */
        WARD
    }

    /** Which fitting rules apply; see the README's "How k is chosen". */
    public enum Recipe {
        /**
         * contrastkit 0.1.0: all rows as they are (duplicates weigh as many times as they occur), k by the
         * highest silhouette alone.
         */
        V0_1,
        /**
         * Exact duplicates (identical feature vectors) are fitted once; k must be stable, its groups of a useful
         * size, and the range is widened when the best k sits at its top.
         */
        V0_2
    }

    /**
     * The default grouping features: the dynamic range ({@code u_dr}) and Michelson contrast, the two that
     * separate haze, untouched and S-curve versions of the same photos best. Measured on the bundled photos
     * x three treatments (ContrastTreatmentTest, figures in the README's "Which features the groups use"):
     * every wider set, all 20 included, let brightness, texture or one unusual photo pull groups apart.
     */
    public static final List<String> CONTRAST_FEATURES = List.of("u_dr", "michelson");

    /**
     * Fixed default: flag when the most alarmed detector is at or past 0.5, i.e. its log distance is three
     * robust sigmas above the collection's median (see {@link AnomalyModel} and the README).
     */
    public static final double DEFAULT_ANOMALY_THRESHOLD = 0.5;

    public ContrastModelOptions {
        if (method == null) {
            throw new IllegalArgumentException("method is null");
        }
        if (scaler == null) {
            throw new IllegalArgumentException("scaler is null");
        }
        if (k != 0 && k < 2) {
            throw new IllegalArgumentException("k is " + k + ", must be >= 2 (or 0 for auto)");
        }
        if (minK < 2) {
            throw new IllegalArgumentException("minK is " + minK + ", must be >= 2");
        }
        if (maxK < minK) {
            throw new IllegalArgumentException("maxK is " + maxK + ", must be >= minK (" + minK + ")");
        }
        if (nInit < 1) {
            throw new IllegalArgumentException("nInit is " + nInit + ", must be >= 1");
        }
        if (coarseClusters < 1 || fineClusters < coarseClusters) {
            throw new IllegalArgumentException("coarseClusters " + coarseClusters + " and fineClusters " + fineClusters
                    + " must satisfy 1 <= coarse <= fine");
        }
        if (mapSample < 5) {
            throw new IllegalArgumentException("mapSample is " + mapSample + ", must be >= 5");
        }
        if (knnK < 1) {
            throw new IllegalArgumentException("knnK is " + knnK + ", must be >= 1");
        }
        if (knnReference <= knnK) {
            throw new IllegalArgumentException("knnReference is " + knnReference + ", must be > knnK (" + knnK + ")");
        }
        if (centralRepresentatives < 1 || spreadRepresentatives < 0) {
            throw new IllegalArgumentException("centralRepresentatives " + centralRepresentatives
                    + " must be >= 1 and spreadRepresentatives " + spreadRepresentatives + " >= 0");
        }
        if (!(anomalyThreshold > 0 && anomalyThreshold < 1)) {
            throw new IllegalArgumentException("anomalyThreshold is " + anomalyThreshold + ", must be in (0, 1)");
        }
        if (features == null || recipe == null) {
            throw new IllegalArgumentException("features and recipe must not be null (empty features: all)");
        }
        features = List.copyOf(features);
        if (features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException("features lists a name twice: " + features);
        }
    }

    /**
     * k-means, k chosen over 2..12 (widened when needed), standard scaling, groups in the contrast-bearing
     * features, cuts 3/5, map anchored on up to 10,000 rows, today's recipe.
     */
    public static ContrastModelOptions defaults() {
        return new ContrastModelOptions(Method.KMEANS, 0, 2, 12, Scaler.STANDARD, 10, 3, 5, 10_000, 5_000, 10, 3, 3,
                DEFAULT_ANOMALY_THRESHOLD, CONTRAST_FEATURES, Recipe.V0_2);
    }

    /** What contrastkit 0.1.0 fitted: all features, duplicates kept, k by silhouette alone. */
    public static ContrastModelOptions v01() {
        return defaults().withFeatures(List.of()).withRecipe(Recipe.V0_1);
    }

    /** Grouping features by name (empty: all). */
    public ContrastModelOptions withFeatures(List<String> value) {
        return new ContrastModelOptions(method, k, minK, maxK, scaler, nInit, coarseClusters, fineClusters, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold, value, recipe);
    }

    public ContrastModelOptions withRecipe(Recipe value) {
        return new ContrastModelOptions(method, k, minK, maxK, scaler, nInit, coarseClusters, fineClusters, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold, features, value);
    }

    public ContrastModelOptions withMethod(Method value) {
        return new ContrastModelOptions(value, k, minK, maxK, scaler, nInit, coarseClusters, fineClusters, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    /** A fixed k, or 0 for auto. */
    public ContrastModelOptions withK(int value) {
        return new ContrastModelOptions(method, value, minK, maxK, scaler, nInit, coarseClusters, fineClusters,
                mapSample, knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    public ContrastModelOptions withKRange(int min, int max) {
        return new ContrastModelOptions(method, k, min, max, scaler, nInit, coarseClusters, fineClusters, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    public ContrastModelOptions withScaler(Scaler value) {
        return new ContrastModelOptions(method, k, minK, maxK, value, nInit, coarseClusters, fineClusters, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    public ContrastModelOptions withCuts(int coarse, int fine) {
        return new ContrastModelOptions(method, k, minK, maxK, scaler, nInit, coarse, fine, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    public ContrastModelOptions withMapSample(int value) {
        return new ContrastModelOptions(method, k, minK, maxK, scaler, nInit, coarseClusters, fineClusters, value,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    public ContrastModelOptions withNInit(int value) {
        return new ContrastModelOptions(method, k, minK, maxK, scaler, value, coarseClusters, fineClusters, mapSample,
                knnReference, knnK, centralRepresentatives, spreadRepresentatives, anomalyThreshold,
                features, recipe);
    }

    /** The options as name to value, in declaration order, for provenance. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.name().toLowerCase(java.util.Locale.ROOT));
        m.put("k", k == 0 ? "auto" : k);
        m.put("min_k", minK);
        m.put("max_k", maxK);
        m.put("scaler", scaler.name().toLowerCase(java.util.Locale.ROOT));
        m.put("n_init", nInit);
        m.put("coarse_clusters", coarseClusters);
        m.put("fine_clusters", fineClusters);
        m.put("map_sample", mapSample);
        m.put("knn_reference", knnReference);
        m.put("knn_k", knnK);
        m.put("central_representatives", centralRepresentatives);
        m.put("spread_representatives", spreadRepresentatives);
        m.put("anomaly_threshold", anomalyThreshold);
        // 0.1.0 wrote neither key: leaving them out keeps its models byte for byte
        if (recipe != Recipe.V0_1) {
            m.put("recipe", "0.2");
        }
        if (!features.isEmpty()) {
            m.put("features", String.join(",", features));
        }
        return m;
    }
}
