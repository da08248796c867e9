package io.contrastkit.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contrastkit.core.FeatureSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12 items 5 and 8: a model file with numbers that are not finite, or cut short, is refused in plain words. */
class ContrastModelJsonTest {

    private static final String MARK = "@@number@@";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static String json;

    @BeforeAll
    static void fitOnce() {
        json = ContrastModelTrainer.fit(ContrastModelTest.blobs(1), null, FeatureSchema.V1,
                ContrastModelOptions.defaults().withKRange(2, 5), 7,
                new Provenance.Source("test", "synthetic", "2024-01-01T00:00:00Z")).model().toJson();
    }

    /** The model with the number at {@code pointer} (a JSON pointer) replaced by {@code number}, as text. */
    private static String with(String pointer, String number) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(json);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), TextNode.valueOf(MARK));
        } else {
            ((ObjectNode) parent).set(last, TextNode.valueOf(MARK));
        }
        return MAPPER.writeValueAsString(root).replace('"' + MARK + '"', number);
    }

    @ParameterizedTest
    @CsvSource({
            "/clustering/centroids/0/3, 0.5, 1e999, clustering.centroids row 0 column 3",
            "/contrast_score/center/0, 0.5, 1e999, contrast_score.center[0]",
            "/contrast_score/weights/1, 0.5, -1e999, contrast_score.weights[1]",
            "/contrast_score/knot_projection/0, -1e300, 1e999, contrast_score.knot_projection[0]",
            "/pca/mean/2, 0.5, 1e999, pca.mean[2]",
            "/anomaly/threshold, 0.5, 1e999, anomaly.threshold",
            "/scaler/center/0, 0.5, 1e999, scaler.center[0]",
            "/map/rows/1/0, 0.5, -1e999, map.rows row 1 column 0",
            "/groups/0/profile/c_rms, 0.5, 1e999, 'c_rms'",
    })
    void refusesNumbersThatAreNotFiniteNamingTheField(String pointer, String finite, String number, String field)
            throws Exception {
        // The same model with a finite number there loads; only the overflowing number stops it.
        ContrastModel.fromJson(with(pointer, finite), "m.json");
        assertThatThrownBy(() -> ContrastModel.fromJson(with(pointer, number), "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model m.json: ")
                .hasMessageContaining(field)
                .hasMessageContaining("not a finite number");
    }

    @Test
    void refusesAThresholdOfNull() throws Exception {
        assertThatThrownBy(() -> ContrastModel.fromJson(with("/anomaly/threshold", "null"), "m.json"))
                .hasMessageContaining("anomaly.threshold is not a number");
    }

    @Test
    void nanLiteralIsNotJsonAndSaysWhere() throws Exception {
        assertThatThrownBy(() -> ContrastModel.fromJson(with("/pca/mean/0", "NaN"), "m.json"))
                .hasMessageStartingWith("model m.json is not valid JSON at line 1, column ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("[Source", "\n"));
    }

    @Test
    void aTruncatedFileSaysSoWithoutParserInternals() {
        String cut = json.substring(0, json.length() / 2);
        assertThatThrownBy(() -> ContrastModel.fromJson(cut, "m.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model m.json is cut short: its JSON ends at line ")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("Source", "start marker", "end-of-input", "OBJECT", "ARRAY", "\n"));
        assertThatThrownBy(() -> ContrastModel.fromJson("", "m.json")).hasMessage("model m.json is empty (no JSON in it)");
    }
}
