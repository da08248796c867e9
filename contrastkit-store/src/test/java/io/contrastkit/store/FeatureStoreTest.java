package io.contrastkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreTest {

    private static final FeatureSchema V1 = FeatureSchema.V1;
    private static final Instant T = Instant.parse("2025-01-02T03:04:05.123456Z");

    @TempDir
    Path dir;

    static ImageRecord ok(String path, double base) {
        double[] v = new double[V1.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = base + i / 7.0;
        }
        return ImageRecord.ok(path, 1000 + (long) base, 42_000_000_123L, 640, 480, "jpeg", "libjpeg-turbo test", new FeatureVector(V1, v), T);
    }

    static ImageRecord failed(String path) {
        return ImageRecord.failed(path, 7, 99, new ImageError(ImageError.Kind.TRUNCATED, "jpeg data ends early"),
                V1.version(), T);
    }

    static List<ImageRecord> all(FeatureStore store) {
        List<ImageRecord> rows = new ArrayList<>();
        store.forEachImage(rows::add);
        return rows;
    }

    @Test
    void writesReadsAndReplacesWithoutDuplicates() {
        Path file = dir.resolve("s.duckdb");
        try (StoreSession storeSession = StoreSession.open(file, V1, StoreSession.Access.CREATE)) {
            FeatureStore store = storeSession.features();
            store.write(List.of(ok("/a.jpg", 1), ok("/b.jpg", 2), failed("/c.jpg")));
            assertThat(store.counts()).isEqualTo(new StoreCounts(2, 1));
            // b changes, c now decodes: replaced, not duplicated
            store.write(List.of(ok("/b.jpg", 5), ok("/c.jpg", 3)));
            assertThat(store.counts()).isEqualTo(new StoreCounts(3, 0));
        }
        try (StoreSession storeSession = StoreSession.open(file, V1, StoreSession.Access.READ)) {
            FeatureStore store = storeSession.features();
            FeatureMatrix m = store.readFeatures();
            assertThat(m.paths()).containsExactly("/a.jpg", "/b.jpg", "/c.jpg");
            assertThat(m.values()[1]).containsExactly(ok("/b.jpg", 5).features());
            assertThat(m.ids()).doesNotHaveDuplicates();
            Map<String, KnownImage> known = store.knownImages();
            assertThat(known.get("/b.jpg").unchanged(1005, 42_000_000_123L)).isTrue();
            assertThat(known.get("/b.jpg").unchanged(1005, 42_000_000_124L)).isFalse();
            ImageRecord a = all(store).get(0);
            assertThat(a.extractedAt()).isEqualTo(T.truncatedTo(ChronoUnit.MICROS));
            assertThat(a.width()).isEqualTo(640);
            assertThat(a.format()).isEqualTo("jpeg");
            assertThatThrownBy(() -> store.write(List.of(ok("/d.jpg", 1))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void streamsBatchesInPathOrder() {
        try (StoreSession storeSession = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = storeSession.features();
            List<ImageRecord> rows = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                rows.add(ok(String.format("/img%03d.png", 24 - i), i));
            }
            store.write(rows);
            List<Integer> sizes = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            store.forEachBatch(10, m -> {
                sizes.add(m.rows());
                paths.addAll(List.of(m.paths()));
            });
            assertThat(sizes).containsExactly(10, 10, 5);
            assertThat(paths).isSorted().hasSize(25);
        }
    }

    @Test
    void failuresKeepKindAndReason() {
        try (StoreSession storeSession = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = storeSession.features();
            store.write(List.of(ok("/a.jpg", 1), failed("/z.jpg")));
            assertThat(store.failures()).containsExactly(new StoredFailure("/z.jpg", "TRUNCATED", "jpeg data ends early"));
        }
    }

    @Test
    void featureVersionMismatchNamesBothVersions() throws Exception {
        Path file = dir.resolve("s.duckdb");
        StoreSession.open(file, V1, StoreSession.Access.CREATE).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("UPDATE store_meta SET value = 'contrast-features/v0' WHERE key = 'feature_version'");
        }
        assertThatThrownBy(() -> StoreSession.open(file, V1, StoreSession.Access.CREATE)).isInstanceOf(StoreException.class)
                .hasMessageContaining("contrast-features/v0").hasMessageContaining("contrast-features/v1");
    }

    @Test
    void schemaVersionIsChecked() throws Exception {
        Path file = dir.resolve("s.duckdb");
        StoreSession.open(file, V1, StoreSession.Access.CREATE).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'");
        }
        assertThatThrownBy(() -> StoreSession.open(file, V1, StoreSession.Access.READ))
                .hasMessageContaining("schema version 99").hasMessageContaining("newer than the " + FeatureStore.SCHEMA_VERSION);
    }

    @Test
    void readOnlyOpenOfMissingStoreSaysSo() {
        assertThatThrownBy(() -> StoreSession.open(dir.resolve("none.duckdb"), V1, StoreSession.Access.READ))
                .isInstanceOf(StoreException.class).hasMessageContaining("no store at");
    }

    @Test
    void csvHeaderIsPathStatusAndTheFeatureNames() throws Exception {
        Path csv = dir.resolve("out/f.csv");
        try (StoreSession storeSession = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = storeSession.features();
            store.write(List.of(ok("/a,b.jpg", 1), failed("/c.jpg")));
            store.exportCsv(csv);
        }
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("path,status," + String.join(",", V1.names()));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("\"/a,b.jpg\",ok,1.0,");
        assertThat(lines.get(2)).isEqualTo("/c.jpg,failed" + ",".repeat(V1.size()));
        String[] cells = lines.get(1).split(",");
        assertThat(Double.parseDouble(cells[cells.length - 1])).isEqualTo(ok("/a", 1).features()[19]);
    }

    @Test
    void parquetRoundTripGivesAnEqualStore() {
        Path parquet = dir.resolve("f.parquet");
        List<ImageRecord> original;
        try (StoreSession storeSession = StoreSession.open(dir.resolve("a.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = storeSession.features();
            store.write(List.of(ok("/a.jpg", 1), ok("/b.jpg", 2), failed("/c.jpg")));
            store.exportParquet(parquet);
            original = all(store);
        }
        try (StoreSession copySession = StoreSession.open(dir.resolve("b.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore copy = copySession.features();
            copy.write(List.of(ok("/b.jpg", 9)));
            assertThat(copy.importParquet(parquet)).isEqualTo(3);
            assertThat(copy.counts()).isEqualTo(new StoreCounts(2, 1));
            List<ImageRecord> imported = all(copy);
            assertThat(imported).hasSameSizeAs(original);
            for (int i = 0; i < original.size(); i++) {
                assertThat(imported.get(i)).usingRecursiveComparison().isEqualTo(original.get(i));
            }
        }
    }

    @Test
    void importRejectsAnotherFeatureVersion() throws Exception {
        Path parquet = dir.resolve("v0.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            StringBuilder cols = new StringBuilder("'/x.jpg' AS path, 'ok' AS status");
            for (String n : V1.names()) {
                cols.append(", 1.0 AS ").append(n);
            }
            st.execute("COPY (SELECT " + cols + ", 'contrast-features/v0' AS feature_version) TO '" + parquet + "' (FORMAT parquet)");
        }
        try (StoreSession storeSession = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = storeSession.features();
            assertThatThrownBy(() -> store.importParquet(parquet))
                    .hasMessageContaining("contrast-features/v0").hasMessageContaining("contrast-features/v1");
            assertThat(store.counts().total()).isZero();
        }
    }

    /** A Parquet file of ok rows, one per path, every feature 0.5 except {@code feature} of the last row. */
    private Path parquet(String name, String feature, String lastValue, String... paths) throws Exception {
        Path out = dir.resolve(name);
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < paths.length; r++) {
            rows.append(r == 0 ? "" : " UNION ALL ").append("SELECT ").append(r).append(" AS n, '").append(paths[r])
                    .append("' AS path, 'ok' AS status");
            for (String f : V1.names()) {
                String v = f.equals(feature) && r == paths.length - 1 ? lastValue : "0.5::DOUBLE";
                rows.append(", ").append(v).append(" AS ").append(f);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * EXCLUDE (n) FROM (" + rows + ") ORDER BY n) TO '"
                    + out.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        return out;
    }

    /** Issue 12 item 5: NaN, infinities and 1e308 were stored as ok rows, and cluster failed on them later. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"'NaN'::DOUBLE", "'Infinity'::DOUBLE",
            "'-Infinity'::DOUBLE", "1e308::DOUBLE", "-1e101::DOUBLE"})
    void importRefusesFeaturesThatAreNotFiniteNamingTheRowAndField(String value) throws Exception {
        Path in = parquet("bad.parquet", "c_rms", value, "/a.jpg", "/b.jpg", "/c.jpg");
        try (StoreSession session = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = session.features();
            assertThatThrownBy(() -> store.importParquet(in)).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(in + ": row 3 (path /c.jpg), feature c_rms is ")
                    .hasMessageContaining("must be finite").hasMessageContaining("nothing imported");
            assertThat(store.counts().total()).isZero();
            // A failed row's features are not read: it is imported as failed.
            assertThat(store.importParquet(parquet("ok.parquet", "c_rms", "0.25::DOUBLE", "/a.jpg"))).isEqualTo(1);
        }
    }

    /** Issue 12 item 8: a feature column of the wrong type said "Statement was closed". */
    @Test
    void importOfAWrongColumnTypeNamesTheRowAndColumn() throws Exception {
        Path text = parquet("text.parquet", "std", "'abc'", "/a.jpg", "/b.jpg");
        Path list = parquet("list.parquet", "std", "[1.0, 2.0]::DOUBLE[]", "/a.jpg");
        try (StoreSession session = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = session.features();
            assertThatThrownBy(() -> store.importParquet(text)).isInstanceOf(StoreException.class)
                    .hasMessage(text + ": row 2 (path /b.jpg), column std is 'abc', not a DOUBLE (nothing imported)");
            assertThatThrownBy(() -> store.importParquet(list)).isInstanceOf(StoreException.class)
                    .hasMessage(list + ": row 1 (path /a.jpg), column std is '[1.0, 2.0]', not a DOUBLE (nothing imported)");
            assertThat(store.counts().total()).isZero();
            // The session's connection still works after the refusals.
            store.write(List.of(ok("/d.jpg", 1)));
            assertThat(store.counts().total()).isEqualTo(1);
        }
    }

    /** Issue 12 item 8: {@code import data?.parquet} also read data1.parquet (DuckDB expands globs). */
    @Test
    void importReadsTheFileNamedNotAGlob() throws Exception {
        parquet("data1.parquet", "c_rms", "0.1::DOUBLE", "/one.jpg");
        parquet("dataX.parquet", "c_rms", "0.1::DOUBLE", "/x.jpg");
        Path question = parquet("data?.parquet", "c_rms", "0.2::DOUBLE", "/question.jpg");
        Path star = parquet("d*[1].parquet", "c_rms", "0.3::DOUBLE", "/star.jpg");
        try (StoreSession session = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            FeatureStore store = session.features();
            assertThat(store.importParquet(question)).isEqualTo(1);
            assertThat(store.importParquet(star)).isEqualTo(1);
            assertThat(store.readFeatures().paths()).containsExactly("/question.jpg", "/star.jpg");
        }
    }

    /** Issue 12 item 8: extract added its tables to a DuckDB file that held someone else's tables. */
    @Test
    void refusesToAddItsTablesToAForeignDuckDbFile() throws Exception {
        Path foreign = dir.resolve("sales.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + foreign); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sales (id INTEGER)");
        }
        for (StoreSession.Access access : StoreSession.Access.values()) {
            assertThatThrownBy(() -> StoreSession.open(foreign, V1, access).close()).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is a DuckDB file but not a contrastkit store (it has table 'sales'");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + foreign); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT string_agg(table_name, ',') FROM information_schema.tables")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("sales");
        }
    }

    /** Issue 12 item 8: a damaged store said "Invalid result set". */
    @Test
    void aDamagedStoreSaysSoInPlainWords() throws Exception {
        Path good = dir.resolve("good.duckdb");
        try (StoreSession session = StoreSession.open(good, V1, StoreSession.Access.CREATE)) {
            List<ImageRecord> rows = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                rows.add(ok("/x/" + i + ".jpg", i));
            }
            session.features().write(rows);
        }
        long length = Files.size(good);
        Path truncated = dir.resolve("truncated.duckdb");
        Files.copy(good, truncated);
        Path flipped = dir.resolve("flipped.duckdb");
        Files.copy(good, flipped);
        Path header = dir.resolve("header.duckdb");
        Files.copy(good, header);
        try (java.io.RandomAccessFile t = new java.io.RandomAccessFile(truncated.toFile(), "rw");
             java.io.RandomAccessFile f = new java.io.RandomAccessFile(flipped.toFile(), "rw");
             java.io.RandomAccessFile h = new java.io.RandomAccessFile(header.toFile(), "rw")) {
            t.setLength(length / 2);
            byte[] noise = new byte[4096];
            new java.util.Random(1).nextBytes(noise);
            f.seek(length / 3);
            f.write(noise);
            h.write(noise, 0, 64);
        }
        for (Path damaged : List.of(truncated, flipped)) {
            assertThatThrownBy(() -> {
                try (StoreSession session = StoreSession.open(damaged, V1, StoreSession.Access.READ)) {
                    session.features().readFeatures();
                }
            }).isInstanceOf(StoreException.class).hasMessageContaining("store " + damaged)
                    .hasMessageContaining("the file looks damaged or truncated")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Invalid result set"));
        }
        assertThatThrownBy(() -> StoreSession.open(header, V1, StoreSession.Access.READ).close())
                .hasMessage("store " + header + " is not a DuckDB database (another kind of file, or one damaged at its"
                        + " start); choose another --store");
    }
}
