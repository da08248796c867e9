package io.contrastkit.core;

import io.contrastkit.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public test images and golden feature values copied from shared/fixtures (licences in
 * src/test/resources/fixtures/README.md). Shared with other modules' tests through the test-jar.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** Directory holding images/ and golden/. Works from the test-jar too by copying out of it. */
    public static Path root() {
        URL url = Fixtures.class.getResource("/fixtures/README.md");
        if (url == null) {
            throw new IllegalStateException("fixtures not on the test classpath");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI()).getParent();
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return copiedOutOfJar();
    }

    private static Path copied;

    private static synchronized Path copiedOutOfJar() {
        if (copied != null) {
            return copied;
        }
        try {
            Path dir = Files.createTempDirectory("contrastkit-fixtures");
            for (String name : imageNames()) {
                copy("/fixtures/images/" + name, dir.resolve("images").resolve(name));
            }
            for (String g : List.of("features-v1-maxside0.csv", "features-v1-maxside128.csv", "features-v1-maxside512.csv")) {
                copy("/fixtures/golden/" + g, dir.resolve("golden").resolve(g));
            }
            copy("/fixtures/README.md", dir.resolve("README.md"));
            copied = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (var in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.copy(in, to);
        }
    }

    /** All fixture image file names. */
    public static List<String> imageNames() {
        return List.of("astronaut.png", "brick.png", "camera.png", "checker_bilevel.png", "chelsea.png",
                "chessboard_GRAY_U16.tif", "coffee.png", "coins.png", "color.png", "edge_black1.png",
                "edge_gray_const.png", "edge_noise.png", "edge_rgb16.png", "edge_sine.png", "edge_strip5x300.png",
                "edge_tiny2x3.png", "edge_white7x5.png", "grass.png", "gravel.png", "horse.png",
                "hubble_deep_field.jpg", "logo.png", "moon.png", "no_time_for_that_tiny.gif", "page.png",
                "palette_color.png", "phantom.png", "retina.jpg", "rocket.jpg", "text.png", "truncated.jpg");
    }

    public static Path image(String name) {
        return root().resolve("images").resolve(name);
    }

    /** The bytes of a fixture image: what the decoder is given (core reads no files). */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(image(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Golden rows of features-v1-maxsideN.csv: image file name to the 20 values. */
    public static Map<String, double[]> golden(int maxSide) {
        return goldenFeatures(root().resolve("golden").resolve("features-v1-maxside" + maxSide + ".csv"));
    }

    /** A golden feature CSV (header {@code path} + the v1 names): image file name to the 20 values. */
    public static Map<String, double[]> goldenFeatures(Path csv) {
        List<String> header = new ArrayList<>();
        header.add("path");
        header.addAll(FeatureSchema.V1.names());
        return Golden.csv(csv).requireHeader(header).byFirstColumn(p -> Path.of(p).getFileName().toString());
    }
}
