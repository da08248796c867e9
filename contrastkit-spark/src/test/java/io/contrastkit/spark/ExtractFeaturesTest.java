package io.contrastkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.stage.ExtractionService;
import io.contrastkit.app.stage.ProgressSink;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.store.StoreSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExtractFeatures on local[2] against the local extractor: the same rows (paths, outcomes, kinds,
 * reasons, hashes, sizes) and the same feature values within 1e-12, on the fixture images plus bad files;
 * and incremental re-runs.
 */
@Tag("spark")
class ExtractFeaturesTest {

    static final FeatureSchema SCHEMA = FeatureSchema.V1;
    static final ExtractionOptions EXTRACTION = ExtractionOptions.defaults();

    @TempDir
    static Path dir;
    static Path images;
    static SparkSession spark;

    @BeforeAll
    static void folder() throws Exception {
        spark = LocalSpark.session();
        images = mixedFolder(dir.resolve("images"));
    }

    /** The fixture images (truncated.jpg among them) and bad files of each kind, in a folder and a subfolder. */
    static Path mixedFolder(Path to) throws Exception {
        Files.createDirectories(to.resolve("sub"));
        List<String> names = Fixtures.imageNames();
        for (int i = 0; i < names.size(); i++) {
            Files.copy(Fixtures.image(names.get(i)), (i % 3 == 0 ? to.resolve("sub") : to).resolve(names.get(i)));
        }
        Files.write(to.resolve("empty.png"), new byte[0]);
        Files.writeString(to.resolve("not-really.jpg"), "plain text named like a photo", StandardCharsets.UTF_8);
        Files.writeString(to.resolve("notes.txt"), "a walk skips this: no image, not named like one");
        byte[] png = Files.readAllBytes(Fixtures.image("camera.png"));
        Files.write(to.resolve("sub/cut.png"), java.util.Arrays.copyOf(png, png.length / 3));
        return to;
    }

    static ExtractFeatures.Options sparkOptions(Path out, List<String> inputs) {
        return new ExtractFeatures.Options(inputs, List.of(), out.toString(), EXTRACTION, false, NativeSetting.current());
    }

    /** The local way: {@code contrastkit extract} into a store, then {@code contrastkit export --format parquet}. */
    static Path localExport(Path folder, Path out) throws Exception {
        Path store = out.resolveSibling(out.getFileName() + ".duckdb");
        try (StoreSession s = StoreSession.open(store, SCHEMA, StoreSession.Access.CREATE)) {
            ExtractionService.extract(new ExtractionService.Request(List.of(folder.toString()), EXTRACTION, 2, false,
                    ExtractionService.BATCH_ROWS), s, ProgressSink.NONE);
            s.features().exportParquet(out);
        }
        return out;
    }

