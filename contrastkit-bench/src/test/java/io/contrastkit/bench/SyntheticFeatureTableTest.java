package io.contrastkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticFeatureTableTest {

    @TempDir
    Path dir;

    private static SyntheticFeatureTable.Summary write(Path out, long rows, long seed, int partRows, double failed)
            throws Exception {
        return SyntheticFeatureTable.write(new SyntheticFeatureTable.Options(out, rows, seed, partRows, failed));
    }

    private static String parts(Path folder) {
        return "read_parquet('" + folder.toAbsolutePath() + "/*.parquet')";
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Column name and type, in order. */
    private static List<String> columns(Statement st, String source) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + source + ")")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void theTableImportsIntoAStoreWhoseExportIsTheSameTable() throws Exception {
        Path table = dir.resolve("table");
        SyntheticFeatureTable.Summary s = write(table, 2500, 7, 1000, 0.02);
        assertThat(s.parts()).isEqualTo(3);
        assertThat(s.rows()).isEqualTo(2500);
        assertThat(s.ok()).isLessThan(2500).isGreaterThan(2400);

        Path store = dir.resolve("s.duckdb");
        Path exported = dir.resolve("export.parquet");
        try (StoreSession session = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.CREATE)) {
            assertThat(session.features().importParquet(table)).isEqualTo(2500);
            assertThat(session.features().counts().ok()).isEqualTo(s.ok());
            session.features().exportParquet(exported);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String export = "read_parquet('" + exported.toAbsolutePath() + "')";
            assertThat(columns(st, parts(table))).isEqualTo(columns(st, export));
            assertThat(count(st, "SELECT count(*) FROM (SELECT * FROM " + parts(table) + " EXCEPT ALL SELECT * FROM "
                    + export + ")")).isZero();
            assertThat(count(st, "SELECT count(*) FROM (SELECT * FROM " + export + " EXCEPT ALL SELECT * FROM "
                    + parts(table) + ")")).isZero();
        }
    }

    @Test
    void theSeedAloneFixesTheRowsWhateverThePartSize() throws Exception {
        write(dir.resolve("a"), 1500, 11, 500, 0.01);
        write(dir.resolve("b"), 1500, 11, 1500, 0.01);
        write(dir.resolve("c"), 1500, 12, 500, 0.01);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String a = parts(dir.resolve("a"));
            String b = parts(dir.resolve("b"));
            String other = parts(dir.resolve("c"));
            assertThat(count(st, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"))
                    .isZero();
            assertThat(count(st, "SELECT count(*) FROM " + a + " x JOIN " + other + " y USING (path)"
                    + " WHERE x.c_rms IS DISTINCT FROM y.c_rms")).as("another seed, other values").isGreaterThan(1400);
        }
    }

    @Test
    void rowsLookMeasured() throws Exception {
        Path table = dir.resolve("t");
        write(table, 20_000, 42, 8000, 0.01);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String t = parts(table);
            assertThat(count(st, "SELECT count(DISTINCT path) FROM " + t)).isEqualTo(20_000);
            assertThat(count(st, "SELECT count(DISTINCT content_hash) FROM " + t)).isEqualTo(20_000);
            assertThat(count(st, "SELECT count(*) FROM " + t + " WHERE length(content_hash) <> 64")).isZero();
            // Failed rows have no features, no size in pixels, and say why.
            assertThat(count(st, "SELECT count(*) FROM " + t + " WHERE status = 'failed' AND (c_rms IS NOT NULL"
                    + " OR width IS NOT NULL OR error_kind IS NULL OR error_text IS NULL)")).isZero();
            // Each feature inside its domain (contrast-features/v1), freq_ratio derived as the extractor does.
            assertThat(count(st, "SELECT count(*) FROM " + t + " WHERE status = 'ok' AND (u_dr NOT BETWEEN 0 AND 1.0000001"
                    + " OR michelson NOT BETWEEN 0 AND 1 OR entropy NOT BETWEEN 0 AND 8 OR mean NOT BETWEEN 0 AND 1.0000001"
                    + " OR clipped_fraction NOT BETWEEN 0 AND 1 OR hue_diversity NOT BETWEEN 0 AND 1 OR kurtosis < -2"
                    + " OR std < 0 OR chroma_mean < 0 OR abs(freq_ratio - high_freq_energy / (low_freq_energy + 1e-8))"
                    + " > 1e-12 * greatest(1, freq_ratio))")).isZero();
            // The mixture: heavy-tailed starfields (hubble, kurtosis ~76) and moon-like rows (~96) beside
            // photographs near 0, each a sizeable share of the rows.
            long heavy = count(st, "SELECT count(*) FROM " + t + " WHERE kurtosis > 60");
            long flat = count(st, "SELECT count(*) FROM " + t + " WHERE kurtosis < 5");
            assertThat(heavy).isGreaterThan(1000);
            assertThat(flat).isGreaterThan(5000);
        }
    }

    @Test
    void badOptionsNameTheValue() throws Exception {
        assertThatThrownBy(() -> SyntheticFeatureTable.parse(new String[] {"--output", "x"}))
                .hasMessage("--rows is required");
        assertThatThrownBy(() -> SyntheticFeatureTable.parse(new String[] {"--output", "x", "--rows", "ten"}))
                .hasMessage("--rows must be a number, got 'ten'");
        assertThatThrownBy(() -> SyntheticFeatureTable.parse(new String[] {"--output", "x", "--rows", "10", "--seed"}))
                .hasMessage("--seed needs a value");
        assertThatThrownBy(() -> SyntheticFeatureTable.parse(new String[] {"--output", "x", "--rows", "10",
            "--failed-fraction", "1"})).hasMessage("--failed-fraction must be in [0, 1), got 1.0");
        assertThat(SyntheticFeatureTable.parse(new String[] {"--output", "x", "--rows", "1_000_000"}).rows())
                .isEqualTo(1_000_000);

        Path used = dir.resolve("used");
        Files.createDirectories(used);
        Files.writeString(used.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> write(used, 10, 1, 10, 0)).hasMessageContaining("is not empty");
    }
}
