package io.contrastkit.spark;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelFit;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.learn.scale.FittedScaler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The model-fitting stage on Spark: learn's trainer fits the model on a seeded sample of the table's ok
 * rows collected to the driver (scaler, k by the rule {@code cluster} uses, hierarchy over micro-clusters,
 * PCA, map anchors, anomaly and score calibration), and MLlib's k-means (k-means|| initialisation) over
 * the whole table, scaled with the sample's scaler, refines its centroids. The result is the same
 * {@link ContrastModel} JSON that {@code predict}, {@code serve} and {@code explore} load.
 */
public final class FitModel {

    /** Rows collected to the driver by default: the local {@code cluster} fits this many in seconds. */
    public static final int DEFAULT_SAMPLE_ROWS = 20_000;

    /**
     * What to fit.
     *
     * @param features   a Parquet feature table in the export layout
     * @param modelFile  where to write the model JSON (any Hadoop path)
     * @param sampleRows rows the driver fits the rest of the stage on, at least {@link ContrastModelTrainer#MIN_ROWS}
     * @param seed       every random choice (sample, k-means||, the trainer's)
     */
    public record Options(String features, String modelFile, ContrastModelOptions model, int sampleRows, long seed) {
        public Options {
            if (features == null || features.isBlank()) {
                throw new IllegalArgumentException("--features must name a Parquet table, got '" + features + "'");
            }
            if (modelFile == null || modelFile.isBlank()) {
                throw new IllegalArgumentException("--model must name the file to write, got '" + modelFile + "'");
            }
            Objects.requireNonNull(model, "model");
            if (sampleRows < ContrastModelTrainer.MIN_ROWS) {
                throw new IllegalArgumentException("--sample-rows must be >= " + ContrastModelTrainer.MIN_ROWS
                        + ", got " + sampleRows);
            }
        }
    }

    /**
     * What a run did.
     *
     * @param rows    ok rows in the table (MLlib's k-means ran on all of them)
     * @param sampled rows the driver fitted on
     * @param seconds the whole stage, {@code phases} included
     */
    public record Result(ContrastModel model, long rows, int sampled, double seconds, Phases phases) {
    }

    /**
     * Where a run's time went, in seconds; they add up to the stage's time but for the model's writing.
     * Each is what a larger table costs differently: the scan and k-means grow with the table, the
     * driver's share with the sample only.
     *
     * @param scan      reading the table and caching its ok rows (the count that materialises the cache)
     * @param sample    drawing the seeded sample and collecting it to the driver
     * @param driverFit learn's trainer on the sample (scaler, k, hierarchy, PCA, map, scores), refinement excluded
     * @param refine    MLlib's k-means|| over every ok row; 0 when the sample was the whole table
     */
    public record Phases(double scan, double sample, double driverFit, double refine) {
    }

    private FitModel() {
    }

    /** Runs the stage on {@code spark} and writes the model. */
    public static Result run(SparkSession spark, Options options) throws IOException {
        long start = System.nanoTime();
        FeatureSchema schema = FeatureSchema.V1;
        int d = schema.size();
        Dataset<Row> table = spark.read().parquet(options.features());
        Dataset<Row> ok = table.filter(table.col("status").equalTo("ok"))
                .select(table.col("path"), vectorOf(table, schema)).cache();
        long n = ok.count();
        long scanned = System.nanoTime();
        if (n < ContrastModelTrainer.MIN_ROWS) {
            throw new IllegalArgumentException(options.features() + " has " + n + " ok rows; a model needs at least "
                    + ContrastModelTrainer.MIN_ROWS);
        }
        List<Row> sample = n <= options.sampleRows() ? ok.orderBy("path").collectAsList()
                : ok.sample(false, Math.min(1.0, 1.1 * options.sampleRows() / n), options.seed())
                        .orderBy("path").limit(options.sampleRows()).collectAsList();
        long sampledAt = System.nanoTime();
        double[][] rows = new double[sample.size()][];
        List<String> paths = new ArrayList<>(sample.size());
        for (int i = 0; i < rows.length; i++) {
            paths.add(sample.get(i).getString(0));
            rows[i] = values(sample.get(i));
            if (rows[i].length != d) {
                throw new IllegalStateException("row " + paths.get(i) + " has " + rows[i].length + " features");
            }
        }
        Provenance.Source source = new Provenance.Source(toolVersion(), options.features(), Instant.now().toString(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        long[] refineNanos = {0};
        ContrastModelTrainer.CentroidRefiner refiner = n <= rows.length ? null
                : (scaler, grouping, centroids) -> {
                    long t = System.nanoTime();
                    double[][] refined = refine(spark, ok, scaler, grouping, centroids, options.seed());
                    refineNanos[0] += System.nanoTime() - t;
                    return refined;
                };
        ContrastModelFit fit = ContrastModelTrainer.fit(rows, paths, schema, options.model(), options.seed(), source,
                step -> { }, refiner);
        long fitted = System.nanoTime();
        ContrastModel model = fit.model();
        Path out = new Path(options.modelFile());
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream o = fs.create(out, true)) {
            o.write(model.toJson().getBytes(StandardCharsets.UTF_8));
        }
        ok.unpersist();
        Phases phases = new Phases((scanned - start) / 1e9, (sampledAt - scanned) / 1e9,
                (fitted - sampledAt - refineNanos[0]) / 1e9, refineNanos[0] / 1e9);
        return new Result(model, n, rows.length, (System.nanoTime() - start) / 1e9, phases);
    }

    /** MLlib k-means|| over every row, in the sample's scaled and masked space, at the sample's k. */
    private static double[][] refine(SparkSession spark, Dataset<Row> ok, FittedScaler scaler, boolean[] grouping,
                                     double[][] centroids, long seed) {
        StructType schema = new StructType().add("features", new VectorUDT(), false);
        // The scaler's parts travel (it is not serializable itself); each task rebuilds it.
        io.contrastkit.learn.scale.Scaler kind = scaler.kind();
        double[] center = scaler.center();
        double[] spread = scaler.scale();
        MapFunction<Row, Row> scale = r -> {
            double[] v = FittedScaler.of(kind, center, spread).transform(values(r));
            for (int j = 0; j < v.length; j++) {
                if (!grouping[j]) {
                    v[j] = 0;
                }
            }
            return RowFactory.create(Vectors.dense(v));
        };
        Dataset<Row> scaled = ok.map(scale, Encoders.row(schema));
        KMeansModel km = new KMeans().setK(centroids.length).setInitMode("k-means||").setSeed(seed)
                .setMaxIter(50).setTol(1e-6).setFeaturesCol("features").fit(scaled);
        Vector[] centers = km.clusterCenters();
        double[][] out = new double[centers.length][];
        for (int i = 0; i < centers.length; i++) {
            out[i] = centers[i].toArray();
        }
        return out;
    }

    /** The schema's feature columns as one array column "v", in schema order. */
    private static org.apache.spark.sql.Column vectorOf(Dataset<Row> table, FeatureSchema schema) {
        org.apache.spark.sql.Column[] cols = schema.names().stream().map(table::col)
                .toArray(org.apache.spark.sql.Column[]::new);
        return org.apache.spark.sql.functions.array(cols).as("v");
    }

    private static double[] values(Row r) {
        List<Double> v = r.getList(1);
        double[] out = new double[v.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = v.get(j);
        }
        return out;
    }

    private static String toolVersion() {
        String v = FitModel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