    static Map<String, Row> byPath(Path parquet) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : spark.read().parquet(parquet.toString()).collectAsList()) {
            rows.put(r.getAs("path"), r);
        }
        return rows;
    }

    @Test
    void sameRowsAndValuesAsTheLocalExtractor() throws Exception {
        Path sparkOut = dir.resolve("spark-features");
        ExtractFeatures.Result result = ExtractFeatures.run(spark, sparkOptions(sparkOut, List.of(images.toString())));
        Map<String, Row> local = byPath(localExport(images, dir.resolve("local.parquet")));
        Map<String, Row> distributed = byPath(sparkOut);

        assertThat(distributed.keySet()).isEqualTo(local.keySet());
        assertThat(local).hasSize(Fixtures.imageNames().size() + 3);
        assertThat(result.measured()).isEqualTo(local.size());
        assertThat(spark.read().parquet(sparkOut.toString()).columns())
                .containsExactly(spark.read().parquet(dir.resolve("local.parquet").toString()).columns());
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
            // Hadoop lists modification times in whole milliseconds.
            assertThat((long) d.getAs("mtime_ns")).as(path).isEqualTo((long) l.getAs("mtime_ns") / 1_000_000 * 1_000_000);
            for (String f : SCHEMA.names()) {
                Object lv = l.getAs(f);
                Object dv = d.getAs(f);
                if (lv == null) {
                    assertThat(dv).as(path + " " + f).isNull();
                } else {
                    assertThat((double) dv).as(path + " " + f).isCloseTo((double) lv, org.assertj.core.data.Offset.offset(1e-12));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo((Fixtures.imageNames().size() - 1) * SCHEMA.size());
    }

    @Test
    void badFilesFailWithTheLocalKindsAndReasons() throws Exception {
        Path sparkOut = dir.resolve("spark-mixed");
        ExtractFeatures.Result result = ExtractFeatures.run(spark, sparkOptions(sparkOut, List.of(images.toString())));
        Map<String, String> kinds = new HashMap<>();
        for (Row r : byPath(sparkOut).values()) {
            if ("failed".equals(r.getAs("status"))) {
                kinds.put(Path.of((String) r.getAs("path")).getFileName().toString(), r.getAs("error_kind"));
            }
        }
        assertThat(kinds).containsOnlyKeys("empty.png", "not-really.jpg", "truncated.jpg", "cut.png");
        assertThat(kinds.get("empty.png")).isEqualTo("EMPTY");
        assertThat(kinds.get("not-really.jpg")).isEqualTo("NOT_AN_IMAGE");
        assertThat(result.failed()).isEqualTo(4);
        assertThat(byPath(sparkOut).keySet()).noneMatch(p -> p.endsWith("notes.txt"));

        Map<String, String> localKinds = new HashMap<>();
        localExport(images, dir.resolve("local-mixed.parquet"));
        try (StoreSession s = StoreSession.read(dir.resolve("local-mixed.parquet.duckdb"), SCHEMA)) {
            s.features().failures().forEach(f -> localKinds.put(Path.of(f.path()).getFileName().toString(), f.kind()));
        }
        assertThat(kinds).isEqualTo(localKinds);
    }

    @Test
    void aRerunSkipsUnchangedFilesAndMeasuresChangedOnes() throws Exception {
        Path folder = mixedFolder(dir.resolve("incremental"));
        Path out = dir.resolve("spark-incremental");
        ExtractFeatures.Result first = ExtractFeatures.run(spark, sparkOptions(out, List.of(folder.toString())));
        Map<String, Row> before = byPath(out);

        ExtractFeatures.Result again = ExtractFeatures.run(spark, sparkOptions(out, List.of(folder.toString())));
        assertThat(again.measured()).isZero();
        assertThat(again.unchanged()).isEqualTo(first.measured());
        assertThat(again.rows()).isEqualTo(first.rows());

        Path changed = folder.resolve("empty.png");
        Files.copy(Fixtures.image("coins.png"), changed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        ExtractFeatures.Result third = ExtractFeatures.run(spark, sparkOptions(out, List.of(folder.toString())));
        assertThat(third.measured()).isEqualTo(1);
        assertThat(third.ok()).isEqualTo(1);
        assertThat(third.rows()).isEqualTo(first.rows());
        Map<String, Row> after = byPath(out);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String path : before.keySet()) {
            if (path.equals(changed.toString())) {
                assertThat((String) after.get(path).getAs("status")).isEqualTo("ok");
            } else {
                Object kept = after.get(path).getAs("extracted_at");
                Object was = before.get(path).getAs("extracted_at");
                assertThat(kept).as(path + " kept its row").isEqualTo(was);
            }
        }
    }

    @Test
    void refusesToReplaceAFolderItDidNotWrite() throws Exception {
        Path other = Files.createDirectories(dir.resolve("someone-elses"));
        Files.writeString(other.resolve("keep.txt"), "mine");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExtractFeatures.run(spark,
                        sparkOptions(other, List.of(images.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists but is no finished contrastkit-spark output");
        assertThat(other.resolve("keep.txt")).hasContent("mine");
    }
}
