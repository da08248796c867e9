package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.testing.FeatureTolerance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every input format of spec section 1 against the reference script's values
 * (src/test/resources/decoding/README.md says how the files and golden values were made).
 */
class DecodingTest {

    private static final ContrastFeatureExtractor EXTRACTOR = new ContrastFeatureExtractor();
    private static final ImageDecoder DECODER = new ImageDecoder(EXTRACTOR.options());

    /** The features of an image file, read here: the decoder takes bytes. */
    private static FeatureVector extract(Path file) throws Exception {
        return EXTRACTOR.extract(DECODER.decode(Files.readAllBytes(file)));
    }

    static Path file(String name) {
        return Fixtures.root().getParent().resolve("decoding").resolve(name);
    }

    static Map<String, double[]> golden() {
        return Fixtures.goldenFeatures(file("golden-decoding-maxside512.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chelsea_small.png", "plain.bmp", "palette4.bmp", "lossless.webp",
            "gray16_predictor.tif", "rgb16.png", "gray_alpha.png", "multipage.tif", "line_1x50.png", "line_50x1.png"})
    void losslessFormatsMatchTheReference(String name) throws Exception {
        FeatureVector v = extract(file(name));
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), name, v.toArray(), golden().get(name), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"progressive.jpg", "lossy.webp"})
    void lossyFormatsMatchTheReferenceWithinTheJpegBound(String name) throws Exception {
        FeatureVector v = extract(file(name));
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), name, v.toArray(), golden().get(name), true);
    }

    @Test
    void cmykJpegDecodesToPlausibleRgb() throws Exception {
        // CMYK has no single right answer (OpenCV inverts naively, TwelveMonkeys applies a CMYK
        // profile), so this checks that it decodes to the picture it was made from, loosely.
        LinearImage img = new ImageDecoder(ExtractionOptions.defaults()).decode(Files.readAllBytes(file("cmyk.jpg")));
        assertThat(img.width()).isEqualTo(150);
        assertThat(img.height()).isEqualTo(100);
        double[] cmyk = EXTRACTOR.extract(img).toArray();
        double[] rgb = golden().get("chelsea_small.png");
        assertThat(cmyk[4]).as("mean luminance").isCloseTo(rgb[4], org.assertj.core.data.Offset.offset(0.05));
        assertThat(cmyk[0]).as("c_rms").isCloseTo(rgb[0], org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void multiPageTiffUsesTheFirstPage() throws Exception {
        // multipage.tif holds camera then moon; gray_alpha.png's gray channel is that same camera page.
        double[] camera = extract(file("multipage.tif")).toArray();
        assertThat(camera).containsExactly(extract(file("gray_alpha.png")).toArray());
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), "multipage.tif", camera, golden().get("multipage.tif"), false);
    }

    @Test
    void animatedGifUsesTheFirstFrame() throws Exception {
        LinearImage img = new ImageDecoder(ExtractionOptions.defaults())
                .decode(Fixtures.bytes("no_time_for_that_tiny.gif"));
        assertThat(img.format()).isEqualTo("gif");
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), "gif", EXTRACTOR.extract(img).toArray(),
                Fixtures.golden(512).get("no_time_for_that_tiny.gif"), false);
    }

    @Test
    void sixteenBitSamplesKeepTheirPrecision() throws Exception {
        LinearImage img = new ImageDecoder(ExtractionOptions.defaults()).decode(Files.readAllBytes(file("gray16_predictor.tif")));
        // A 16-bit ramp has far more distinct levels than 256.
        long distinct = java.util.Arrays.stream(img.copyRed()).distinct().count();
        assertThat(distinct).isGreaterThan(5000);
    }

    @Test
    void fileContentDecidesTheFormatNotTheName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path png = dir.resolve("actually-a-png.jpg");
        Files.copy(file("chelsea_small.png"), png);
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), "png named .jpg", extract(png).toArray(),
                golden().get("chelsea_small.png"), false);
    }
}
