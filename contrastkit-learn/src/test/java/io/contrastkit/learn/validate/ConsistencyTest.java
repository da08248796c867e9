package io.contrastkit.learn.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

    @Test
    void correlatesEveryOutputWithEveryFeatureAsScipyDoes() {
        // features as rows: column 0 = f1, column 1 = f2 (with a tie), column 2 constant
        double[][] features = {{2, 6, 1}, {1, 5, 1}, {4, 5, 1}, {3, 3, 1}, {6, 2, 1}, {5, 1, 1}};
        double[] out = {1, 2, 3, 4, 5, 6};
        Consistency.Result r = Consistency.compute(List.of("score"), List.of(out), List.of("f1", "f2", "flat"), features);
        // scipy 1.17.1: pearsonr, spearmanr, kendalltau (tau-b) of out with f1 and f2
        Consistency.Correlations f1 = r.get("score", "f1");
        assertThat(f1.pearson()).isCloseTo(0.8285714285714283, within(1e-12));
        assertThat(f1.spearman()).isCloseTo(0.8285714285714287, within(1e-12));
        assertThat(f1.kendall()).isCloseTo(0.6, within(1e-12));
        Consistency.Correlations f2 = r.get("score", "f2");
        assertThat(f2.pearson()).isCloseTo(-0.9785885079952124, within(1e-12));
        assertThat(f2.spearman()).isCloseTo(-0.9856107606091623, within(1e-12));
        assertThat(f2.kendall()).isCloseTo(-0.9660917830792959, within(1e-12));
        // a constant feature has no correlation (scipy warns and returns nan)
        assertThat(r.get("score", "flat").pearson()).isNaN();
        assertThat(r.get("score", "flat").kendall()).isNaN();
        assertThat(r.byOutput().get("score").keySet()).containsExactly("f1", "f2", "flat");
    }

    @Test
    void errorsSayWhatIsWrong() {
        double[][] features = {{1}, {2}, {3}};
        assertThatThrownBy(() -> Consistency.compute(List.of("score"), List.of(new double[] {1, 2}), List.of("f"), features))
                .hasMessageContaining("output score has 2 values but there are 3 feature rows");
        assertThatThrownBy(() -> Consistency.compute(List.of("score"), List.of(new double[] {1, Double.NaN, 3}),
                List.of("f"), features)).hasMessageContaining("score[1] is NaN");
        Consistency.Result r = Consistency.compute(List.of("score"), List.of(new double[] {1, 2, 3}), List.of("f"), features);
        assertThatThrownBy(() -> r.get("map_x", "f")).hasMessageContaining("no correlation of output 'map_x' with feature 'f'");
    }
}
