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
 * still print what it printed then, on the same images (numbers within a bound far inside spec v1's, below).
 * Everything goes through the command line ({@code Main.execute}), so the test holds however the commands are
 * arranged inside.
 *
 * <p>Outputs are compared as text after one normalisation, the same the fixtures went through: the absolute
 * folder the run used becomes {@code @ROOT@}, and {@code cluster --json}'s {@code model_id} (a hash of the model
 * file, which records the time, Java and OS) becomes {@code @MODEL_ID@} once it is checked to be that hash.
 *
 * <p>The contract is "every command prints the same text, numbers equal within a tolerance far inside spec
 * v1's", not byte-identical doubles: all text but the numbers must be identical, integers (counts, exit codes,
 * indices, digits of hashes) too, and a decimal number (one with a point or an exponent) may differ from 0.1.0's
 * by at most {@value #NUMBER_ABS} plus {@value #NUMBER_REL} of its value (see both for what today's code needs:
 * nothing). Spec v1 (docs/contrast-features-v1.md, section 8.1) allows {@code 1e-6 + 1e-6 * |b|} against the
 * reference on lossless inputs and 1e-5 on its five looser features, so this bound is a thousand times inside the
 * tightest of them: a real change of a feature, of a model or of a format still fails here (a feature moved by
 * 1e-6 fails: {@code CompatibilityComparisonTest}). Text can hang on last digits too: the two members of a
 * two-image group are exactly as far from their centroid, so {@code cluster}'s representatives are in input order
 * only while both distances round alike (an ulp's change of one feature swapped them in issue 14's first rework).
 */
class CompatibilityTest {

    /** Where capture.sh ran the 0.1.0 jar; the fixture store and model hold paths under it. */
    private static final String CAPTURED_ROOT = "/tmp/contrastkit-compat-0.1.0";
    private static final String ROOT = "@ROOT@";
    private static final Pattern MODEL_ID = Pattern.compile("\"model_id\":\"([0-9a-f]{16})\"");
    /** The provenance fields of a model file that name the machine, the time or the build. */
    private static final Pattern MACHINE_PROVENANCE =
            Pattern.compile("(?m)^    \"(tool_version|java|os|created_at)\": \".*\"(,?)$");

    /**
     * Relative part of the bound on a decimal number, {@code |a - b| <= NUMBER_ABS + NUMBER_REL * |b|}: a thousandth
     * of spec v1's lossless relative bound (1e-6), room for a few ulps of another summation order and nothing more.
     * Today's arithmetic needs none of it: issue 14's extractor gives 0.1.0's features bit for bit on these fixtures
     * (checked by running this test with both parts 0), so every output is byte-identical.
     */
    static final double NUMBER_REL = 1e-9;
    /**
     * Absolute part, for values that are 0 up to rounding (a million times inside spec v1's 1e-6). It is not wide
     * enough for the local-contrast map's flat windows, where the map is the square root of a rounding-sized
     * difference: multiplying the box-mean updates by {@code 1/k} instead of dividing moved mean_local_contrast of
     * phantom.png by 3.2e-7, which is why {@code BoxFilter} divides exactly and why this test stays this tight.
     */
    static final double NUMBER_ABS = 1e-12;
    /** A number as the commands print it; group 1 holds the part after the digits that makes it decimal. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+(?:[eE][-+]?\\d+)?|[eE][-+]?\\d+)?");

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
        // --recipe 0.1: the 0.1.0 rules (all features, duplicates kept), which this fixture was made with
        expect("cluster", root, "cluster", "--store", store, "--k", "3", "--recipe", "0.1", "--model", root.resolve("model.json").toString(),
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
        // --recipe 0.1: the 0.1.0 rules (all features, duplicates kept), which this fixture was made with
        expect("cluster", root, "cluster", "--store", store, "--k", "3", "--recipe", "0.1", "--model", model, "--json");
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

    /**
     * Same text but for decimal numbers within {@link #NUMBER_REL} / {@link #NUMBER_ABS}; the message names the first
     * place that differs beyond that, which a long JSON line makes hard to see.
     */
    static void assertSameText(String expected, String actual, String what) {
        int[] at = firstDifference(expected, actual);
        if (at == null) {
            return;
        }
        int line = 1 + (int) expected.substring(0, at[0]).chars().filter(c -> c == '\n').count();
        int col = at[0] - expected.lastIndexOf('\n', at[0] - 1);
        assertEquals(expected, actual, what + " differs from 0.1.0 at line " + line + ", column " + col
                + " (beyond " + NUMBER_ABS + " + " + NUMBER_REL + " relative for decimals):\n  0.1.0: ..."
                + around(expected, at[0]) + "\n  now:   ..." + around(actual, at[1]) + "\n");
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60)).replace("\n", "\\n");
    }

    /** Whether the two texts pass {@link #assertSameText}. */
    static boolean sameUpToRounding(String expected, String actual) {
        return firstDifference(expected, actual) == null;
    }

    /**
     * Null when the two texts are the same sequence of non-numeric runs (identical) and numbers, where numbers that
     * differ as text are both decimal and within the bound (integers must be identical); else where the first
     * difference starts in each, {expected offset, actual offset}.
     */
    static int[] firstDifference(String expected, String actual) {
        Matcher e = NUMBER.matcher(expected);
        Matcher a = NUMBER.matcher(actual);
        int ePos = 0;
        int aPos = 0;
        while (true) {
            boolean eFound = e.find();
            boolean aFound = a.find();
            String eText = expected.substring(ePos, eFound ? e.start() : expected.length());
            String aText = actual.substring(aPos, aFound ? a.start() : actual.length());
            if (!eText.equals(aText) || eFound != aFound) {
                int same = 0;
                while (same < Math.min(eText.length(), aText.length()) && eText.charAt(same) == aText.charAt(same)) {
                    same++;
                }
                return new int[] {ePos + same, aPos + same};
            }
            if (!eFound) {
                return null;
            }
            if (!e.group().equals(a.group())) {
                if (e.group(1) == null || a.group(1) == null) {
                    return new int[] {e.start(), a.start()};
                }
                double b = Double.parseDouble(e.group());
                double v = Double.parseDouble(a.group());
                if (!(Math.abs(v - b) <= NUMBER_ABS + NUMBER_REL * Math.abs(b))) {
                    return new int[] {e.start(), a.start()};
                }
            }
            ePos = e.end();
            aPos = a.end();
        }
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
