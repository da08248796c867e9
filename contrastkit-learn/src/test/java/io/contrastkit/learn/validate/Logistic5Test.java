package io.contrastkit.learn.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

class Logistic5Test {

    /** scipy 1.10.1 curve_fit from the standard start, made by golden/validate/logistic5.py. */
    @Test
    void reachesScipyOptimumOnSyntheticSigmoids() {
        for (JsonNode c : Golden.json("golden/validate/logistic5.json").get("cases")) {
            if (!c.has("x")) {
                continue;
            }
            String name = c.get("name").asText();
            double[] x = Golden.vector(c.get("x"));
            double[] y = Golden.vector(c.get("y"));
            Logistic5.Fit fit = Logistic5.fit(x, y);
            double[] expected = Golden.vector(c.get("params"));
            // parameters to 1e-4 relative: the optimum lies in a flat valley along b1/b4, so the two
            // optimisers stop at slightly different points of it with equal error
            double[] actual = fit.model().parameters();
            for (int i = 0; i < 5; i++) {
                assertThat(actual[i]).as(name + " b" + (i + 1))
                        .isCloseTo(expected[i], offset(1e-4 * Math.max(1, Math.abs(expected[i]))));
            }
            assertThat(fit.plcc()).as(name + " plcc").isCloseTo(c.get("plcc").asDouble(), within(1e-8));
            assertThat(fit.rmse()).as(name + " rmse").isCloseTo(c.get("rmse").asDouble(), within(1e-8));
        }
    }

    /** The IQA fits of logistic5.py: never a worse optimum than scipy's, and the same PLCC and RMSE. */
    @Test
    void matchesScipyOnIqaScores() {
        for (JsonNode c : Golden.json("golden/validate/logistic5.json").get("cases")) {
            if (c.has("x")) {
                continue;
            }
            String file = c.get("name").asText();
            Golden.IqaScores s = Golden.iqa(file);
            Logistic5.Fit fit = Logistic5.fit(s.score(), s.mos());
            double rmse = c.get("rmse").asDouble();
            assertThat(fit.rmse()).as(file + " rmse").isLessThanOrEqualTo(rmse * (1 + 1e-9));
            assertThat(fit.rmse()).as(file + " rmse").isCloseTo(rmse, within(1e-6));
            assertThat(fit.plcc()).as(file + " plcc").isCloseTo(c.get("plcc").asDouble(), within(1e-6));
        }
    }

    @Test
    void staysFiniteForHugeArguments() {
        Logistic5 step = new Logistic5(2, 1e6, 0, 0, 1);
        assertThat(step.apply(1e300)).isEqualTo(2.0);
        assertThat(step.apply(-1e300)).isEqualTo(0.0);
        assertThat(step.apply(0)).isEqualTo(1.0);
        // the exp form: b1*(0.5 - 1/(1+exp(t))) at t = 1 equals tanh form
        Logistic5 l = new Logistic5(3, 2, 0.5, 0.1, -1);
        double expForm = 3 * (0.5 - 1 / (1 + Math.exp(2 * (1.0 - 0.5)))) + 0.1 + -1;
        assertThat(l.apply(1.0)).isCloseTo(expForm, within(1e-15));
    }

    @Test
    void fitsAStepFunctionAndDegenerateInputs() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i;
            y[i] = i < 20 ? 1 : 5;
        }
        Logistic5.Fit step = Logistic5.fit(x, y);
        assertThat(step.rmse()).isLessThan(1e-3);
        assertThat(java.util.Arrays.stream(step.model().parameters()).allMatch(Double::isFinite)).isTrue();

        double[] constant = {2, 2, 2, 2, 2, 2};
        Logistic5.Fit flat = Logistic5.fit(constant, new double[] {1, 2, 3, 4, 5, 6});
        assertThat(flat.fitted()).containsOnly(3.5);
        assertThat(flat.plcc()).isNaN();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Logistic5.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}))
                .hasMessageContaining("at least 5 pairs");
        assertThatThrownBy(() -> Logistic5.fit(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, Double.NaN, 4, 5}))
                .hasMessage("y[2] is NaN");
        assertThatThrownBy(() -> new Logistic5.Options(9, 100)).hasMessageContaining("restarts");
        assertThatThrownBy(() -> new Logistic5(Double.NaN, 1, 1, 1, 1)).hasMessageContaining("b1");
    }
}
