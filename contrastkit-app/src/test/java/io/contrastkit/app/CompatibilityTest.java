package io.contrastkit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour of release 0.1.0, kept as fixtures in {@code src/test/resources/compat/0.1.0} (what wrote each file
 * is in its README.md): the store and the model that version wrote must still open, and the command line must
 * still print exactly what it printed then, on the same images. Everything goes through the command line
 * ({@code Main.execute}), so the test holds however the commands are arranged inside.
 *
 * <p>Outputs are compared as text after one normalisation, the same the fixtures went through: the absolute
 * folder the run used becomes {@code @ROOT@}, and {@code cluster --json}'s {@code model_id} (a hash of the model
 * file, which records the time, Java and OS) becomes {@code @MODEL_ID@} once it is checked to be that hash.
 */
class CompatibilityTest {

    /** Where capture.sh ran the 0.1.0 jar; the fixture store and model hold paths under it. */
    private static final String CAPTURED_ROOT = "/tmp/contrastkit-compat-0.1.0";
    private static final String ROOT = "@ROOT@";
    private static final Pattern MODEL_ID = Pattern.compile("\"model_id\":\"([0-9a-f]{16})\"");
    /** The provenance fields of a model file that name the machine, the time or the build. */
    private static final Pattern MACHINE_PROVENANCE =
            Pattern.compile("(?m)^    \"(tool_version|java|os|created_at)\": \".*\"(,?)$");

    private static Path fixture;
    private static final Map<String, Integer> EXIT_CODES = new LinkedHashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void readExitCodes() throws IOException, URISyntaxException {
        fixture = Path.of(CompatibilityTest.class.getResource("/compat/0.1.0/model.json").toURI()).getParent();
        for (String line : Files.readAllLines(fixture.resolve("expected/exit-codes.txt"))) {
            String[] kv = line.split(" ");
            EXIT_CODES.put(kv[0], Integer.parseInt(kv[1]));
        }
    }

    /** (a) The 0.1.0 store opens: its counts, its failure and every ok row's 20 features, as 0.1.0 exported them. */
    @Test
    void oldStoreReadsAsBefore() throws IOException {
        Path root = rootWith(true);
        String store = root.resolve("store.duckdb").toString();
        expect("failures", root, "failures", "--store", store);
        Path csv = root.resolve("export.csv");
        expect("export", root, "export", "--store", store, "--format", "csv", "--out", csv.toString());
        assertSameText(expected("export.csv"), normalise(Files.readString(csv), root), "export.csv of the 0.1.0 store");
        // Fitting on the old store gives the model 0.1.0 fitted on it.
        expect("cluster", root, "cluster", "--store", store, "--k", "3", "--model", root.resolve("model.json").toString(),
                "--json");
        assertSameModel(root.resolve("model.json"), root);
    }

    /** (b) The 0.1.0 model loads, shows and predicts as before, and validates against the 0.1.0 store. */
    @Test
    void oldModelPredictsAsBefore() throws IOException {
        Path root = rootWith(true);
        Files.copy(fixture.resolve("model.json"), root.resolve("model.json"));
        String model = root.resolve("model.json").toString();
        expect("model-show", root, "model", "show", "--json", model);
        expect("predict", root, "predict", "--model", model, root.resolve("images").toString());
        expect("validate", root, "validate", "--json", "--store", root.resolve("store.duckdb").toString(), "--model", model);
    }

    /** (c) Today's code, run from scratch on a copy of the same images, prints what 0.1.0 printed. */
    @Test
    void currentCodePrintsWhatOldCodePrinted() throws IOException {
        Path root = rootWith(false);
        String images = root.resolve("images").toString();
        String store = root.resolve("store.duckdb").toString();
        String model = root.resolve("model.json").toString();
        expect("features", root, "features", images);
        expect("features-json", root, "features", "--format", "json", root.resolve("images/camera.png").toString(),
                root.resolve("images/horse.png").toString(), root.resolve("images/truncated.jpg").toString());
        CliRunResult extract = run("extract", "--store", store, images);
        assertEquals(EXIT_CODES.get("extract"), extract.code(), "extract's exit code; stderr:\n" + extract.err());
        expect("failures", root, "failures", "--store", store);
        Path csv = root.resolve("export.csv");
        expect("export", root, "export", "--store", store, "--format", "csv", "--out", csv.toString());
        assertSameText(expected("export.csv"), normalise(Files.readString(csv), root), "export.csv");
        expect("cluster", root, "cluster", "--store", store, "--k", "3", "--model", model, "--json");
        assertSameModel(root.resolve("model.json"), root);
        expect("predict", root, "predict", "--model", model, images);
        expect("validate", root, "validate", "--json", "--store", store, "--model", model);
    }

