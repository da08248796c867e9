package io.contrastkit.spark;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.decode.NativeDecoding;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.reflect.ClassTag$;

/**
 * The extraction stage on Spark: lists images under any Hadoop path (local, hdfs://, s3a://), or takes
 * them from path lists, measures each on an executor thread with
 * core's decoder and extractor ({@link ImageMeasurer}), and writes Parquet in the store's export layout
 * ({@link ExportSchema}): failed images are rows with their kind and reason. Against an existing output it
 * is incremental: files with the same path, size and modification time keep their rows unread.
 */
public final class ExtractFeatures {

    /**
     * What to extract.
     *
     * @param inputs     folders (walked recursively), files or globs, any Hadoop path
     * @param listFiles  text files with one image path per line (no listing: for buckets where it is slow)
     * @param output     the Parquet folder to write; an existing one is updated incrementally
     * @param force      measure every file again, changed or not
     * @param nativeDecoding whether executors may use the system's native decoders
     */
    public record Options(List<String> inputs, List<String> listFiles, String output, ExtractionOptions extraction,
                          boolean force, NativeDecoding nativeDecoding) {
        public Options {
            inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
            listFiles = List.copyOf(Objects.requireNonNull(listFiles, "listFiles"));
            if (inputs.isEmpty() && listFiles.isEmpty()) {
                throw new IllegalArgumentException("extract needs at least one input path or --list file");
            }
            if (output == null || output.isBlank()) {
                throw new IllegalArgumentException("--output must name a folder, got '" + output + "'");
            }
            Objects.requireNonNull(extraction, "extraction");
            Objects.requireNonNull(nativeDecoding, "nativeDecoding");
        }
    }

    /**
     * What a run did.
     *
     * @param measured  files read and measured in this run (ok + failed)
     * @param unchanged files skipped because their path, size and modification time were unchanged
     * @param rows      rows in the output after the run
     */
    public record Result(long measured, long ok, long failed, long unchanged, long rows, double seconds) {
    }

    private ExtractFeatures() {
    }

    /** Runs the stage on {@code spark}. */
    public static Result run(SparkSession spark, Options options) throws IOException {
        long start = System.nanoTime();
        FeatureSchema schema = FeatureSchema.V1;
        StructType exportSchema = ExportSchema.of(schema);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();

        Dataset<Row> listed = listing(spark, options);
        Path outPath = new Path(options.output());
        FileSystem outFs = outPath.getFileSystem(hadoop);
        boolean hasOutput = outFs.exists(new Path(outPath, "_SUCCESS"));
        if (!hasOutput && outFs.exists(outPath)) {
            // Never replace what this stage did not write (nor a run that did not finish: its rows are unknown).
            throw new IllegalArgumentException("--output " + options.output() + " exists but is no finished"
                    + " contrastkit-spark output (no _SUCCESS); choose another folder or remove it");
        }
        Dataset<Row> previous = hasOutput ? spark.read().schema(exportSchema).parquet(options.output()) : null;

        listed = listed.cache();
        Dataset<Row> todo = listed;
        long unchanged = 0;
        if (previous != null && !options.force()) {
            Dataset<Row> known = previous.select(functions.col("path").as("p"), functions.col("size").as("s"),
                    functions.col("mtime_ns").as("m"));
            todo = listed.join(known, listed.col("stored").equalTo(known.col("p"))
                    .and(listed.col("length").equalTo(known.col("s")))
                    .and(listed.col("mtime_ns").equalTo(known.col("m"))), "left_anti").cache();
            unchanged = listed.count() - todo.count();
        }

        LocalDateTime at = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        Dataset<Row> fresh = measure(spark, todo, options.extraction(), options.nativeDecoding(), at);

        // Written beside the output, then swapped in: a Parquet folder cannot be rewritten while it is read.
        Path staging = new Path(outPath.getParent(), "." + outPath.getName() + ".staging-" + UUID.randomUUID());
        Dataset<Row> result = fresh;
        if (previous != null) {
            // Rows of files not measured again stay, as a store keeps rows of files it did not see this run.
            Dataset<Row> kept = previous.join(fresh.select(functions.col("path").as("p")),
                    previous.col("path").equalTo(functions.col("p")), "left_anti");
            result = kept.unionByName(fresh);
        }
        result.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());

