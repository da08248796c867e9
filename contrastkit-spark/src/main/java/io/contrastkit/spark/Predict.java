package io.contrastkit.spark;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.decode.NativeDecoding;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;

/**
 * The prediction stage on Spark: applies a {@link ContrastModel} (the JSON that {@code contrastkit
 * predict} loads) to a Parquet feature table in the export layout, or to images measured on the way, and
 * writes Parquet with the columns of {@code contrastkit export --what predictions}: path, status, the
 * features, group, group_name, contrast_score, anomaly_score, map_x, map_y (failed rows have no prediction).
 */
public final class Predict {

    /** Rows predicted together on one executor thread (the map places each row on its own). */
    private static final int CHUNK = 1024;

    /** Models parsed on this JVM, by id: every task of a job shares one. */
    private static final Map<String, ContrastModel> MODELS = new ConcurrentHashMap<>();

    /**
     * What to predict.
     *
     * @param model    the model JSON, any Hadoop path
     * @param features a Parquet feature table in the export layout ({@link ExtractFeatures}' output), or null
     * @param images   image folders, files or globs to measure first, when {@code features} is null
     * @param output   the Parquet folder to write (replaced)
     */
    public record Options(String model, String features, List<String> images, String output,
                          ExtractionOptions extraction, NativeDecoding nativeDecoding) {
        public Options {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--model must name a model file, got '" + model + "'");
            }
            images = List.copyOf(Objects.requireNonNull(images, "images"));
            if ((features == null) == images.isEmpty()) {
                throw new IllegalArgumentException("predict takes either --features TABLE or image paths, not "
                        + (features == null ? "neither" : "both"));
            }
            if (output == null || output.isBlank()) {
                throw new IllegalArgumentException("--output must name a folder, got '" + output + "'");
            }
            Objects.requireNonNull(extraction, "extraction");
            Objects.requireNonNull(nativeDecoding, "nativeDecoding");
        }
    }

    /** What a run wrote: rows, of which predicted (ok) ones, and the model's id. */
    public record Result(long rows, long predicted, String modelId, double seconds) {
    }

    private Predict() {
    }

    /** The output's columns for {@code schema}'s features. */
    public static StructType outputSchema(FeatureSchema schema) {
        StructType t = new StructType().add("path", DataTypes.StringType, false).add("status", DataTypes.StringType, false);
        for (String f : schema.names()) {
            t = t.add(f, DataTypes.DoubleType, true);
        }
        return t.add("group", DataTypes.IntegerType, true).add("group_name", DataTypes.StringType, true)
                .add("contrast_score", DataTypes.DoubleType, true).add("anomaly_score", DataTypes.DoubleType, true)
                .add("map_x", DataTypes.DoubleType, true).add("map_y", DataTypes.DoubleType, true);
    }

    /** Runs the stage on {@code spark}. */
    public static Result run(SparkSession spark, Options options) throws IOException {
        long start = System.nanoTime();
        String json = readText(spark, options.model());
        ContrastModel model = ContrastModel.fromJson(json, options.model());
        FeatureSchema schema = model.schema();
        Dataset<Row> table;
        if (options.features() != null) {
            table = spark.read().parquet(options.features());
        } else {
            ExtractFeatures.Options ex = new ExtractFeatures.Options(options.images(), List.of(), options.output(),
                    options.extraction(), true, options.nativeDecoding());
            table = ExtractFeatures.measure(spark, ExtractFeatures.listing(spark, ex), options.extraction(),
                    options.nativeDecoding(), LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        }
        List<String> columns = new ArrayList<>(List.of("path", "status"));
        columns.addAll(schema.names());
        for (String c : columns) {
            if (!List.of(table.columns()).contains(c)) {
                throw new IllegalArgumentException(options.features() + " lacks column " + c + " of " + schema.version());
            }
        }
        Broadcast<String> modelJson = spark.sparkContext().broadcast(json, ClassTag$.MODULE$.apply(String.class));
        String id = model.id();
        int d = schema.size();
        MapPartitionsFunction<Row, Row> predict = rows -> predicted(rows, id, modelJson, d);
        Dataset<Row> out = table.select(columns.stream().map(table::col).toArray(org.apache.spark.sql.Column[]::new))
                .mapPartitions(predict, Encoders.row(outputSchema(schema)));
        out.write().mode(SaveMode.Overwrite).parquet(options.output());
        Dataset<Row> written = spark.read().parquet(options.output());
        long rows = written.count();
        long predicted = written.filter(written.col("group").isNotNull()).count();
        return new Result(rows, predicted, id, (System.nanoTime() - start) / 1e9);
    }

    private static Iterator<Row> predicted(Iterator<Row> rows, String id, Broadcast<String> json, int d) {
        ContrastModel model = MODELS.computeIfAbsent(id, k -> ContrastModel.fromJson(json.value(), "model " + id));
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                List<Row> chunk = new ArrayList<>(CHUNK);
                while (rows.hasNext() && chunk.size() < CHUNK) {
                    chunk.add(rows.next());
                }
                if (chunk.isEmpty()) {
                    return false;
                }
                List<double[]> features = new ArrayList<>();
                for (Row r : chunk) {
                    if ("ok".equals(r.getString(1))) {
                        double[] v = new double[d];
                        for (int j = 0; j < d; j++) {
                            v[j] = r.getDouble(2 + j);
                        }
                        features.add(v);
                    }
                }
                List<Prediction> predictions = model.predictAll(features.toArray(new double[0][]), 1);
                int p = 0;
                for (Row r : chunk) {
                    Object[] values = new Object[2 + d + 6];
                    for (int j = 0; j < 2 + d; j++) {
                        values[j] = r.get(j);
                    }
                    if ("ok".equals(r.getString(1))) {
                        Prediction pr = predictions.get(p++);
                        values[2 + d] = pr.group();
                        values[3 + d] = pr.groupName();
                        values[4 + d] = pr.contrastScore();
                        values[5 + d] = pr.anomalyScore();
                        values[6 + d] = pr.mapX();
                        values[7 + d] = pr.mapY();
                    }
                    ready.add(RowFactory.create(values));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
    }

    /** A small text file (a model) through Hadoop, so that it may live in hdfs:// or s3a:// too. */
    static String readText(SparkSession spark, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (FSDataInputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
