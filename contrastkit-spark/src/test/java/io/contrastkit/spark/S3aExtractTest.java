package io.contrastkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.stage.ExtractionService;
import io.contrastkit.app.stage.ProgressSink;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.store.StoreSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * ExtractFeatures reading through {@code s3a://} from an S3-compatible server on loopback (S3Proxy, started
 * here) against the local extractor on the same files: the same rows, value for value within 1e-12, for a
 * folder walk and for a {@code --list} of object paths. Paths are compared relative to the folder (the
 * object prefix), as the stored path is the s3a URI there and the local path here; modification times are
 * the objects' S3 {@code Last-Modified}, not the local files'.
 */
@Tag("spark")
class S3aExtractTest {

    static final FeatureSchema SCHEMA = FeatureSchema.V1;
    static final String BUCKET = "contrast-images";
    static final String PREFIX = "s3a://" + BUCKET + "/images/";

    @TempDir
    static Path dir;
    static SparkSession spark;
    static S3ProxyServer server;
    static S3Client s3;
    static Path images;

    @BeforeAll
    static void bucketWithTheFixtures() throws Exception {
        spark = LocalSpark.session();
        server = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3proxy")));
        s3 = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)))
                .httpClientBuilder(ApacheHttpClient.builder())
                // Plain uploads: S3Proxy 2.6 does not read the SDK's default aws-chunked bodies with checksum trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        images = ExtractFeaturesTest.mixedFolder(dir.resolve("images"));
        for (Path file : files(images)) {
            s3.putObject(b -> b.bucket(BUCKET).key("images/" + relative(images, file)), RequestBody.fromFile(file));
        }
        configureS3a(spark.sparkContext().hadoopConfiguration(), server.endpoint());
    }

    /**
     * The S3A settings of README "Running on Spark" for this server: its endpoint, path-style requests, no
     * TLS, static credentials, and a region given, so the SDK never asks the network (EC2 metadata) for one.
     */
    static void configureS3a(Configuration conf, String endpoint) {
        conf.set("fs.s3a.endpoint", endpoint);
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.setBoolean("fs.s3a.path.style.access", true);
        conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", S3ProxyServer.IDENTITY);
        conf.set("fs.s3a.secret.key", S3ProxyServer.CREDENTIAL);
        // A server that stops answering fails the test in seconds instead of minutes of S3A's retries.
        conf.setInt("fs.s3a.attempts.maximum", 1);
        conf.setInt("fs.s3a.retry.limit", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            // Closing drops the cached S3A file system, whose client would otherwise outlive the server.
            FileSystem.get(URI.create("s3a://" + BUCKET + "/"), spark.sparkContext().hadoopConfiguration()).close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    /** {@code contrastkit extract} of {@code inputs} into a store, then {@code export --format parquet}. */
    static Map<String, Row> localRows(List<String> inputs, Path out) throws Exception {
        try (StoreSession s = StoreSession.open(out.resolveSibling(out.getFileName() + ".duckdb"), SCHEMA,
                StoreSession.Access.CREATE)) {
            ExtractionService.extract(new ExtractionService.Request(inputs, ExtractFeaturesTest.EXTRACTION, 2, false,
                    ExtractionService.BATCH_ROWS), s, ProgressSink.NONE);
            s.features().exportParquet(out);
        }
        return byRelativePath(out.toString(), images + "/");
    }

    /** The rows of a Parquet folder or file keyed by path less {@code prefix}, which every path must start with. */
    static Map<String, Row> byRelativePath(String parquet, String prefix) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : spark.read().parquet(parquet).collectAsList()) {
            String path = r.getAs("path");
            assertThat(path).as("a stored path of " + parquet).startsWith(prefix);
            assertThat(rows.put(path.substring(prefix.length()), r)).as(path + " twice").isNull();
        }
        return rows;
    }

    /** The object's {@code Last-Modified} as S3Proxy answers it, in nanoseconds since the epoch. */
    static long lastModifiedNs(String relativePath) {
        return s3.headObject(b -> b.bucket(BUCKET).key("images/" + relativePath)).lastModified().toEpochMilli()
                * 1_000_000L;
    }

    /**
     * Every row of {@code local} has its twin in {@code distributed} (and no other): the same outcome, kind,
     * reason, hash, size and format, the same features within 1e-12; returns how many feature values were
     * compared.
     */
    static int assertSameRows(Map<String, Row> local, Map<String, Row> distributed) {
        assertThat(distributed.keySet()).isEqualTo(local.keySet());
        int compared = 0;
        for (String path : local.keySet()) {
            Row l = local.get(path);
            Row d = distributed.get(path);
            for (String column : List.of("status", "size", "content_hash", "width", "height", "format", "error_kind",
                    "error_text", "feature_version", "decoder")) {
                Object expected = l.getAs(column);
                Object actual = d.getAs(column);
                assertThat(actual).as(path + " " + column).isEqualTo(expected);
            }
            assertThat((long) d.getAs("mtime_ns")).as(path + " mtime_ns").isEqualTo(lastModifiedNs(path));
            for (String f : SCHEMA.names()) {
                Object lv = l.getAs(f);
                Object dv = d.getAs(f);
                if (lv == null) {
                    assertThat(dv).as(path + " " + f).isNull();
                } else {
                    assertThat((double) dv).as(path + " " + f).isCloseTo((double) lv, Offset.offset(1e-12));
                    compared++;
                }
            }
        }
        return compared;
    }

    @Test
    void aFolderOnS3aGivesTheRowsOfTheLocalExtract() throws Exception {
        Path out = dir.resolve("s3a-walk");
        ExtractFeatures.Result result = ExtractFeatures.run(spark, new ExtractFeatures.Options(
                List.of("s3a://" + BUCKET + "/images"), List.of(), out.toString(), ExtractFeaturesTest.EXTRACTION,
                false, NativeSetting.current()));
        Map<String, Row> local = localRows(List.of(images.toString()), dir.resolve("local-walk.parquet"));
        Map<String, Row> distributed = byRelativePath(out.toString(), PREFIX);

        // The fixtures, empty.png, not-really.jpg and sub/cut.png; notes.txt is no image and has no row.
        assertThat(local).hasSize(Fixtures.imageNames().size() + 3).doesNotContainKey("notes.txt");
        assertThat(result.measured()).isEqualTo(local.size());
        assertThat(assertSameRows(local, distributed)).isEqualTo((Fixtures.imageNames().size() - 1) * SCHEMA.size());
    }

    @Test
    void aPathListOnS3aGivesTheRowsOfTheLocalExtractOfTheSameList() throws Exception {
        // The same files named in two lists, one of object URIs (itself an object) and one of local paths for
        // extract's @list.
        List<String> objects = new ArrayList<>(List.of("# every file but the notes"));
        List<String> locals = new ArrayList<>(objects);
        for (Path file : files(images)) {
            if (!file.getFileName().toString().equals("notes.txt")) {
                objects.add(PREFIX + relative(images, file));
                locals.add(file.toString());
            }
        }
        // Named but not there: extract reports such a path without a row, Spark gives it a failed row (README).
        objects.add(PREFIX + "sub/gone.png");
        s3.putObject(b -> b.bucket(BUCKET).key("lists/images.txt"),
                RequestBody.fromString(String.join("\n", objects) + "\n", StandardCharsets.UTF_8));
        Path localList = Files.writeString(dir.resolve("images.txt"), String.join("\n", locals) + "\n");

        Path out = dir.resolve("s3a-list");
        ExtractFeatures.Result result = ExtractFeatures.run(spark, new ExtractFeatures.Options(List.of(),
                List.of("s3a://" + BUCKET + "/lists/images.txt"), out.toString(), ExtractFeaturesTest.EXTRACTION,
                false, NativeSetting.current()));
        Map<String, Row> local = localRows(List.of("@" + localList), dir.resolve("local-list.parquet"));
        Map<String, Row> distributed = byRelativePath(out.toString(), PREFIX);

        Row gone = distributed.remove("sub/gone.png");
        assertThat(gone).isNotNull();
        assertThat((String) gone.getAs("status")).isEqualTo("failed");
        assertThat((String) gone.getAs("error_kind")).isEqualTo("UNREADABLE");
        // Named files that are no image (empty.png, not-really.jpg, sub/cut.png) are failed rows in both.
        assertThat(local).hasSize(Fixtures.imageNames().size() + 3);
        assertThat(result.measured()).isEqualTo(local.size() + 1);
        assertThat(assertSameRows(local, distributed)).isEqualTo((Fixtures.imageNames().size() - 1) * SCHEMA.size());
    }
}
