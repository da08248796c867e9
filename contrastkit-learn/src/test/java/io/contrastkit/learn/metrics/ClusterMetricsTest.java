package io.contrastkit.learn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import io.contrastkit.testing.Tolerance;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ClusterMetricsTest {
    // scikit-learn 1.2.1 (silhouette_score, silhouette_samples, davies_bouldin_score,
    // calinski_harabasz_score), numpy 1.24.2; made by golden/make_golden.py metrics()
    private static final JsonNode GOLDEN = Golden.json("golden/metrics.json");

    @Test
    void matchesScikitLearnToOneInABillion() {
        assertThat(GOLDEN.get("versions").get("sklearn").asText()).isEqualTo("1.2.1");
        for (JsonNode c : GOLDEN.get("cases")) {
            String name = c.get("name").asText();
            double[][] x = Golden.matrix(c.get("X"));
            int[] labels = Golden.ints(c.get("labels"));
            Tolerance.assertRelClose(ClusterMetrics.silhouette(x, labels), c.get("silhouette").asDouble(), 1e-9, 1e-12,
                    name + " silhouette");
            Tolerance.assertRelClose(ClusterMetrics.daviesBouldin(x, labels), c.get("davies_bouldin").asDouble(), 1e-9, 0,
                    name + " davies-bouldin");
            Tolerance.assertRelClose(ClusterMetrics.calinskiHarabasz(x, labels), c.get("calinski_harabasz").asDouble(), 1e-9,
                    0, name + " calinski-harabasz");
            double[] samples = ClusterMetrics.silhouetteSamples(x, labels, null);
            double[] expected = Golden.vector(c.get("silhouette_samples"));
            for (int i = 0; i < samples.length; i++) {
                Tolerance.assertRelClose(samples[i], expected[i], 1e-9, 1e-6, name + " silhouette sample " + i);
            }
        }
    }

    @Test
    void singletonClusterHasSilhouetteZero() {
        JsonNode c = GOLDEN.get("cases").get(2);
        double[] s = ClusterMetrics.silhouetteSamples(Golden.matrix(c.get("X")), Golden.ints(c.get("labels")), null);
        assertThat(s[17]).isEqualTo(0.0);
    }

    @Test
    void sameResultOnOneThreadAndMany() {
        JsonNode c = GOLDEN.get("cases").get(0);
        double[][] x = Golden.matrix(c.get("X"));
        int[] labels = Golden.ints(c.get("labels"));
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool four = new ForkJoinPool(4);
        try {
            assertThat(ClusterMetrics.silhouette(x, labels, one)).isEqualTo(ClusterMetrics.silhouette(x, labels, four));
        } finally {
            one.shutdown();
            four.shutdown();
        }
    }

    @Test
    void symmetricAndFullPairwisePathsAgree() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        double[][] x = new double[1000][7];
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            labels[i] = rng.nextInt(5) * 7; // sparse label values, clusters interleaved in row order
            for (int t = 0; t < 7; t++) {
                x[i][t] = rng.nextDouble() + labels[i] * 0.05;
            }
        }
        ForkJoinPool three = new ForkJoinPool(3);
        try {
            double[] sym = ClusterMetrics.silhouetteSamples(x, labels, null, true);
            double[] full = ClusterMetrics.silhouetteSamples(x, labels, null, false);
            assertThat(ClusterMetrics.silhouetteSamples(x, labels, three, true)).containsExactly(sym);
            assertThat(ClusterMetrics.silhouetteSamples(x, labels, three, false)).containsExactly(full);
            for (int i = 0; i < x.length; i++) {
                Tolerance.assertRelClose(sym[i], full[i], 1e-11, 1e-6, "row " + i);
            }
        } finally {
            three.shutdown();
        }
    }

    @Test
    void sampledSilhouetteIsSeededAndCloseToExact() {
        JsonNode c = GOLDEN.get("cases").get(0);
        double[][] x = Golden.matrix(c.get("X"));
        int[] labels = Golden.ints(c.get("labels"));
        double a = ClusterMetrics.silhouette(x, labels, 200, 5L, null);
        double b = ClusterMetrics.silhouette(x, labels, 200, 5L, null);
        assertThat(a).isEqualTo(b);
        assertThat(a).isCloseTo(c.get("silhouette").asDouble(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(ClusterMetrics.silhouette(x, labels, 10_000, 5L, null)).isEqualTo(ClusterMetrics.silhouette(x, labels));
    }

    @Test
    void rejectsBadInputNamingThePlace() {
        double[][] x = {{0, 1}, {1, 2}, {2, 3}, {3, Double.NaN}};
        assertThatThrownBy(() -> ClusterMetrics.silhouette(x, new int[] {0, 0, 1, 1}))
                .hasMessage("row 3 column 1 is NaN");
        double[][] ok = {{0, 1}, {1, 2}, {2, 3}};
        assertThatThrownBy(() -> ClusterMetrics.daviesBouldin(ok, new int[] {0, 0, 0}))
                .hasMessageContaining("number of distinct labels is 1");
        assertThatThrownBy(() -> ClusterMetrics.calinskiHarabasz(ok, new int[] {0, 1}))
                .hasMessageContaining("labels has 2 entries but rows has 3");
    }
}
