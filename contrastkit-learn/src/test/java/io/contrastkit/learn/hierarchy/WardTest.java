package io.contrastkit.learn.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import io.contrastkit.testing.Tolerance;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WardTest {
    // scipy 1.10.1 scipy.cluster.hierarchy.linkage(X, 'ward') and fcluster(Z, t, 'maxclust') - 1;
    // made by golden/make_golden.py ward()
    private static final JsonNode GOLDEN = Golden.json("golden/ward.json");
    private static final double[][] X = Golden.matrix(GOLDEN.get("X"));

    @Test
    void linkageMatchesScipy() {
        assertThat(GOLDEN.get("versions").get("scipy").asText()).isEqualTo("1.10.1");
        WardResult w = Ward.fit(X, WardOptions.defaults(0));
        assertThat(w.exact()).isTrue();
        double[][] z = w.linkage();
        double[][] expected = Golden.matrix(GOLDEN.get("linkage"));
        assertThat(z).hasSameDimensionsAs(expected);
        for (int r = 0; r < z.length; r++) {
            assertThat(z[r][0]).as("row %d a", r).isEqualTo(expected[r][0]);
            assertThat(z[r][1]).as("row %d b", r).isEqualTo(expected[r][1]);
            Tolerance.assertRelClose(z[r][2], expected[r][2], 1e-9, 0, "row " + r + " height");
            assertThat(z[r][3]).as("row %d count", r).isEqualTo(expected[r][3]);
        }
    }

    @Test
    void cutsMatchScipyMaxclust() {
        WardResult w = Ward.fit(X, new WardOptions(4000, 1000, 3, 5, 0));
        assertThat(w.coarseLabels()).containsExactly(Golden.ints(GOLDEN.get("maxclust3")));
        assertThat(w.fineLabels()).containsExactly(Golden.ints(GOLDEN.get("maxclust5")));
        assertThat(w.cut(12)).containsExactly(Golden.ints(GOLDEN.get("maxclust12")));
        assertThat(w.cut(1)).containsOnly(0);
    }

    @Test
    void tiedHeightsCutLikeScipy() {
        // scipy 1.10.1: linkage([[0],[0],[1],[1],[5]], 'ward'); fcluster(Z, t, 'maxclust') for t = 2, 3, 4, 5
        // -> [1 1 1 1 2], [1 1 2 2 3], [1 1 2 2 3], [1 1 2 2 3]
        WardResult w = Ward.fit(new double[][] {{0}, {0}, {1}, {1}, {5}}, new WardOptions(10, 2, 2, 3, 0));
        assertThat(w.linkage()[2][2]).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w.cut(2)).containsExactly(0, 0, 0, 0, 1);
        assertThat(w.cut(3)).containsExactly(0, 0, 1, 1, 2);
        assertThat(w.cut(4)).containsExactly(0, 0, 1, 1, 2);
        assertThat(w.cut(5)).containsExactly(0, 0, 1, 1, 2);
    }

    @Test
    void microClusterWardRecoversWellSeparatedBlobs() {
        int n = 6000;
        int blobs = 5;
        SplittableRandom rng = new SplittableRandom(8);
        double[][] x = new double[n][3];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % blobs;
            for (int t = 0; t < 3; t++) {
                x[i][t] = 40.0 * ((truth[i] >> t) & 1) + 25.0 * (truth[i] == 4 ? 1 : 0) + rng.nextGaussian();
            }
        }
        WardResult w = Ward.fit(x, new WardOptions(1000, 200, 3, 5, 1));
        assertThat(w.exact()).isFalse();
        assertThat(w.leafCount()).isLessThanOrEqualTo(200);
        assertThat(w.pointCount()).isEqualTo(n);
        double[][] z = w.linkage();
        assertThat(z[z.length - 1][3]).isEqualTo(n); // counts are in original rows
        for (int r = 1; r < z.length; r++) {
            assertThat(z[r][2]).isGreaterThanOrEqualTo(z[r - 1][2]);
        }
        assertSamePartition(w.fineLabels(), truth);
        assertThat(Ward.fit(x, new WardOptions(1000, 200, 3, 5, 1)).linkage()).isDeepEqualTo(z);
    }

    @Test
    void validatesOptionsAndData() {
        assertThatThrownBy(() -> new WardOptions(4000, 1000, 5, 3, 0))
                .hasMessage("fineClusters is 3, must be >= coarseClusters (5)");
        assertThatThrownBy(() -> new WardOptions(1, 1000, 3, 5, 0)).hasMessage("exactThreshold is 1, must be >= 2");
        assertThatThrownBy(() -> new WardOptions(10, 1, 3, 5, 0)).hasMessage("microClusters is 1, must be >= 2");
        double[][] bad = {{0, 0}, {1, Double.POSITIVE_INFINITY}};
        assertThatThrownBy(() -> Ward.fit(bad, WardOptions.defaults(0))).hasMessage("row 1 column 1 is Infinity");
        WardResult w = Ward.fit(X, WardOptions.defaults(0));
        assertThatThrownBy(() -> w.cut(0)).hasMessage("clusters is 0, must be >= 1");
    }

    private static void assertSamePartition(int[] labels, int[] truth) {
        Map<Integer, Integer> map = new HashMap<>();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < labels.length; i++) {
            Integer prev = map.putIfAbsent(truth[i], labels[i]);
            if (prev == null) {
                assertThat(used.add(labels[i])).as("label %d used by two blobs", labels[i]).isTrue();
            } else {
                assertThat(labels[i]).as("row %d", i).isEqualTo(prev);
            }
        }
    }
}
