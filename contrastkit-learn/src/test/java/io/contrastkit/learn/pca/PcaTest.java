package io.contrastkit.learn.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import io.contrastkit.testing.Tolerance;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class PcaTest {
    // scikit-learn 1.2.1 PCA() (full SVD), numpy 1.24.2; made by golden/make_golden.py pca()
    private static final JsonNode GOLDEN = Golden.json("golden/pca.json");
    private static final double[][] X = Golden.matrix(GOLDEN.get("X"));

    @Test
    void explainedVarianceAndRatiosMatchScikitLearn() {
        PcaResult p = Pca.fit(X);
        double[] ev = Golden.vector(GOLDEN.get("explained_variance"));
        double[] ratio = Golden.vector(GOLDEN.get("explained_variance_ratio"));
        double[] mean = Golden.vector(GOLDEN.get("mean"));
        for (int c = 0; c < ev.length; c++) {
            Tolerance.assertRelClose(p.explainedVariance()[c], ev[c], 1e-9, 0, "explained variance " + c);
            Tolerance.assertRelClose(p.explainedVarianceRatio()[c], ratio[c], 1e-9, 0, "ratio " + c);
            Tolerance.assertRelClose(p.mean()[c], mean[c], 1e-12, 1, "mean " + c);
        }
        // Components agree up to sign (scikit-learn flips by U, we by the largest loading).
        double[][] sk = Golden.matrix(GOLDEN.get("components"));
        double[][] scores = Golden.matrix(GOLDEN.get("transformed_first5"));
        for (int c = 0; c < sk.length; c++) {
            double[] ours = p.component(c);
            double dot = 0;
            for (int j = 0; j < ours.length; j++) {
                dot += ours[j] * sk[c][j];
            }
            double sign = Math.signum(dot);
            for (int j = 0; j < ours.length; j++) {
                Tolerance.assertRelClose(ours[j], sign * sk[c][j], 1e-6, 1, "component " + c + " entry " + j);
            }
            for (int i = 0; i < 5; i++) {
                Tolerance.assertRelClose(p.transform(X[i])[c], sign * scores[i][c], 1e-6, 1, "score " + i + "," + c);
            }
        }
    }

    @Test
    void signConventionLargestLoadingPositive() {
        PcaResult p = Pca.fit(X);
        for (double[] comp : p.components()) {
            int arg = 0;
            for (int j = 1; j < comp.length; j++) {
                if (Math.abs(comp[j]) > Math.abs(comp[arg])) {
                    arg = j;
                }
            }
            assertThat(comp[arg]).isPositive();
        }
    }

    @Test
    void deterministicAcrossThreadCountsAndRebuildable() {
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            double[][] big = new double[9000][];
            for (int i = 0; i < big.length; i++) {
                big[i] = X[i % X.length].clone();
                big[i][0] += i * 1e-3;
            }
            PcaResult a = Pca.fit(big, one);
            PcaResult b = Pca.fit(big);
            assertThat(b.explainedVariance()).containsExactly(a.explainedVariance());
            assertThat(b.components()).isDeepEqualTo(a.components());
            PcaResult copy = PcaResult.of(a.mean(), a.components(), a.explainedVariance(), a.samples());
            assertThat(copy.transform(big[5])).containsExactly(a.transform(big[5]));
            assertThat(a.transform(big, 2)[5]).containsExactly(a.transform(big[5], 2));
        } finally {
            one.shutdown();
        }
    }

    @Test
    void describesComponentsByTopLoadings() {
        double[][] rows = new double[200][];
        for (int i = 0; i < rows.length; i++) {
            double t = i - 100;
            double w = Math.sin(i * 0.7);
            // Component 1 is mostly +c_rms and +std, with mean moving against them.
            rows[i] = new double[] {-0.5 * t + w, 2 * t, 1.5 * t, 0.1 * w};
        }
        PcaResult p = Pca.fit(rows);
        ComponentDescriber describer = new ComponentDescriber(List.of("mean", "c_rms", "std", "noise"), 3);
        assertThat(describer.describe(p, 0)).isEqualTo("+c_rms +std -mean");
        assertThat(describer.describeAll(p)).hasSize(4);
        assertThatThrownBy(() -> new ComponentDescriber(List.of("a"), 0)).hasMessage("top is 0, must be >= 1");
        assertThatThrownBy(() -> new ComponentDescriber(List.of("a", "b"), 1).describe(p, 0))
                .hasMessage("PCA has 4 features but 2 names were given");
    }

    @Test
    void rejectsNaN() {
        double[][] bad = {{1, 2}, {3, 4}, {5, Double.NaN}};
        assertThatThrownBy(() -> Pca.fit(bad)).hasMessage("row 2 column 1 is NaN");
    }
}
