package io.contrastkit.learn.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CorrelationTest {

    /** scipy 1.10.1 pearsonr / spearmanr / kendalltau, made by golden/validate/correlation.py. */
    @Test
    void matchesScipyGoldenValuesIncludingTiesHeavyInputs() {
        JsonNode golden = Golden.json("golden/validate/correlation.json");
        assertThat(golden.get("source").asText()).isEqualTo("scipy 1.10.1");
        assertThat(golden.get("cases").size()).isGreaterThanOrEqualTo(10);
        for (JsonNode c : golden.get("cases")) {
            String name = c.get("name").asText();
            double[] x = Golden.vector(c.get("x"));
            double[] y = Golden.vector(c.get("y"));
            assertThat(Correlation.pearson(x, y)).as(name + " pearson")
                    .isCloseTo(c.get("pearson").asDouble(), within(1e-12));
            assertThat(Correlation.spearman(x, y)).as(name + " spearman")
                    .isCloseTo(c.get("spearman").asDouble(), within(1e-12));
            assertThat(Correlation.kendall(x, y)).as(name + " kendall")
                    .isCloseTo(c.get("kendall").asDouble(), within(1e-12));
        }
    }

    @Test
    void averageRanksShareTiedRanks() {
        // scipy.stats.rankdata([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4]
        assertThat(Correlation.averageRanks(new double[] {3, 1, 3, 2, 3}))
                .containsExactly(4, 1, 4, 2, 4);
    }

    @Test
    void kendallOfLargeInputIsFastAndMatchesQuadraticCount() {
        int n = 3000;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(40);
            y[i] = x[i] * 0.3 + rnd.nextInt(25);
        }
        assertThat(Correlation.kendall(x, y)).isCloseTo(naiveTauB(x, y), within(1e-12));
    }

    @Test
    void constantInputGivesNaNLikeScipy() {
        double[] c = {2, 2, 2, 2};
        double[] v = {1, 2, 3, 4};
        assertThat(Correlation.pearson(c, v)).isNaN();
        assertThat(Correlation.spearman(v, c)).isNaN();
        assertThat(Correlation.kendall(c, v)).isNaN();
    }

    @Test
    void rejectsNaNAndUnequalLengthNamingTheIndex() {
        assertThatThrownBy(() -> Correlation.spearman(new double[] {1, 2, Double.NaN}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x[2] is NaN");
        assertThatThrownBy(() -> Correlation.kendall(new double[] {1, 2, 3}, new double[] {1, Double.POSITIVE_INFINITY, 3}))
                .hasMessage("y[1] is Infinity");
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 2}))
                .hasMessageContaining("x has 3 values, y has 2").hasMessageContaining("index is 2");
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1}, new double[] {1}))
                .hasMessageContaining("at least 2 pairs");
    }

    private static double naiveTauB(double[] x, double[] y) {
        long con = 0;
        long dis = 0;
        long tx = 0;
        long ty = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                if (s > 0) {
                    con++;
                } else if (s < 0) {
                    dis++;
                } else if (x[i] == x[j] && y[i] != y[j]) {
                    tx++;
                } else if (y[i] == y[j] && x[i] != x[j]) {
                    ty++;
                }
            }
        }
        return (con - dis) / Math.sqrt((double) (con + dis + tx) * (con + dis + ty));
    }
}