    /**
     * A fresh folder: a copy of the fixture images, and with {@code old} a copy of the 0.1.0 store (never opened in
     * place). Images go under {@code images/} as when the fixtures were captured, so paths map to {@code @ROOT@}.
     */
    private Path rootWith(boolean old) throws IOException {
        Path root = tmp.resolve(old ? "old" : "new").toAbsolutePath();
        Path images = Files.createDirectories(root.resolve("images"));
        try (Stream<Path> files = Files.list(fixture.resolve("images"))) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, images.resolve(f.getFileName().toString()));
            }
        }
        if (old) {
            Files.copy(fixture.resolve("store.duckdb"), root.resolve("store.duckdb"), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return root;
    }

    /** Runs one command and compares its exit code, stdout and (where captured) stderr with expected/{name}.*. */
    private void expect(String name, Path root, String... args) throws IOException {
        CliRunResult r = run(args);
        String what = String.join(" ", args).replace(root.toString(), ROOT);
        assertEquals(EXIT_CODES.get(name), r.code(), "exit code of " + what + "; stderr:\n" + r.err());
        String out = normalise(r.out(), root);
        if (name.equals("cluster")) {
            out = checkedModelId(out, root.resolve("model.json"));
        }
        assertSameText(expected(name + ".out"), out, "stdout of " + what);
        if (Files.exists(fixture.resolve("expected").resolve(name + ".err"))) { // cluster's stderr has durations
            assertSameText(expected(name + ".err"), normalise(r.err(), root), "stderr of " + what);
        }
    }

    /** The model file just written equals 0.1.0's, but for the provenance fields that name machine, time and build. */
    private static void assertSameModel(Path written, Path root) throws IOException {
        String before = MACHINE_PROVENANCE.matcher(normalise(Files.readString(fixture.resolve("model.json")),
                Path.of(CAPTURED_ROOT))).replaceAll("    \"$1\": \"@NORMALISED@\"$2");
        String after = MACHINE_PROVENANCE.matcher(normalise(Files.readString(written), root))
                .replaceAll("    \"$1\": \"@NORMALISED@\"$2");
        assertSameText(before, after, "model file (tool_version, java, os and created_at aside)");
    }

    /** cluster's model_id must be the first 16 hex digits of the model file's SHA-256; then it is normalised. */
    private static String checkedModelId(String out, Path modelFile) throws IOException {
        Matcher m = MODEL_ID.matcher(out);
        assertTrue(m.find(), "cluster --json prints a model_id: " + out);
        assertEquals(sha256(Files.readAllBytes(modelFile)).substring(0, 16), m.group(1), "model_id is the model's hash");
        return m.replaceFirst(Matcher.quoteReplacement("\"model_id\":\"@MODEL_ID@\""));
    }

    /** Exact text equality; the message names the first line that differs, which a long JSON line makes hard to see. */
    private static void assertSameText(String expected, String actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < Math.min(e.length, a.length) && e[line].equals(a[line])) {
            line++;
        }
        String el = line < e.length ? e[line] : "<end>";
        String al = line < a.length ? a[line] : "<end>";
        int col = 0;
        while (col < Math.min(el.length(), al.length()) && el.charAt(col) == al.charAt(col)) {
            col++;
        }
        int from = Math.max(0, col - 60);
        assertEquals(expected, actual, what + " differs from 0.1.0 at line " + (line + 1) + ", column " + (col + 1)
                + ":\n  0.1.0: ..." + el.substring(Math.min(from, el.length()), Math.min(el.length(), col + 60))
                + "\n  now:   ..." + al.substring(Math.min(from, al.length()), Math.min(al.length(), col + 60)) + "\n");
    }

    private static String normalise(String text, Path root) {
        return text.replace(root.toString(), ROOT).replace(CAPTURED_ROOT, ROOT);
    }

    private static String expected(String file) throws IOException {
        return Files.readString(fixture.resolve("expected").resolve(file), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRunResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRunResult(code, out.toString(), err.toString());
    }

    /** Kept here rather than shared, so the redesign can move the test helpers without touching this test. */
    private record CliRunResult(int code, String out, String err) {
    }
}
