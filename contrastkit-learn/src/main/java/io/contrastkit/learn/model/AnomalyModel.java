package io.contrastkit.learn.model;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Two anomaly detectors in the scaled feature space, each calibrated to [0, 1] against the fitted
 * collection, and their combination.
 *
 * <ul>
 * <li><b>centroid</b>: distance to the nearest group centroid divided by that group's typical distance
 *     (the median distance of its members, shrunk towards the collection's median with the weight of
 *     {@value #SHRINK_ROWS} rows so that tiny groups do not get a tiny yardstick);</li>
 * <li><b>knn</b>: mean distance to the {@code k} nearest rows of a bounded, seeded reference sample of the
 *     collection (a fitted row does not count itself).</li>
 * </ul>
 * Each raw score r is calibrated by a robust logistic in log space: {@code z = (ln r - median) / (1.4826 MAD)}
 * over the fitted collection, {@code score = 1 / (1 + exp(-SLOPE (z - Z_MID)))}: 0.12 at two robust sigmas,
 * 0.5 at three (the default flag threshold: the textbook three-sigma rule), 0.88 at four. Logs because distances are right-skewed; a logistic instead of the empirical CDF
 * because the CDF saturates at the collection's most extreme member and would rank a black frame no higher
 * than the most unusual real photo. The combined score is the larger of the two (an image is as anomalous as
 * its most alarmed detector: an outlier alone in its own group has distance 0 to its centroid, but no near
 * neighbours), flagged at or above the threshold.
 *
 * <p>When the groups use only some features, both detectors still look at all of them (a black frame is
 * unusual in its entropy and spectrum too): the model then keeps the groups' means in the full scaled space
 * ({@link #centroids()}) and its own kNN reference rows; 0.1.0 models, grouped on all features, share the
 * clustering's centroids and the map's anchor rows.
 */
public final class AnomalyModel {

    /** Robust z at which a detector's calibrated score is 0.5. */
    public static final double Z_MID = 3.0;
    /**
     * The share of a large collection without real outliers that is flagged at the default threshold: about
     * 0.3%, {@link #TAIL_SHARE} for each of the two detectors (the Gaussian tail beyond three sigmas is 0.13%).
     */
    public static final double EXPECTED_CLEAN_SHARE = 0.003;
    /** Share of a large collection that one detector's tail calibration lets past the threshold. */
    public static final double TAIL_SHARE = 0.0015;
    /** Rows from which the tail calibration applies (it needs a few rows past the quantile to mean anything). */
    public static final int TAIL_ROWS = 2_000;
    /** Steepness of the calibration logistic per robust sigma. */
    public static final double SLOPE = 2.0;
    /** Pseudo-rows of the collection's median distance mixed into each group's typical distance. */
    static final int SHRINK_ROWS = 5;
    /** Floor of raw scores before the log (duplicates have distance 0). */
    private static final double RAW_FLOOR = 1e-12;
    /**
     * Floor of the robust spread in log space: distances within 10% of each other never count as more than
     * one sigma apart. Without it a group whose members all sit at nearly the same distance from a centroid
     * (near-duplicates, or a centroid pulled aside by a few extreme rows) would flag any small deviation.
     */
    static final double MIN_LOG_SCALE = 0.1;

    /** A robust logistic calibration of one detector: median and robust sigma of ln(raw) over the collection. */
    public record Calibration(double center, double scale) {
        public Calibration {
            if (!Double.isFinite(center) || !(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("calibration center " + center + " and scale " + scale
                        + " must be finite with scale > 0");
            }
        }

        /** The calibrated score in [0, 1] of a raw detector value. */
        public double apply(double raw) {
            double z = (Math.log(Math.max(raw, RAW_FLOOR)) - center) / scale;
            return 1.0 / (1.0 + Math.exp(-SLOPE * (z - Z_MID)));
        }

        static Calibration fit(double[] raw) {
            return fit(raw, false);
        }

        /**
         * With {@code tail}, on collections of at least {@value #TAIL_ROWS} rows the spread is also at least a third
         * of the way from the median to the empirical {@code 1 - TAIL_SHARE} quantile: a collection whose distances
         * are not log-normal (several tight sources, say) then still has no more than about TAIL_SHARE of its
         * rows past the threshold, while anything beyond its own extremes is flagged as before.
         */
        static Calibration fit(double[] raw, boolean tail) {
            double[] logs = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                logs[i] = Math.log(Math.max(raw[i], RAW_FLOOR));
            }
            double median = Vectors.median(logs);
            double[] dev = new double[logs.length];
            for (int i = 0; i < logs.length; i++) {
                dev[i] = Math.abs(logs[i] - median);
            }
            double mad = 1.4826 * Vectors.median(dev);
            double scale = Math.max(mad, MIN_LOG_SCALE);
            if (tail && logs.length >= TAIL_ROWS) {
                double[] sorted = logs.clone();
                Arrays.sort(sorted);
                double q = sorted[(int) Math.floor((1 - TAIL_SHARE) * (sorted.length - 1))];
                scale = Math.max(scale, (q - median) / Z_MID);
            }
            return new Calibration(median, scale);
        }
    }

    /** The two calibrated detector scores and their combination. */
    public record Scores(double centroid, double knn, double combined) {
    }

    private final double[] typicalDistance;
    private final double[] reference;
    private final int referenceRows;
    private final int d;
    private final int k;
    private final Calibration centroid;
    private final Calibration knn;
    private final double threshold;
    /** Group means in the detectors' own space, or null when the detectors share the grouping space. */
    private final double[][] centroids;
    /** Per feature: the robust centre and spread that take a scaled row into the detectors' own space. */
    private final double[] spaceCenter;
    private final double[] spaceScale;

    AnomalyModel(double[] typicalDistance, double[][] reference, int k, Calibration centroid, Calibration knn,
                 double threshold) {
        this(typicalDistance, reference, k, centroid, knn, threshold, null, null, null);
    }

    AnomalyModel(double[] typicalDistance, double[][] reference, int k, Calibration centroid, Calibration knn,
                 double threshold, double[][] centroids, double[] spaceCenter, double[] spaceScale) {
        if ((centroids == null) != (spaceCenter == null) || (spaceCenter == null) != (spaceScale == null)) {
            throw new IllegalArgumentException("anomaly centroids, space center and space scale come together");
        }
        if (spaceCenter != null && (spaceCenter.length != reference[0].length
                || spaceScale.length != reference[0].length)) {
            throw new IllegalArgumentException("anomaly space has " + spaceCenter.length + " centres and "
                    + spaceScale.length + " scales, expected " + reference[0].length);
        }
        if (spaceScale != null && Arrays.stream(spaceScale).anyMatch(v -> !(v > 0) || !Double.isFinite(v))) {
            throw new IllegalArgumentException("anomaly space scale " + Arrays.toString(spaceScale)
                    + " must be finite and > 0");
        }
        this.spaceCenter = spaceCenter == null ? null : spaceCenter.clone();
        this.spaceScale = spaceScale == null ? null : spaceScale.clone();
        if (centroids != null && (centroids.length != typicalDistance.length
                || centroids[0].length != reference[0].length)) {
            throw new IllegalArgumentException("anomaly centroids are " + centroids.length + " x " + centroids[0].length
                    + ", expected " + typicalDistance.length + " x " + reference[0].length);
        }
        this.centroids = centroids == null ? null : Vectors.copy(centroids);
        if (k < 1 || k > reference.length) {
            throw new IllegalArgumentException("anomaly knn k is " + k + " but the reference has "
                    + reference.length + " rows");
        }
        for (int g = 0; g < typicalDistance.length; g++) {
            if (!(typicalDistance[g] > 0) || !Double.isFinite(typicalDistance[g])) {
                throw new IllegalArgumentException("anomaly typical_distance[" + g + "] is " + typicalDistance[g]
                        + ", must be finite and > 0");
            }
        }
        this.typicalDistance = typicalDistance.clone();
        this.referenceRows = reference.length;
        this.d = reference[0].length;
        this.reference = new double[referenceRows * d];
        for (int i = 0; i < referenceRows; i++) {
            System.arraycopy(reference[i], 0, this.reference, i * d, d);
        }
        this.k = k;
        this.centroid = centroid;
        this.knn = knn;
        this.threshold = threshold;
    }

    /** Per-group typical distances: shrunk medians of members' distances to their centroid. */
    static double[] typicalDistances(double[] distance, int[] labels, int groups) {
        double pooled = Vectors.median(distance);
        double[] out = new double[groups];
        for (int g = 0; g < groups; g++) {
            int gg = g;
            double[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == gg)
                    .mapToDouble(i -> distance[i]).toArray();
            double med = members.length == 0 ? pooled : Vectors.median(members);
            double typical = (members.length * med + SHRINK_ROWS * pooled) / (members.length + SHRINK_ROWS);
            out[g] = Math.max(typical, RAW_FLOOR);
        }
        return out;
    }

    /** The centroid detector's raw value. */
    double centroidRaw(double distance, int group) {
        return distance / typicalDistance[group];
    }

    /**
     * The kNN detector's raw value: mean distance to the k nearest reference rows, skipping reference row
     * {@code exclude} (a fitted row's own entry; -1 for none).
     */
    double knnRaw(double[] scaledRow, int exclude) {
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int r = 0; r < referenceRows; r++) {
            if (r == exclude) {
                continue;
            }
            double s = 0;
            int o = r * d;
            for (int j = 0; j < d; j++) {
                double t = scaledRow[j] - reference[o + j];
                s += t * t;
            }
            if (s < best[k - 1]) {
                int pos = k - 1;
                while (pos > 0 && best[pos - 1] > s) {
                    best[pos] = best[pos - 1];
                    pos--;
                }
                best[pos] = s;
            }
        }
        double sum = 0;
        int used = 0;
        for (double b : best) {
            if (b != Double.POSITIVE_INFINITY) {
                sum += Math.sqrt(b);
                used++;
            }
        }
        return used == 0 ? 0 : sum / used;
    }

    /** Both detectors and the combined score for one row. */
    Scores score(double distance, int group, double[] scaledRow, int exclude) {
        double c = centroid.apply(centroidRaw(distance, group));
        double n = knn.apply(knnRaw(scaledRow, exclude));
        return new Scores(c, n, Math.max(c, n));
    }

    /** Whether a combined score is flagged. */
    public boolean flagged(double combined) {
        return combined >= threshold;
    }

    public double threshold() {
        return threshold;
    }

    public int k() {
        return k;
    }

    public int referenceRows() {
        return referenceRows;
    }

    public double[] typicalDistance() {
        return typicalDistance.clone();
    }

    public Calibration centroidCalibration() {
        return centroid;
    }

    public Calibration knnCalibration() {
        return knn;
    }

    /** Whether the detectors have their own space (all features) apart from the groups'. */
    public boolean ownSpace() {
        return centroids != null;
    }

    /** The groups' means in the full scaled space (a copy); only when {@link #ownSpace()}. */
    public double[][] centroids() {
        if (centroids == null) {
            throw new IllegalStateException("this anomaly model shares the clustering's centroids");
        }
        return Vectors.copy(centroids);
    }

    /**
     * The detectors' own space for models grouped on some features: every feature re-centred on the
     * collection's median and divided by its robust spread (1.4826 MAD, at least {@value #MIN_SPACE_SCALE} of
     * the scaled unit), so that a frame whose entropy or contrast no photo comes near stands far out even in a
     * handful of images, where the mean and standard deviation are dragged towards it.
     */
    static double[][] spaceOf(double[][] scaled, boolean[] use) {
        int d = scaled[0].length;
        double[][] cs = new double[2][d];
        for (int j = 0; j < d; j++) {
            int jj = j;
            double[] col = Arrays.stream(scaled).mapToDouble(r -> r[jj]).toArray();
            double med = Vectors.median(col);
            double[] dev = Arrays.stream(col).map(v -> Math.abs(v - med)).toArray();
            cs[0][j] = med;
            // a feature the detectors ignore gets an infinite-like spread: it contributes nothing
            cs[1][j] = use[j] ? Math.max(1.4826 * Vectors.median(dev), MIN_SPACE_SCALE) : IGNORED_SCALE;
        }
        return cs;
    }

    /** The spread given to features the detectors ignore (their contribution falls below rounding). */
    static final double IGNORED_SCALE = 1e12;

    /**
     * The features the detectors look at in models grouped on some features: the contrast-bearing ones (global
     * and local contrast, dynamic range, entropy, clipping). Colour and spectrum are left out: in a handful of
     * photos each is unique in its colours or texture, which would make every photo look as odd as a black frame.
     */
    public static final java.util.List<String> FEATURES = java.util.List.of("c_rms", "u_dr", "michelson", "entropy",
            "std", "mean_local_contrast", "std_local_contrast", "local_contrast_p99", "luminance_contrast",
            "clipped_fraction");

    /** Floor of a feature's robust spread in the own space, in units of the scaled feature. */
    static final double MIN_SPACE_SCALE = 0.25;

    /** A scaled row in the detectors' own space (the row itself when they share the grouping space). */
    double[] toSpace(double[] scaledRow) {
        if (spaceCenter == null) {
            return scaledRow;
        }
        double[] out = new double[scaledRow.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (scaledRow[j] - spaceCenter[j]) / spaceScale[j];
        }
        return out;
    }

    /** The own space's centres (a copy); only when {@link #ownSpace()}. */
    public double[] spaceCenter() {
        return spaceCenter.clone();
    }

    /** The own space's spreads (a copy); only when {@link #ownSpace()}. */
    public double[] spaceScale() {
        return spaceScale.clone();
    }

    /** Distance of a row in the own space to group g's mean there. */
    double ownDistance(double[] scaledRow, int g) {
        return Math.sqrt(Vectors.sqDist(scaledRow, centroids[g]));
    }

    /** The kNN reference rows (a copy). */
    public double[][] reference() {
        double[][] out = new double[referenceRows][];
        for (int i = 0; i < referenceRows; i++) {
            out[i] = Arrays.copyOfRange(reference, i * d, (i + 1) * d);
        }
        return out;
    }

    int dimension() {
        return d;
    }
}
