package io.contrastkit.learn.model;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Two anomaly detectors, each calibrated to [0, 1] against the fitted collection, and their combination
 * (the larger of the two: an image is as anomalous as its most alarmed detector), flagged at or above the
 * threshold. A model has one of two pairs.
 *
 * <p><b>Two spaces</b> (models grouped on some features, the default): a kNN detector in each of two robust
 * spaces of the scaled features, where every feature is re-centred on the collection's median and divided by
 * its robust spread (1.4826 MAD, at least {@value #MIN_SPACE_SCALE} of the scaled unit), so that a frame no
 * photo comes near stands far out even in a handful of images, where the mean and standard deviation are
 * dragged towards it:
 * <ul>
 * <li><b>contrast space</b>: only the contrast-bearing features ({@link #FEATURES}). Black and white frames
 *     stand out here among any number of photos: in a handful, every photo is unique in its colours and
 *     texture, so in all features they look no odder than the photos;</li>
 * <li><b>spectrum space</b>: the spectrum's shape ({@link #SPECTRUM_FEATURES}). Pure noise stands out here
 *     (a flat spectrum); its global and local contrast are those of a busy photo.</li>
 * </ul>
 * Measured on the tests' collections (six photos and two flat frames; 90 photo variants and three frames; 32
 * photos and two frames; 10,000 perturbed photos), one space of all 20 features missed pure noise: with this
 * many features every photo is far from the others in some of them, and one feature far out counts for little;
 * a space of the spectrum and local contrast together flagged half-size copies of textured photos.
 * Groups do not enter: they are formed on a few features, and a distance to a group's mean in another space
 * measures how far the group is from compact, not how odd the image is (measured: it flagged whole groups of
 * distinctive but ordinary photos).
 *
 * <p><b>Centroid and kNN</b> (0.1.0 models and models grouped on all features), both in the grouping space:
 * <ul>
 * <li><b>centroid</b>: distance to the nearest group centroid divided by that group's typical distance
 *     (the median distance of its members, shrunk towards the collection's median with the weight of
 *     {@value #SHRINK_ROWS} rows so that tiny groups do not get a tiny yardstick);</li>
 * <li><b>knn</b>.</li>
 * </ul>
 * The kNN detector is the mean distance to the {@code k} nearest rows of a bounded, seeded reference sample of
 * the collection (a fitted row does not count itself). Each raw score r is calibrated by a robust logistic in
 * log space: {@code z = (ln r - median) / (1.4826 MAD)} over the fitted collection,
 * {@code score = 1 / (1 + exp(-SLOPE (z - Z_MID)))}: 0.12 at two robust sigmas, 0.5 at three (the default flag
 * threshold: the textbook three-sigma rule), 0.88 at four. Logs because distances are right-skewed; a logistic
 * instead of the empirical CDF because the CDF saturates at the collection's most extreme member and would rank
 * a black frame no higher than the most unusual real photo.
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
    /** The largest share of a collection that may be its anomalies (see {@link Calibration#fit(double[], boolean)}). */
    public static final double RARE_SHARE = 0.2;
    /**
     * Rows from which the rare-share guard applies: in fewer, the 80th percentile is one of a handful of images
     * and may itself be an odd one (six photos and two frames: it is the most unusual photo).
     */
    public static final int RARE_ROWS = 50;
    /** The standard normal quantile at {@code 1 - RARE_SHARE}. */
    static final double Z_RARE = 0.8416;
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
     * one sigma apart. Without it a collection whose members all sit at nearly the same distance from their
     * neighbours (near-duplicates) would flag any small deviation.
     */
    static final double MIN_LOG_SCALE = 0.1;
    /** Floor of a feature's robust spread in the two spaces, in units of the scaled feature. */
    static final double MIN_SPACE_SCALE = 0.25;
    /** The spread given to features the contrast space ignores (their contribution falls below rounding). */
    static final double IGNORED_SCALE = 1e12;

    /**
     * The features of the contrast space: global and local contrast, dynamic range, entropy, clipping. Colour
     * and spectrum are left out (see the class comment).
     */
    public static final java.util.List<String> FEATURES = java.util.List.of("c_rms", "u_dr", "michelson", "entropy",
            "std", "mean_local_contrast", "std_local_contrast", "local_contrast_p99", "luminance_contrast",
            "clipped_fraction");

    /** The features of the spectrum space: the share and slope of high spatial frequencies. */
    public static final java.util.List<String> SPECTRUM_FEATURES = java.util.List.of("high_freq_energy", "freq_ratio",
            "spectral_slope");

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
         * With {@code guarded} (every recipe after 0.1), two guards on the spread, each inactive when the log
         * distances are about normal. Anomalies are rare: on {@value #RARE_ROWS} rows or more the spread is at least what puts the collection's 80th
         * percentile at its normal place (0.84 sigma above the median), so that a fifth or more of a collection
         * that sits far out (a whole treatment, say a third of the images with a strong S-curve, whose clipping
         * spreads them apart) counts as part of the collection, not as its anomalies; measured on the demo, the
         * median absolute deviation alone flagged 46 of its 144 images. And on collections of at least
         * {@value #TAIL_ROWS} rows the spread is also at least a third of the way from the median to the empirical
         * {@code 1 - TAIL_SHARE} quantile: a collection whose distances are not log-normal (several tight sources)
         * then still has no more than about TAIL_SHARE of its rows past the threshold, while anything beyond its
         * own extremes is flagged as before.
         */
        static Calibration fit(double[] raw, boolean guarded) {
            double[] logs = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                logs[i] = Math.log(Math.max(raw[i], RAW_FLOOR));
            }
            double median = Vectors.median(logs);
            double scale = Math.max(robustSigma(logs, median), MIN_LOG_SCALE);
            if (guarded) {
                double[] sorted = logs.clone();
                Arrays.sort(sorted);
                if (logs.length >= RARE_ROWS) {
                    scale = Math.max(scale, (quantile(sorted, 1 - RARE_SHARE) - median) / Z_RARE);
                }
                if (logs.length >= TAIL_ROWS) {
                    scale = Math.max(scale, (quantile(sorted, 1 - TAIL_SHARE) - median) / Z_MID);
                }
            }
            return new Calibration(median, scale);
        }

        /** The order statistic at share p of sorted values (the lower one, no interpolation). */
        private static double quantile(double[] sorted, double p) {
            return sorted[(int) Math.floor(p * (sorted.length - 1))];
        }
    }

    /** 1.4826 times the median absolute deviation from {@code median}: the robust sigma both spaces and calibrations use. */
    static double robustSigma(double[] values, double median) {
        double[] dev = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - median);
        }
        return 1.4826 * Vectors.median(dev);
    }

    /**
     * The two robust spaces of a two-space model: per feature the collection's median of the scaled feature, and
     * its robust spread in the contrast space (features outside {@link #FEATURES} get {@link #IGNORED_SCALE}) and
     * in the spectrum space (features outside {@link #SPECTRUM_FEATURES} get {@link #IGNORED_SCALE}).
     */
    public record Spaces(double[] center, double[] contrastScale, double[] spectrumScale) {
        public Spaces {
            int d = center.length;
            if (contrastScale.length != d || spectrumScale.length != d) {
                throw new IllegalArgumentException("anomaly spaces have " + d + " centres, " + contrastScale.length
                        + " contrast scales and " + spectrumScale.length + " spectrum scales; expected the same count");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(center[j]) || !(contrastScale[j] > 0) || !Double.isFinite(contrastScale[j])
                        || !(spectrumScale[j] > 0) || !Double.isFinite(spectrumScale[j])) {
                    throw new IllegalArgumentException("anomaly space feature " + j + ": center " + center[j]
                            + ", contrast scale " + contrastScale[j] + ", spectrum scale " + spectrumScale[j]
                            + "; centres must be finite and scales finite and > 0");
                }
            }
            center = center.clone();
            contrastScale = contrastScale.clone();
            spectrumScale = spectrumScale.clone();
        }

        @Override
        public double[] center() {
            return center.clone();
        }

        @Override
        public double[] contrastScale() {
            return contrastScale.clone();
        }

        @Override
        public double[] spectrumScale() {
            return spectrumScale.clone();
        }

        /** The spaces of a collection's scaled rows; the flags mark each space's features. */
        static Spaces of(double[][] scaled, boolean[] contrast, boolean[] spectrum) {
            int d = scaled[0].length;
            double[] center = new double[d];
            double[] contrastScale = new double[d];
            double[] spectrumScale = new double[d];
            for (int j = 0; j < d; j++) {
                int jj = j;
                double[] col = Arrays.stream(scaled).mapToDouble(r -> r[jj]).toArray();
                double med = Vectors.median(col);
                double spread = Math.max(robustSigma(col, med), MIN_SPACE_SCALE);
                center[j] = med;
                spectrumScale[j] = spectrum[j] ? spread : IGNORED_SCALE;
                contrastScale[j] = contrast[j] ? spread : IGNORED_SCALE;
            }
            return new Spaces(center, contrastScale, spectrumScale);
        }

        double[] toContrast(double[] scaledRow) {
            return to(scaledRow, contrastScale);
        }

        double[] toSpectrum(double[] scaledRow) {
            return to(scaledRow, spectrumScale);
        }

        private double[] to(double[] row, double[] scale) {
            double[] out = new double[row.length];
            for (int j = 0; j < out.length; j++) {
                out[j] = (row[j] - center[j]) / scale[j];
            }
            return out;
        }
    }

    /**
     * The two calibrated detector scores and their combination: for two-space models the kNN detector in the
     * contrast space and in the spectrum space, for 0.1.0 models the centroid and the kNN detector.
     */
    public record Scores(double first, double second, double combined) {
    }

    private final double[] typicalDistance;
    /** The reference rows as given: scaled rows (two spaces) or grouping-space rows (centroid and kNN). */
    private final double[][] reference;
    /** Reference rows in the first kNN detector's space, flat; in the second's for two-space models. */
    private final double[] referenceFirst;
    private final double[] referenceSecond;
    private final int referenceRows;
    private final int d;
    private final int k;
    private final Calibration first;
    private final Calibration second;
    private final double threshold;
    /** The two robust spaces, or null for a centroid-and-kNN model. */
    private final Spaces spaces;

    /** A centroid-and-kNN model in the grouping space (0.1.0's pair). */
    AnomalyModel(double[] typicalDistance, double[][] reference, int k, Calibration centroid, Calibration knn,
                 double threshold) {
        this(typicalDistance, reference, k, centroid, knn, threshold, null);
    }

    /** A two-space model: {@code reference} holds scaled rows. */
    AnomalyModel(Spaces spaces, double[][] reference, int k, Calibration contrast, Calibration full, double threshold) {
        this(null, reference, k, contrast, full, threshold, java.util.Objects.requireNonNull(spaces, "spaces"));
    }

    private AnomalyModel(double[] typicalDistance, double[][] reference, int k, Calibration first, Calibration second,
                         double threshold, Spaces spaces) {
        if (k < 1 || k > reference.length) {
            throw new IllegalArgumentException("anomaly knn k is " + k + " but the reference has "
                    + reference.length + " rows");
        }
        this.d = reference[0].length;
        if (spaces != null && spaces.center.length != d) {
            throw new IllegalArgumentException("anomaly spaces have " + spaces.center.length
                    + " features, the reference rows " + d);
        }
        if (typicalDistance != null) {
            for (int g = 0; g < typicalDistance.length; g++) {
                if (!(typicalDistance[g] > 0) || !Double.isFinite(typicalDistance[g])) {
                    throw new IllegalArgumentException("anomaly typical_distance[" + g + "] is " + typicalDistance[g]
                            + ", must be finite and > 0");
                }
            }
        }
        this.typicalDistance = typicalDistance == null ? null : typicalDistance.clone();
        this.spaces = spaces;
        this.referenceRows = reference.length;
        this.reference = Vectors.copy(reference);
        this.referenceFirst = flat(reference, spaces == null ? null : spaces::toContrast);
        this.referenceSecond = spaces == null ? null : flat(reference, spaces::toSpectrum);
        this.k = k;
        this.first = first;
        this.second = second;
        this.threshold = threshold;
    }

    private static double[] flat(double[][] rows, java.util.function.UnaryOperator<double[]> to) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(to == null ? rows[i] : to.apply(rows[i]), 0, out, i * d, d);
        }
        return out;
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

    /** The centroid detector's raw value (centroid-and-kNN models). */
    double centroidRaw(double distance, int group) {
        return distance / typicalDistance[group];
    }

    /**
     * Mean distance from {@code row} (already in the detector's space) to the k nearest rows of a flat
     * reference, skipping reference row {@code exclude} (a fitted row's own entry; -1 for none).
     */
    private double knnRaw(double[] flatReference, double[] row, int exclude) {
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int r = 0; r < referenceRows; r++) {
            if (r == exclude) {
                continue;
            }
            double s = 0;
            int o = r * d;
            for (int j = 0; j < d; j++) {
                double t = row[j] - flatReference[o + j];
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

    /**
     * Both detectors' raw values for one row: {@code scaledRow} is the scaled row, {@code groupedRow} the same
     * row in the grouping space, {@code distance} its distance to the centroid of its {@code group};
     * {@code exclude} is the row's own reference entry (-1 for none).
     */
    double[] raw(double[] scaledRow, double[] groupedRow, double distance, int group, int exclude) {
        if (spaces != null) {
            return new double[] {knnRaw(referenceFirst, spaces.toContrast(scaledRow), exclude),
                    knnRaw(referenceSecond, spaces.toSpectrum(scaledRow), exclude)};
        }
        return new double[] {centroidRaw(distance, group), knnRaw(referenceFirst, groupedRow, exclude)};
    }

    /** The calibrated scores of raw detector values from {@link #raw}. */
    Scores calibrated(double[] raw) {
        double a = first.apply(raw[0]);
        double b = second.apply(raw[1]);
        return new Scores(a, b, Math.max(a, b));
    }

    /** Both detectors and the combined score for one row (see {@link #raw}). */
    Scores score(double[] scaledRow, double[] groupedRow, double distance, int group, int exclude) {
        return calibrated(raw(scaledRow, groupedRow, distance, group, exclude));
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

    /** Whether this is a two-space model (else centroid and kNN in the grouping space). */
    public boolean twoSpaces() {
        return spaces != null;
    }

    /** The two robust spaces; only for {@link #twoSpaces()} models. */
    public Spaces spaces() {
        if (spaces == null) {
            throw new IllegalStateException("this anomaly model detects in the grouping space");
        }
        return spaces;
    }

    /** Per-group typical distances; only for centroid-and-kNN models. */
    public double[] typicalDistance() {
        if (typicalDistance == null) {
            throw new IllegalStateException("a two-space anomaly model has no centroid detector");
        }
        return typicalDistance.clone();
    }

    /** The first detector's calibration: the centroid detector's, or the contrast space's kNN. */
    public Calibration firstCalibration() {
        return first;
    }

    /** The second detector's calibration: the kNN detector's, or the spectrum space's kNN. */
    public Calibration secondCalibration() {
        return second;
    }

    /** The kNN reference rows as given (a copy): scaled rows for two-space models. */
    public double[][] reference() {
        return Vectors.copy(reference);
    }

    int dimension() {
        return d;
    }
}
