package io.contrastkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.testing.FeatureTolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the reference script: golden values from shared/reference/contrast_features_v1.py
 * (numpy + scipy, OpenCV/Pillow decoding), at maxSide 512, 128 and 0, within spec section 4.
 */
class GoldenParityTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int maxSide : new int[] {512, 128, 0}) {
            for (Map.Entry<String, double[]> e : Fixtures.golden(maxSide).entrySet()) {
                out.add(Arguments.of(maxSide, e.getKey(), e.getValue()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "maxSide={0} {1}")
    @MethodSource("cases")
    void agreesWithReference(int maxSide, String image, double[] expected) throws Exception {
        var options = ExtractionOptions.defaults().withMaxSide(maxSide);
        var extractor = new ContrastFeatureExtractor(options);
        FeatureVector v = extractor.extract(new ImageDecoder(options).decode(Fixtures.bytes(image)));
        FeatureTolerance.assertAgrees(FeatureSchema.V1.names(), image + " at maxSide " + maxSide, v.toArray(), expected, image.endsWith(".jpg"));
    }

    @org.junit.jupiter.api.Test
    void everyDecodableFixtureHasAGoldenRow() {
        assertThat(Fixtures.golden(512).keySet()).hasSize(30).doesNotContain("truncated.jpg");
        assertThat(Fixtures.golden(128).keySet()).isEqualTo(Fixtures.golden(512).keySet());
        assertThat(Fixtures.golden(0).keySet()).isEqualTo(Fixtures.golden(512).keySet());
    }
}
