package io.contrastkit.learn.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PseudoLabelerTest {

    /** Rows and the labels a person gave some of them. */
    record Case(double[][] rows, Map<Integer, String> labels) {
    }

    /**
     * {@code n} rows in {@code groups} 2-D Gaussian blobs (centres 2 apart on a line, spread times unit); the
     * first {@code labelled} rows are labelled {@code g0, g1, ...} by their blob. Row i is in blob i % groups.
     */
    static Case blobs(long seed, int n, int groups, int labelled, double spread) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][];
        Map<Integer, String> labels = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int g = i % groups;
            x[i] = new double[] {2.0 * g + spread * r.nextGaussian(), spread * r.nextGaussian()};
            if (i < labelled) {
                labels.put(i, "g" + g);
            }
        }
        return new Case(x, labels);
    }

    // The golden values below were printed by the app's explore.Propagation.propagate (commit cefb41f), which
    // this class replaces, on the same cases; they are matched exactly.

    @Test
    void logisticRegressionWinsAndLabelsEveryRowAsBefore() {
        Case c = blobs(1, 24, 3, 9, 0.9);
        PseudoLabeling r = PseudoLabeler.label(c.rows(), c.labels(), PseudoLabelOptions.defaults());
        assertThat(r.classifier()).isEqualTo(PseudoLabeling.Method.LOGISTIC);
        assertThat(r.folds()).isEqualTo(3);
        assertThat(r.knnAccuracy()).isEqualTo(0.3333333333333333);
        assertThat(r.logisticAccuracy()).isEqualTo(0.6666666666666666);
        assertThat(r.note()).isEqualTo("3-fold cross-validated accuracy: k-NN 0.333, logistic 0.667");
        assertThat(r.classes()).containsExactly("g0", "g1", "g2");
        assertThat(r.label()).containsExactly(0, 1, 2, 0, 1, 2, 1, 0, 2, 0, 1, 2, 0, 1, 2, 1, 2, 2, 0, 0, 2, 0, 1, 2);
        assertThat(r.confidence()).containsExactly(0.8677804096402035, 0.7913489935710087, 0.9008344209298569,
                0.8354087649596206, 0.4813102234885831, 0.9081699758391532, 0.5360446113036987, 0.5243098447746201,
                0.6714558300337488, 0.633940947450225, 0.546336941219025, 0.8304370365181041, 0.9363518023688299,
                0.5786958067059734, 0.48651026006992165, 0.6971580170518887, 0.7122325856186639, 0.6422467575128562,
                0.8850277597077629, 0.4407982952771072, 0.8862520006328567, 0.8003956731011062, 0.5359017904519665,
                0.647330271096288);
        assertThat(r.labelled()).isEqualTo(9);
        assertThat(r.counts()).containsExactly(8, 7, 9);
    }

    @Test
    void nearestNeighboursWinAndLabelEveryRowAsBefore() {
        Case c = blobs(2, 24, 3, 9, 0.9);
        PseudoLabeling r = PseudoLabeler.label(c.rows(), c.labels(), PseudoLabelOptions.defaults());
        assertThat(r.classifier()).isEqualTo(PseudoLabeling.Method.KNN);
        assertThat(r.knnAccuracy()).isEqualTo(0.5555555555555555);
        assertThat(r.logisticAccuracy()).isEqualTo(0.4444444444444444);
        assertThat(r.label()).containsExactly(0, 0, 2, 0, 1, 2, 0, 2, 2, 0, 2, 2, 0, 1, 2, 1, 1, 2, 0, 1, 2, 0, 1, 2);
        double[] expected = new double[24];
        java.util.Arrays.fill(expected, 0.6);
        expected[5] = 0.4;
        assertThat(r.confidence()).containsExactly(expected);
    }

    @Test
    void oneExamplePerLabelIsNotCrossValidatedAndTheNearestExampleDecides() {
        Case c = blobs(3, 12, 3, 3, 0.9);
        PseudoLabeling r = PseudoLabeler.label(c.rows(), c.labels(), PseudoLabelOptions.defaults());
        assertThat(r.classifier()).isEqualTo(PseudoLabeling.Method.KNN);
        assertThat(r.folds()).isZero();
        assertThat(r.knnAccuracy()).isNaN();
        assertThat(r.logisticAccuracy()).isNaN();
        assertThat(r.note()).startsWith("not cross-validated");
        assertThat(r.label()).containsExactly(0, 1, 2, 0, 2, 2, 1, 0, 2, 0, 0, 2);
        for (int i = 0; i < r.rows(); i++) {
            assertThat(r.confidenceOf(i)).isEqualTo(1.0 / 3);
            // every vote ties 1:1:1, so each row takes its nearest example's label
            int nearest = 0;
            for (int j = 1; j < 3; j++) {
                if (dist(c.rows()[i], c.rows()[j]) < dist(c.rows()[i], c.rows()[nearest])) {
                    nearest = j;
                }
            }
            assertThat(r.label()[i]).isEqualTo(nearest);
        }
    }

    @Test
    void peoplesRowsAreMarkedHumanAndTheResultIsACopy() {
        Case c = blobs(1, 24, 3, 9, 0.9);
        PseudoLabeling r = PseudoLabeler.label(c.rows(), c.labels(), PseudoLabelOptions.defaults());
        for (int i = 0; i < r.rows(); i++) {
            assertThat(r.source(i)).isEqualTo(i < 9 ? PseudoLabeling.Source.HUMAN : PseudoLabeling.Source.PROPAGATED);
        }
        assertThat(r.labelOf(2)).isEqualTo("g2");
        r.label()[0] = 2;
        r.confidence()[0] = -1;
        assertThat(r.label()[0]).isZero();
        assertThat(r.confidenceOf(0)).isPositive();
        assertThat(PseudoLabeler.label(c.rows(), c.labels(), PseudoLabelOptions.defaults())).isEqualTo(r);
    }

    @Test
    void tooFewLabelsOrBadInputSayWhat() {
        double[][] x = {{0, 0}, {1, 1}, {2, 2}};
        assertThatThrownBy(() -> PseudoLabeler.label(x, Map.of(0, "a"), PseudoLabelOptions.defaults()))
                .hasMessage("propagation needs at least two different labels on at least 2 images; have 1 labelled"
                        + " image(s) with 1 label(s)");
        assertThatThrownBy(() -> PseudoLabeler.label(x, Map.of(0, "a", 1, "a"), PseudoLabelOptions.defaults()))
                .hasMessageContaining("with 1 label(s)");
        assertThatThrownBy(() -> PseudoLabeler.label(new double[0][], Map.of(), PseudoLabelOptions.defaults()))
                .hasMessageContaining("have 0 labelled image(s)");
        assertThatThrownBy(() -> PseudoLabeler.label(x, Map.of(0, "a", 3, "b"), PseudoLabelOptions.defaults()))
                .hasMessage("labelled row 3 is outside the rows 0..2");
        assertThatThrownBy(() -> PseudoLabeler.label(new double[][] {{0, 0}, {1, Double.NaN}, {2, 2}},
                Map.of(0, "a", 2, "b"), PseudoLabelOptions.defaults())).hasMessage("row 1 column 1 is NaN");
        assertThatThrownBy(() -> new PseudoLabelOptions(5, 1, 1, 3000, 42)).hasMessageContaining("maxFolds");
        assertThatThrownBy(() -> new PseudoLabelOptions(0, 5, 1, 3000, 42)).hasMessageContaining("neighbours");
        assertThatThrownBy(() -> new PseudoLabelOptions(5, 5, 0, 3000, 42)).hasMessageContaining("(C)");
        assertThatThrownBy(() -> new PseudoLabelOptions(5, 5, 1, 0, 42)).hasMessageContaining("logisticSweeps");
        assertThat(PseudoLabeler.label(x, Map.of(0, "a", 2, "b"), PseudoLabelOptions.defaults()).classes())
                .isEqualTo(List.of("a", "b"));
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
