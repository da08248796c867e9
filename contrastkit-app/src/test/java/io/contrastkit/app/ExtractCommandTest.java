package io.contrastkit.app;

import io.contrastkit.app.cli.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.StoredFailure;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrastkit extract, failures, export, import} run in-process on generated folders. */
class ExtractCommandTest {

    private static final FeatureSchema V1 = FeatureSchema.V1;

    @TempDir
    Path dir;

    private Path store() {
        return dir.resolve("store.duckdb");
    }

    private CliRun extract(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "extract";
        all[1] = "--store";
        all[2] = store().toString();
        all[3] = "--threads=2";
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    private Map<String, double[]> features() {
        try (StoreSession fsSession = StoreSession.open(store(), V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            FeatureMatrix m = fs.readFeatures();
            assertThat(m.paths()).doesNotHaveDuplicates();
            Map<String, double[]> byName = new HashMap<>();
            for (int i = 0; i < m.rows(); i++) {
                byName.put(Path.of(m.paths()[i]).getFileName().toString(), m.values()[i]);
            }
            return byName;
        }
    }

    @Test
    void unchangedFilesAreSkippedChangedOnesReplacedAndForceRedoesAll() throws IOException {
        Path photos = dir.resolve("photos");
        List<Path> files = TestImages.folder(photos, 6, 40, 30);
        CliRun first = extract(photos.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("extracted 6 ok, 0 failed, 0 skipped unchanged");
        assertThat(first.out()).as("names its decoders").containsPattern("decoders: jpeg: .+; webp: .+; png: .+");
        Map<String, double[]> before = features();

        CliRun again = extract(photos.toString());
        assertThat(again.out()).contains("extracted 0 ok, 0 failed, 6 skipped unchanged");

        // new content (and size) in one file, only a new modification time on another
        TestImages.write(files.get(0), 44, 30, 999, "jpg");
        Files.setLastModifiedTime(files.get(1), FileTime.fromMillis(Files.getLastModifiedTime(files.get(1)).toMillis() + 5000));
        CliRun changed = extract(photos.toString());
        assertThat(changed.out()).contains("extracted 2 ok, 0 failed, 4 skipped unchanged");
        Map<String, double[]> after = features();
        assertThat(after).hasSize(6);
        assertThat(after.get("img0000.jpg")).isNotEqualTo(before.get("img0000.jpg"));
        assertThat(after.get("img0001.png")).isEqualTo(before.get("img0001.png"));
        assertThat(after.get("img0002.jpg")).isEqualTo(before.get("img0002.jpg"));

        CliRun forced = extract("--force", photos.toString());
        assertThat(forced.out()).contains("extracted 6 ok, 0 failed, 0 skipped unchanged");
        assertThat(features()).hasSize(6);
    }

    @Test
    void mixedFolderStoresEveryGoodImageAndEveryBadOneWithItsKindAndReason() throws IOException {
        Path mixed = dir.resolve("mixed");
        TestImages.write(mixed.resolve("good.jpg"), 40, 30, 1, "jpg");
        TestImages.write(mixed.resolve("sub/good.png"), 40, 30, 2, "png");
        TestImages.write(mixed.resolve("no-extension"), 40, 30, 3, "png");
        Files.copy(Fixtures.image("truncated.jpg"), mixed.resolve("truncated.jpg"));
        Files.write(mixed.resolve("empty.jpg"), new byte[0]);
        Files.writeString(mixed.resolve("text.jpg"), "this is not a photo\n");
        Files.write(mixed.resolve("huge.png"), pngHeader(100_000, 100_000));
        Files.writeString(mixed.resolve("notes.txt"), "sidecar notes, skipped\n");
        Files.createSymbolicLink(mixed.resolve("sub/loop"), mixed);
        Files.createSymbolicLink(mixed.resolve("dangling.jpg"), mixed.resolve("gone.jpg"));
        Path locked = mixed.resolve("locked.jpg");
        TestImages.write(locked, 20, 20, 4, "jpg");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        // root reads anything: the permission case only counts where it really is unreadable
        boolean lockedWorks = !Files.isReadable(locked);

        CliRun run = extract(mixed.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.SOME_FAILED);
        assertThat(run.err()).contains("symbolic link loop").doesNotContain("Exception");
        int goods = lockedWorks ? 3 : 4;
        assertThat(run.out()).contains("extracted " + goods + " ok", "1 skipped not an image");
        assertThat(features()).containsOnlyKeys(lockedWorks
                ? List.of("good.jpg", "good.png", "no-extension")
                : List.of("good.jpg", "good.png", "no-extension", "locked.jpg"));

        Map<String, String> kinds;
        try (StoreSession fsSession = StoreSession.open(store(), V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            List<StoredFailure> failures = fs.failures();
            kinds = failures.stream().collect(Collectors.toMap(f -> Path.of(f.path()).getFileName().toString(), StoredFailure::kind));
            assertThat(failures).allSatisfy(f -> assertThat(f.reason()).isNotBlank().doesNotContain("\n"));
        }
        Map<String, String> expected = new HashMap<>(Map.of("truncated.jpg", "TRUNCATED", "empty.jpg", "EMPTY",
                "text.jpg", "NOT_AN_IMAGE", "huge.png", "TOO_MANY_PIXELS", "dangling.jpg", "UNREADABLE"));
        if (lockedWorks) {
            expected.put("locked.jpg", "UNREADABLE");
        }
        assertThat(kinds).isEqualTo(expected);

        // Every file that was read carries the SHA-256 of its bytes, failed or not; one never read has none.
        Map<String, String> hashes = storedHashes();
        for (String name : List.of("good.jpg", "sub/good.png", "no-extension", "truncated.jpg", "huge.png")) {
            Path file = mixed.resolve(name);
            assertThat(hashes.get(file.toString())).as(name).isEqualTo(sha256(Files.readAllBytes(file)));
        }
        // as `printf 'this is not a photo\n' | sha256sum` prints it
        assertThat(hashes.get(mixed.resolve("text.jpg").toString()))
                .isEqualTo("831bc58c1135e4d319ec565a9145a74cc99dcb7431a48aef2d16a068b4a756b9");
        assertThat(hashes).containsEntry(mixed.resolve("dangling.jpg").toString(), null);

        CliRun listed = CliRun.of("failures", "--store", store().toString());
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines()).hasSize(expected.size());
        assertThat(listed.out()).contains(mixed.resolve("huge.png") + "\tTOO_MANY_PIXELS\tpng header says 100000x100000");
        assertThat(listed.out()).contains(mixed.resolve("dangling.jpg") + "\tUNREADABLE\tbroken symbolic link");

        // a failed file that changes is tried again
        TestImages.write(mixed.resolve("text.jpg"), 30, 30, 5, "jpg");
        CliRun retry = extract(mixed.toString());
        assertThat(retry.out()).contains("extracted 1 ok");
        assertThat(features()).containsKey("text.jpg");
    }

    @Test
    void listFilesAndGlobsNameTheFiles() throws IOException {
        Path photos = dir.resolve("my photos");
        List<Path> files = TestImages.folder(photos, 4, 30, 20);
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# two of them\n" + files.get(0) + "\n\n" + files.get(1) + "\n");
        CliRun fromList = extract("@" + list);
        assertThat(fromList.exitCode()).as(fromList.toString()).isZero();
        assertThat(fromList.out()).contains("extracted 2 ok");
        CliRun fromGlob = extract(photos + "/*.png");
        assertThat(fromGlob.out()).contains("extracted 1 ok, 0 failed, 1 skipped unchanged");
        assertThat(features()).containsOnlyKeys("img0000.jpg", "img0001.png", "img0003.png");
        CliRun missing = extract(dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.SOME_FAILED);
        assertThat(missing.err()).contains("nowhere: no such file or directory");
    }

    @Test
    void exportCsvHasTheHeaderContractAndParquetImportsBackToAnEqualStore() throws IOException {
        Path photos = dir.resolve("photos");
        TestImages.folder(photos, 5, 30, 20);
        Files.writeString(photos.resolve("bad.jpg"), "nope");
        assertThat(extract(photos.toString()).exitCode()).isEqualTo(ExitCode.SOME_FAILED);

        Path csv = dir.resolve("a.csv");
        CliRun export = CliRun.of("export", "--store", store().toString(), "--format", "csv", "--out", csv.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("path,status," + String.join(",", V1.names()));
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1)).startsWith(photos.resolve("bad.jpg") + ",failed,");

        Path parquet = dir.resolve("a.parquet");
        assertThat(CliRun.of("export", "--store", store().toString(), "--format", "parquet", "--out", parquet.toString())
                .exitCode()).isZero();
        Path copy = dir.resolve("copy.duckdb");
        CliRun imported = CliRun.of("import", "--store", copy.toString(), parquet.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 6 images");
        Path csv2 = dir.resolve("b.csv");
        assertThat(CliRun.of("export", "--store", copy.toString(), "--format", "csv", "--out", csv2.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(csv2)).isEqualTo(lines);
        Path parquet2 = dir.resolve("b.parquet");
        CliRun.of("export", "--store", copy.toString(), "--format", "parquet", "--out", parquet2.toString());
        assertThat(parquetRows(parquet2)).isEqualTo(parquetRows(parquet));

        CliRun bad = CliRun.of("import", "--store", copy.toString(), dir.resolve("missing.parquet").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("missing.parquet").doesNotContain("Exception");
    }

    /** Path to stored content hash (null where none), read straight from the store's table. */
    private Map<String, String> storedHashes() {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + store(), readOnly());
             var st = c.createStatement(); var rs = st.executeQuery("SELECT path, content_hash FROM images")) {
            Map<String, String> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Properties readOnly() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        return p;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of every row, as text, via DuckDB itself. */
    private static List<String> parquetRows(Path parquet) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
             var rs = st.executeQuery("SELECT * FROM read_parquet('" + parquet + "') ORDER BY path")) {
            List<String> rows = new java.util.ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                }
                rows.add(sb.toString());
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStoreOfAnotherFeatureVersionIsRefusedNamingBoth() throws Exception {
        StoreSession.open(store(), V1, StoreSession.Access.CREATE).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + store()); var st = c.createStatement()) {
            st.execute("UPDATE store_meta SET value = 'contrast-features/v0' WHERE key = 'feature_version'");
        }
        TestImages.write(dir.resolve("a.png"), 10, 10, 1, "png");
        CliRun run = extract(dir.resolve("a.png").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("contrast-features/v0", "contrast-features/v1");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    /** A PNG signature and IHDR chunk (valid CRC) for an RGB image of the given size, then IEND. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        d.writeInt(width);
        d.writeInt(height);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, ihdr.toByteArray());
        chunk(out, "IEND".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, byte[] typeAndData) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeInt(typeAndData.length - 4);
        out.write(typeAndData);
        out.writeInt((int) crc.getValue());
    }
}
