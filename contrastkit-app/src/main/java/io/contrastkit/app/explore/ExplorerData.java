package io.contrastkit.app.explore;

import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.model.Representative;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.PredictionTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store's measured images with a model's view of them, held in memory for the explorer: row {@code i} is image {@code ids[i]}; arrays are shared, never modified.
 */
public final class ExplorerData {

    private final ContrastModel model;
    private final long[] ids;
    private final String[] paths;
    private final double[][] features;
    private final double[][] scaled;
    private final List<Prediction> predictions;
    private final Map<Long, Integer> rowOfId;
    private final List<List<Integer>> representatives;

    private ExplorerData(ContrastModel model, FeatureMatrix m, List<Prediction> predictions) {
        this.model = model;
        this.ids = m.ids();
        this.paths = m.paths();
        this.features = m.values();
        this.scaled = model.scaler().transform(features);
        this.predictions = List.copyOf(predictions);
        this.rowOfId = new HashMap<>(ids.length * 2);
        Map<String, Integer> rowOfPath = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            rowOfId.put(ids[i], i);
            rowOfPath.put(paths[i], i);
        }
        List<List<Integer>> reps = new ArrayList<>();
        for (GroupProfile g : model.groups()) {
            List<Integer> rows = new ArrayList<>();
            // Central ones first: they show what the group is; spread ones show its range.
            for (String kind : List.of("central", "spread")) {
                for (Representative r : g.representatives()) {
                    Integer row = rowOfPath.get(r.path());
                    if (r.kind().equals(kind) && row != null && !rows.contains(row)) {
                        rows.add(row);
                    }
                }
            }
            reps.add(List.copyOf(rows));
        }
        this.representatives = List.copyOf(reps);
    }

    /**
     * Loads the store's ok images and the model's predictions of them: those stored by {@code cluster} or
     * {@code predict} for this model when they cover every image, else computed now.
     */
    public static ExplorerData load(StoreSession session, ContrastModel model) {
        Path store = session.file();
        if (!model.schema().version().equals(FeatureSchema.V1.version())) {
            throw new IllegalArgumentException("model has feature version '" + model.schema().version()
                    + "' but this contrastkit reads '" + FeatureSchema.V1.version() + "'");
        }
        FeatureMatrix m = session.features().readFeatures();
        if (m.rows() == 0) {
            throw new IllegalArgumentException("store " + store + " has no measured images (run contrastkit extract first)");
        }
        List<Prediction> predictions = storedPredictions(session, model, m).orElseGet(() ->
                new PredictionService(model, "model " + model.id(), PredictionService.Options.defaults()).predict(m.values()));
        return new ExplorerData(model, m, predictions);
    }

    private static Optional<List<Prediction>> storedPredictions(StoreSession session, ContrastModel model,
                                                               FeatureMatrix m) {
        List<PredictionTable.PathRow> rows = session.predictions().all(model.id());
        if (rows.size() != m.rows()) {
            return Optional.empty();
        }
        Map<Long, PredictionTable.Row> byId = new HashMap<>(rows.size() * 2);
        rows.forEach(r -> byId.put(r.row().imageId(), r.row()));
        List<Prediction> out = new ArrayList<>(m.rows());
        for (long id : m.ids()) {
            PredictionTable.Row r = byId.get(id);
            if (r == null) {
                return Optional.empty();
            }
            out.add(new Prediction(r.group(), r.groupName(), r.distance(), r.contrastScore(), r.anomalyScore(),
                    r.anomaly(), r.mapX(), r.mapY()));
        }
        return Optional.of(out);
    }

    public ContrastModel model() {
        return model;
    }

    public int rows() {
        return ids.length;
    }

    /** Store ids of every row, in row order (shared array). */
    public long[] ids() {
        return ids;
    }

    public long id(int row) {
        return ids[row];
    }

    public String path(int row) {
        return paths[row];
    }

    /** Raw features of a row (shared array). */
    public double[] features(int row) {
        return features[row];
    }

    /** Model-scaled features of every row (shared arrays). */
    public double[][] scaled() {
        return scaled;
    }

    public Prediction prediction(int row) {
        return predictions.get(row);
    }

    /** The row of a stored image id, if the store knows it. */
    public Optional<Integer> row(long id) {
        return Optional.ofNullable(rowOfId.get(id));
    }

    /** Rows of a group's representatives, closest to the centroid first. */
    public List<Integer> representatives(int group) {
        return representatives.get(group);
    }

    /** The {@code k} rows nearest to {@code row} by Euclidean distance of scaled features, nearest first. */
    public int[] neighbours(int row, int k) {
        int n = rows();
        int take = Math.min(k, n - 1);
        // An insertion-sorted buffer of the k best: k is small and n may be 100k, so no sort of all distances.
        int[] best = new int[take];
        double[] bestD = new double[take];
        int size = 0;
        double[] q = scaled[row];
        for (int i = 0; i < n; i++) {
            if (i == row) {
                continue;
            }
            double d = 0;
            double[] x = scaled[i];
            for (int j = 0; j < q.length; j++) {
                double t = x[j] - q[j];
                d += t * t;
            }
            if (size < take) {
                int p = size++;
                while (p > 0 && bestD[p - 1] > d) {
                    best[p] = best[p - 1];
                    bestD[p] = bestD[p - 1];
                    p--;
                }
                best[p] = i;
                bestD[p] = d;
            } else if (take > 0 && d < bestD[take - 1]) {
                int p = take - 1;
                while (p > 0 && bestD[p - 1] > d) {
                    best[p] = best[p - 1];
                    bestD[p] = bestD[p - 1];
                    p--;
                }
                best[p] = i;
                bestD[p] = d;
            }
        }
        return java.util.Arrays.copyOf(best, size);
    }

    /** Euclidean distance of two rows' scaled features. */
    public double distance(int a, int b) {
        double d = 0;
        for (int j = 0; j < scaled[a].length; j++) {
            double t = scaled[a][j] - scaled[b][j];
            d += t * t;
        }
        return Math.sqrt(d);
    }
}
