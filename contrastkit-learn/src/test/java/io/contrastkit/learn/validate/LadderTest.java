package io.contrastkit.learn.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LadderTest {

    /** scipy 1.10.1 spearmanr and the numpy pair counts of golden/validate/ladder.py. */
    @Test
    void matchesGoldenPerFamilyAndAggregates() {
        JsonNode golden = Golden.json("golden/validate/ladder.json");
        List<Ladder.Family> families = new ArrayList<>();
        for (JsonNode f : golden.get("families")) {
            families.add(new Ladder.Family(f.get("source").asText(), f.get("kind").asText(),
                    Golden.vector(f.get("levels")), Golden.vector(f.get("values")), f.get("direction").asInt()));
        }
        Ladder.Result result = Ladder.evaluate(families);
        for (int i = 0; i < families.size(); i++) {
            JsonNode expected = golden.get("results").get(i);
            Ladder.FamilyResult actual = result.families().get(i);
            assertThat(actual.srcc()).as("family " + i + " srcc").isCloseTo(expected.get("srcc").asDouble(), within(1e-12));
            assertThat(actual.perfectlyOrdered()).as("family " + i + " perfect").isEqualTo(expected.get("perfect").asBoolean());
            assertThat(actual.pairwiseAccuracy()).as("family " + i + " accuracy")
                    .isCloseTo(expected.get("accuracy").asDouble(), within(1e-12));
        }
        assertSummary(result.overall(), golden.get("overall"));
        assertThat(result.byKind().keySet()).containsExactly("compression", "haze", "s-curve");
        result.byKind().forEach((kind, s) -> assertSummary(s, golden.get("by_kind").get(kind)));
    }

    @Test
    void directionCorrectsTheSign() {
        double[] levels = {0, 1, 2, 3, 4};
        double[] falling = {9, 7, 5, 3, 1};
        Ladder.FamilyResult down = Ladder.evaluate(new Ladder.Family("a", "haze", levels, falling, -1));
        Ladder.FamilyResult wrong = Ladder.evaluate(new Ladder.Family("a", "haze", levels, falling, 1));
        assertThat(down.srcc()).isCloseTo(1.0, within(1e-15));
        assertThat(down.perfectlyOrdered()).isTrue();
        assertThat(wrong.srcc()).isCloseTo(-1.0, within(1e-15));
        assertThat(wrong.pairwiseAccuracy()).isEqualTo(0.0);
    }

    @Test
    void rejectsBadFamilies() {
        assertThatThrownBy(() -> new Ladder.Family("img", "haze", new double[] {1, 2}, new double[] {1, Double.NaN}, 1))
                .hasMessage("family img/haze values[1] is NaN");
        assertThatThrownBy(() -> new Ladder.Family("img", "haze", new double[] {1, 1}, new double[] {1, 2}, 1))
                .hasMessageContaining("2 distinct levels");
        assertThatThrownBy(() -> new Ladder.Family("img", "haze", new double[] {1, 2}, new double[] {1, 2}, 0))
                .hasMessageContaining("direction");
        assertThatThrownBy(() -> Ladder.evaluate(List.of())).hasMessageContaining("at least one family");
    }

    private static void assertSummary(Ladder.Summary actual, JsonNode expected) {
        assertThat(actual.families()).isEqualTo(expected.get("families").asInt());
        assertThat(actual.meanSrcc()).isCloseTo(expected.get("mean_srcc").asDouble(), within(1e-12));
        assertThat(actual.shareOrdered()).isCloseTo(expected.get("share_ordered").asDouble(), within(1e-12));
        assertThat(actual.meanPairwiseAccuracy()).isCloseTo(expected.get("mean_accuracy").asDouble(), within(1e-12));
    }
}