        Dataset<Row> written = spark.read().parquet(staging.toString());
        Row counts = written.agg(functions.count(functions.lit(1)),
                functions.sum(functions.when(functions.col("extracted_at").equalTo(functions.lit(at)), 1).otherwise(0)),
                functions.sum(functions.when(functions.col("extracted_at").equalTo(functions.lit(at))
                        .and(functions.col("status").equalTo("ok")), 1).otherwise(0))).first();
        long rows = counts.getLong(0);
        long measured = counts.isNullAt(1) ? 0 : counts.getLong(1);
        long ok = counts.isNullAt(2) ? 0 : counts.getLong(2);
        if (previous != null) {
            if (!outFs.delete(outPath, true)) {
                throw new IOException("cannot replace " + outPath + " (delete failed); the new rows are in " + staging);
            }
        }
        if (!outFs.rename(staging, outPath)) {
            throw new IOException("cannot move " + staging + " to " + outPath);
        }
        listed.unpersist();
        if (todo != listed) {
            todo.unpersist();
        }
        return new Result(measured, ok, measured - ok, unchanged, rows, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The export rows of the {@link #listing listed} files, measured on the executors (lazily: nothing runs
     * until the result is written or counted). Walked files that are no image have no row.
     *
     * @param at the run's time, every row's {@code extracted_at}
     */
    static Dataset<Row> measure(SparkSession spark, Dataset<Row> listed, ExtractionOptions extraction,
                                NativeDecoding nativeDecoding, LocalDateTime at) {
        Broadcast<HadoopConf> conf = spark.sparkContext().broadcast(
                new HadoopConf(spark.sparkContext().hadoopConfiguration()), ClassTag$.MODULE$.apply(HadoopConf.class));
        Settings settings = Settings.of(extraction, nativeDecoding);
        MapPartitionsFunction<Row, Row> measure = rows -> measured(rows, conf.value().get(), settings.extraction(),
                settings.nativeDecoding(), at);
        return listed.select("path", "stored", "named", "length", "mtime_ns")
                .mapPartitions(measure, Encoders.row(ExportSchema.of(FeatureSchema.V1)));
    }

    /** Core's settings in the serializable form a task carries to executors. */
    record Settings(int maxSide, int window, long maxPixels, boolean nativeEnabled, String nativeOffReason)
            implements java.io.Serializable {
        static Settings of(ExtractionOptions e, NativeDecoding n) {
            return new Settings(e.maxSide(), e.window(), e.maxPixels(), n.enabled(), n.offReason());
        }

        ExtractionOptions extraction() {
            return new ExtractionOptions(maxSide, window, maxPixels);
        }

        NativeDecoding nativeDecoding() {
            return new NativeDecoding(nativeEnabled, nativeOffReason);
        }
    }

    private static Iterator<Row> measured(Iterator<Row> rows, Configuration conf, ExtractionOptions extraction,
                                          NativeDecoding nativeDecoding, LocalDateTime at) {
        ImageMeasurer m = ImageMeasurer.forThisThread(extraction, nativeDecoding);
        return new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    Row out = m.measure(conf, r.getString(0), r.getString(1), r.getBoolean(2), r.getLong(3),
                            r.getLong(4), at);
                    if (out != null) {
                        return out;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                Row r = next;
                next = advance();
                return r;
            }
        };
    }

    /** The listing's columns. */
    static final StructType LISTING = new StructType()
            .add("path", org.apache.spark.sql.types.DataTypes.StringType, false)
            .add("stored", org.apache.spark.sql.types.DataTypes.StringType, false)
            .add("named", org.apache.spark.sql.types.DataTypes.BooleanType, false)
            .add("length", org.apache.spark.sql.types.DataTypes.LongType, false)
            .add("mtime_ns", org.apache.spark.sql.types.DataTypes.LongType, false);

    /**
     * The files to consider: path (the Hadoop path), stored (the path the row carries), named, length and
     * mtime_ns. Folders and globs are listed with Hadoop's recursive {@code listFiles} (one paged listing on
     * S3A), not with the {@code binaryFile} source: its scan drops zero-length files, which extract reports
     * as empty. Path lists are spread over the executors, which look each path up themselves: no listing.
     */
    static Dataset<Row> listing(SparkSession spark, Options options) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<Row> files = new ArrayList<>();
        for (String input : options.inputs()) {
            Path p = new Path(input);
            FileSystem fs = p.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                // Named but absent: a failed row (extract reports such a path without a row), so the output says so.
                files.add(RowFactory.create(fs.makeQualified(p).toString(), stored(fs.makeQualified(p)), true, -1L, 0L));
                continue;
            }
            boolean glob = matches.length != 1 || !fs.makeQualified(p).equals(matches[0].getPath());
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        files.add(row(f, false));
                    }
                } else {
                    files.add(row(m, !glob));
                }
            }
        }
        // A file both walked and named counts as named, as in extract; deduplicated here, without a shuffle.
        java.util.Map<String, Row> unique = new java.util.LinkedHashMap<>();
        for (Row f : files) {
            unique.merge(f.getString(0), f, (x, y) -> x.getBoolean(2) ? x : y);
        }
        files = new ArrayList<>(unique.values());
        Dataset<Row> all = spark.createDataFrame(files, LISTING);
        int slices = Math.max(1, Math.min(files.size(), spark.sparkContext().defaultParallelism() * 4));
        all = all.repartition(slices);
        for (String list : options.listFiles()) {
            Broadcast<HadoopConf> conf = spark.sparkContext().broadcast(new HadoopConf(hadoop),
                    ClassTag$.MODULE$.apply(HadoopConf.class));
            MapPartitionsFunction<String, Row> stat = lines -> statted(lines, conf.value().get());
            Dataset<Row> listed = spark.read().textFile(list).mapPartitions(stat, Encoders.row(LISTING));
            all = all.unionByName(listed);
        }
        if (options.listFiles().isEmpty()) {
            return all;
        }
        return all.groupBy("path").agg(functions.first("stored").as("stored"), functions.max("named").as("named"),
                functions.first("length").as("length"), functions.first("mtime_ns").as("mtime_ns"));
    }

    private static Iterator<Row> statted(Iterator<String> lines, Configuration conf) throws IOException {
        List<Row> out = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path p = new Path(line);
            FileSystem fs = p.getFileSystem(conf);
            Path q = fs.makeQualified(p);
            try {
                out.add(row(fs.getFileStatus(q), true));
            } catch (java.io.FileNotFoundException e) {
                out.add(RowFactory.create(q.toString(), stored(q), true, -1L, 0L));
            }
        }
        return out.iterator();
    }

    private static Row row(FileStatus f, boolean named) {
        // Hadoop lists modification times in milliseconds.
        return RowFactory.create(f.getPath().toString(), stored(f.getPath()), named, f.getLen(),
                f.getModificationTime() * 1_000_000L);
    }

    /** A local file's path as {@code extract} stores it (no {@code file:} scheme); other paths keep their URI. */
    static String stored(Path qualified) {
        java.net.URI uri = qualified.toUri();
        return "file".equals(uri.getScheme()) ? uri.getPath() : qualified.toString();
    }
}
