package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.decode.NativeDecoding;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.testing.RequiredEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores written by release 0.1.0 (schema version 1, the fixture of {@link CompatibilityTest}) are
 * read as they are and migrated in place, after a backup, by the first command that writes; and every
 * row of today's stores records the decoder that measured it, with a loud warning when two decoders
 * measured one lossy format.
 */
class StoreMigrationTest {

    /** Where the 0.1.0 store says its images were; the label commands name them by these paths. */
    private static final String CAPTURED = "/tmp/contrastkit-compat-0.1.0/images/";

    @TempDir
    Path tmp;

    private Path oldStore() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/compat/0.1.0/store.duckdb").toURI());
        Path copy = tmp.resolve("store.duckdb");
        Files.copy(fixture, copy);
        return copy;
    }

    @Test
    void readersLeaveAnOldStoreAsItIs() throws Exception {
        Path store = oldStore();
        byte[] before = Files.readAllBytes(store);
        Run failures = run("failures", "--store", store.toString());
        assertThat(failures.code).as(failures.err).isZero();
        assertThat(failures.out).contains("truncated.jpg");
        Path parquet = tmp.resolve("export.parquet");
        Run export = run("export", "--store", store.toString(), "--format", "parquet", "--out", parquet.toString());
        assertThat(export.code).as(export.err).isZero();
        assertThat(export.err).doesNotContain("migrated");
        // The export has the decoder column of today's layout, empty: 0.1.0 did not record it.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(decoder) FROM read_parquet('" + parquet + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(12);
            assertThat(rs.getLong(2)).isZero();
        }
        assertThat(Files.readAllBytes(store)).as("a reader changes nothing").isEqualTo(before);
        assertThat(backups()).isEmpty();
    }

    @Test
    void aWriterMigratesInPlaceAfterABackupAndSaysSo() throws Exception {
        Path store = oldStore();
        byte[] before = Files.readAllBytes(store);
        Run label = run("label", "--store", store.toString(), "--image", CAPTURED + "camera.png", "--name", "foggy");
        assertThat(label.code).as(label.err).isZero();
        Path backup = tmp.resolve("store.duckdb.schema1.bak");
        assertThat(label.err).contains("schema version 1").contains("migrated in place to version "
                + FeatureStore.SCHEMA_VERSION).contains(backup.toString());
        assertThat(Files.readAllBytes(backup)).as("the backup is the untouched 0.1.0 file").isEqualTo(before);
        try (Connection c = readOnly(store); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT value FROM store_meta WHERE key = 'schema_version'"))
                    .isEqualTo(String.valueOf(FeatureStore.SCHEMA_VERSION));
            assertThat(single(st, "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'images' AND column_name = 'decoder'")).isEqualTo("1");
            assertThat(single(st, "SELECT count(*) FROM images")).isEqualTo("12");
            assertThat(single(st, "SELECT count(*) FROM features")).isEqualTo("11");
        }
        // Once is enough: the next writer finds the current layout and says nothing.
        Run again = run("label", "--store", store.toString(), "--image", CAPTURED + "horse.png", "--name", "harsh");
        assertThat(again.code).as(again.err).isZero();
        assertThat(again.err).doesNotContain("migrated");
        assertThat(backups()).containsExactly(backup);
        Run labels = run("export", "--store", store.toString(), "--what", "labels", "--format", "csv",
                "--out", tmp.resolve("labels.csv").toString());
        assertThat(labels.code).as(labels.err).isZero();
        assertThat(Files.readString(tmp.resolve("labels.csv"))).contains("foggy").contains("harsh");
    }

    @Test
    void aStoreFromANewerContrastkitIsRefusedByName() throws Exception {
        Path store = oldStore();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store); Statement st = c.createStatement()) {
            st.execute("UPDATE store_meta SET value = '7' WHERE key = 'schema_version'");
        }
        Run r = run("label", "--store", store.toString(), "--image", CAPTURED + "camera.png", "--name", "x");
        assertThat(r.code).isNotZero();
        assertThat(r.err).contains("schema version 7").contains("newer than the " + FeatureStore.SCHEMA_VERSION);
        assertThat(backups()).isEmpty();
    }

    @Test
    void everyRowRecordsItsDecoder() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path fixtureImages = Path.of(getClass().getResource("/compat/0.1.0/images/camera.png").toURI()).getParent();
        for (String name : List.of("camera.png", "rocket.jpg", "no_time_for_that_tiny.gif", "truncated.jpg")) {
            Files.copy(fixtureImages.resolve(name), images.resolve(name));
        }
        Path store = tmp.resolve("new.duckdb");
        Run r = run("extract", "--store", store.toString(), images.toString());
        assertThat(r.code).as(r.err).isEqualTo(1); // truncated.jpg fails
        try (Connection c = readOnly(store); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT regexp_extract(path, '[^/]+$'), status, decoder FROM images ORDER BY path")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            assertThat(rows).hasSize(4);
            assertThat(rows.get(0)).matches("camera.png ok (contrastkit-png\\+libdeflate|imageio-png) \\S+");
            assertThat(rows.get(1)).matches("no_time_for_that_tiny.gif ok imageio-gif \\S+");
            assertThat(rows.get(2)).matches("rocket.jpg ok (libjpeg-turbo|twelvemonkeys-jpeg) \\S+");
            assertThat(rows.get(3)).isEqualTo("truncated.jpg failed null");
        }
    }

    @Test
    void twoDecodersOfOneLossyFormatAreWarnedAboutLoudly() throws Exception {
        boolean nativeJpeg = new ImageDecoder(ExtractionOptions.defaults(), NativeDecoding.WHEN_INSTALLED).codecs()
                .startsWith("jpeg: libjpeg-turbo");
        RequiredEnvironment.requireInCi(nativeJpeg, "libturbojpeg0 is not installed: one decoder is all there is");
        Path fixtureImages = Path.of(getClass().getResource("/compat/0.1.0/images/rocket.jpg").toURI()).getParent();
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.copy(fixtureImages.resolve("rocket.jpg"), a.resolve("rocket.jpg"));
        Files.copy(fixtureImages.resolve("camera.png"), a.resolve("camera.png"));
        Files.copy(fixtureImages.resolve("rocket.jpg"), b.resolve("rocket-copy.jpg"));
        Path store = tmp.resolve("mixed.duckdb");
        String previous = System.getProperty("contrastkit.native");
        Run javaRun;
        try {
            System.setProperty("contrastkit.native", "off");
            javaRun = run("extract", "--store", store.toString(), a.toString());
        } finally {
            if (previous == null) {
                System.clearProperty("contrastkit.native");
            } else {
                System.setProperty("contrastkit.native", previous);
            }
        }
        assertThat(javaRun.code).as(javaRun.err).isZero();
        assertThat(javaRun.err).doesNotContain("WARNING");
        Run nativeRun = run("extract", "--store", store.toString(), b.toString());
        assertThat(nativeRun.code).as(nativeRun.err).isZero();
        assertThat(nativeRun.err).contains("WARNING: the store's jpeg rows were measured by 2 decoders")
                .contains("1 by twelvemonkeys-jpeg").contains("1 by libjpeg-turbo").contains("extract --force")
                .contains("may not be comparable");
        // PNG is lossless: one decoder or another gives the same pixels, so it is never warned about.
        assertThat(nativeRun.err).doesNotContain("png rows");
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bak")).sorted().toList();
        }
    }

    private static Connection readOnly(Path store) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + store, p);
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }
}
