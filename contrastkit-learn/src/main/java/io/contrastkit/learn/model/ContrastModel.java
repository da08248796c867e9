package io.contrastkit.learn.model;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.map.TsneMap;
import io.contrastkit.learn.pca.PcaResult;
import io.contrastkit.learn.scale.FittedScaler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An immutable fitted contrast model: everything needed to predict a new image's group, contrast score,
 * anomaly score and map position from its feature vector, with its provenance. Saved as one versioned
 * JSON document ({@link #toJson()}, {@link #fromJson(String, String)}).
 */
public final class ContrastModel {

    /** The format version written by this build and the only one it reads. */
    public static final String FORMAT = "contrastkit-model/1";

    private final FeatureSchema schema;
    private final Provenance provenance;
    private final FittedScaler scaler;
    private final Clustering clustering;
    private final List<GroupProfile> groups;
    private final Hierarchy hierarchy;
    private final PcaResult pca;
    private final List<String> pcaDescriptions;
    private final TsneMap map;
    private final AnomalyModel anomaly;
    private final ContrastScore contrastScore;
    /** Per column: whether the groups use it (all true for 0.1.0 models). */
    private final boolean[] grouping;
    private volatile String id;

    ContrastModel(FeatureSchema schema, Provenance provenance, FittedScaler scaler, Clustering clustering,
                  List<GroupProfile> groups, Hierarchy hierarchy, PcaResult pca, List<String> pcaDescriptions,
                  TsneMap map, AnomalyModel anomaly, ContrastScore contrastScore) {
        int d = schema.size();
        String where = "model";
        if (scaler.dimension() != d) {
            throw new IllegalArgumentException(where + ": scaler has " + scaler.dimension() + " columns, expected " + d);
        }
        double[][] c = clustering.centroids();
        for (double[] row : c) {
            if (row.length != d) {
                throw new IllegalArgumentException(where + ": centroids has " + row.length + " columns, expected " + d);
            }
        }
        if (groups.size() != clustering.k()) {
            throw new IllegalArgumentException(where + ": groups has " + groups.size() + " entries, expected k = "
                    + clustering.k());
        }
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).id() != g) {
                throw new IllegalArgumentException(where + ": groups entry " + g + " has id " + groups.get(g).id());
            }
        }
        if (pca.dimension() != d) {
            throw new IllegalArgumentException(where + ": pca has " + pca.dimension() + " columns, expected " + d);
        }
        if (map.dimensions() != d) {
            throw new IllegalArgumentException(where + ": map rows have " + map.dimensions() + " columns, expected " + d);
        }
        if (anomaly.dimension() != d) {
            throw new IllegalArgumentException(where + ": anomaly reference has " + anomaly.dimension()
                    + " columns, expected " + d);
        }
        if (!anomaly.twoSpaces() && anomaly.typicalDistance().length != clustering.k()) {
            throw new IllegalArgumentException(where + ": anomaly typical_distance has "
                    + anomaly.typicalDistance().length + " entries, expected k = " + clustering.k());
        }
        for (double[] row : hierarchy.coarseCentroids()) {
            if (row.length != d) {
                throw new IllegalArgumentException(where + ": hierarchy coarse centroids have " + row.length
                        + " columns, expected " + d);
            }
        }
        for (double[] row : hierarchy.fineCentroids()) {
            if (row.length != d) {
                throw new IllegalArgumentException(where + ": hierarchy fine centroids have " + row.length
                        + " columns, expected " + d);
            }
        }
        this.grouping = grouping(schema, clustering.features());
        this.schema = schema;
        this.provenance = provenance;
        this.scaler = scaler;
        this.clustering = clustering;
        this.groups = List.copyOf(groups);
        this.hierarchy = hierarchy;
        this.pca = pca;
        this.pcaDescriptions = List.copyOf(pcaDescriptions);
        this.map = map;
        this.anomaly = anomaly;
        this.contrastScore = contrastScore;
    }

    /** Predicts one image from its raw feature vector (schema order). */
    public Prediction predict(double[] features) {
        return predictAll(new double[][] {features}, 1).get(0);
    }

    /** Predicts many images; map placement runs on all processors. */
    public List<Prediction> predictAll(double[][] features) {
        return predictAll(features, Runtime.getRuntime().availableProcessors());
    }

    /** Predicts many images, placing them into the map on {@code parallelism} threads. */
    public List<Prediction> predictAll(double[][] features, int parallelism) {
        if (features == null) {
            throw new IllegalArgumentException("features is null");
        }
        double[][] scaled = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            requireFeatures(features[i], features.length == 1 ? "features" : "features row " + i);
            scaled[i] = scaler.transform(features[i]);
        }
        if (features.length == 0) {
            return List.of();
        }
        double[][] grouped = groupingSpace(scaled);
        double[][] xy = map.place(grouped, parallelism);
        double[][] centroids = clustering.centroids();
        List<Prediction> out = new ArrayList<>(features.length);
        for (int i = 0; i < features.length; i++) {
            int g = Vectors.nearest(centroids, grouped[i]);
            double distance = Math.sqrt(Vectors.sqDist(centroids[g], grouped[i]));
            AnomalyModel.Scores a = anomaly.score(scaled[i], grouped[i], distance, g, -1);
            out.add(new Prediction(g, groups.get(g).name(), distance, contrastScore.score(features[i]),
                    a.combined(), anomaly.flagged(a.combined()), xy[i][0], xy[i][1]));
        }
        return out;
    }

    /**
     * Scaled rows as the groups see them: a copy with the columns of features the groups do not use set to 0
     * (the same rows, copied, for models that group on all features). Centroids, silhouettes, stability refits
     * and the t-SNE map live in this space.
     */
    public double[][] groupingSpace(double[][] scaled) {
        return mask(scaled, grouping);
    }

    static double[][] mask(double[][] scaled, boolean[] keep) {
        double[][] out = new double[scaled.length][];
        for (int i = 0; i < scaled.length; i++) {
            double[] r = scaled[i].clone();
            for (int j = 0; j < r.length && j < keep.length; j++) {
                if (!keep[j]) {
                    r[j] = 0;
                }
            }
            out[i] = r;
        }
        return out;
    }

    static boolean[] grouping(FeatureSchema schema, List<String> features) {
        boolean[] keep = new boolean[schema.size()];
        if (features.isEmpty()) {
            java.util.Arrays.fill(keep, true);
        }
        for (String f : features) {
            keep[schema.indexOf(f)] = true;
        }
        return keep;
    }

    void requireFeatures(double[] row, String what) {
        if (row == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (row.length != schema.size()) {
            throw new IllegalArgumentException(what + " has " + row.length + " values, expected " + schema.size()
                    + " (" + schema.version() + ")");
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(what + " feature " + schema.names().get(j) + " is " + row[j]);
            }
        }
    }

    /** The document, byte-identical for the same model. */
    public String toJson() {
        return ContrastModelJson.write(this);
    }

    /**
     * Reads a document; checks the format version, the feature version (naming both) and every shape.
     *
     * @param where what the text came from, for messages (a file name)
     */
    public static ContrastModel fromJson(String json, String where) {
        return ContrastModelJson.read(json, where);
    }

    /** A short content id: the first 16 hex digits of the SHA-256 of {@link #toJson()}. */
    public String id() {
        String v = id;
        if (v == null) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
                v = HexFormat.of().formatHex(h, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
            id = v;
        }
        return v;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public Provenance provenance() {
        return provenance;
    }

    public FittedScaler scaler() {
        return scaler;
    }

    public Clustering clustering() {
        return clustering;
    }

    /** Groups in id order. */
    public List<GroupProfile> groups() {
        return groups;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public PcaResult pca() {
        return pca;
    }

    /** Each principal component described by its top-loading features. */
    public List<String> pcaDescriptions() {
        return pcaDescriptions;
    }

    public TsneMap map() {
        return map;
    }

    public AnomalyModel anomaly() {
        return anomaly;
    }

    public ContrastScore contrastScore() {
        return contrastScore;
    }

    @Override
    public String toString() {
        return "ContrastModel[" + schema.version() + ", " + clustering.method() + " k=" + clustering.k() + ", rows="
                + provenance.rows() + "]";
    }
}
