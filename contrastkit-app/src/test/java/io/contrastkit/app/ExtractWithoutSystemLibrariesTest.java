package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.StoreSession;
import io.contrastkit.testing.FeatureTolerance;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contrastkit extract} in a child JVM that cannot reach the Debian libraries (libturbojpeg,
 * libwebp, libdeflate): its class path is this one without the JNA jar, and core reaches those
 * libraries only through JNA, so they are out of reach exactly as on a machine without them. The
 * OpenCV artifact must then decode WebP and PNG, say so, record it per row, and give the reference's
 * features on lossy WebP (which the Java WebP decoder does not).
 */
class ExtractWithoutSystemLibrariesTest {

    private static final String[] FILES = {"lossy.webp", "astronaut_q80.webp", "coffee_q60.webp", "chelsea_small.png"};
    private static final String OPENCV = "opencv-imgcodecs 4.9.0";

    @TempDir
    Path dir;

    @Test
    void extractUsesTheArtifactAndMatchesTheReferenceOnLossyWebp() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (String name : FILES) {
            try (InputStream in = resource(name)) {
                Files.copy(in, photos.resolve(name));
            }
        }
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("jna-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).as("the JNA jar was on the class path to leave out")
                .isNotEqualTo(System.getProperty("java.class.path"));
        Path store = dir.resolve("store.duckdb");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, Main.class.getName(), "extract", "--store", store.toString(), photos.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished in time: " + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("jpeg: Java (JNA is not on the class path")
                .contains("webp: " + OPENCV).contains("png: " + OPENCV);

        Map<String, double[]> golden = golden();
        Map<String, ImageRecord> rows = new HashMap<>();
        try (StoreSession session = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.READ)) {
            FeatureStore fs = session.features();
            fs.forEachImage(r -> rows.put(Path.of(r.path()).getFileName().toString(), r));
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrder(FILES);
        for (String name : FILES) {
            ImageRecord r = rows.get(name);
            assertThat(r.decoder()).as(name).isEqualTo(OPENCV);
            // The same bytes as the reference's decoder: the lossless tolerance of spec section 4.
            FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), name, r.features(), golden.get(name), false);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ExtractWithoutSystemLibrariesTest.class.getResourceAsStream("/decoders/" + name);
        assertThat(in).as("test resource decoders/" + name).isNotNull();
        return in;
    }

    /** The reference's features by file name (see resources/decoders/README.md). */
    private static Map<String, double[]> golden() throws Exception {
        Map<String, double[]> golden = new HashMap<>();
        try (InputStream in = resource("golden-features-maxside512.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).isEqualTo("path," + String.join(",", FeatureSchema.V1.names()));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                golden.put(f[0], Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return golden;
    }
}
