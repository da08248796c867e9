package io.contrastkit.learn.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TsnePlaceTest {

    private static final int PER_BLOB = 75;
    private static double[][] x;
    private static TsneMap map;

    @BeforeAll
    static void fit() {
        x = Blobs.rows(Blobs.SEED, PER_BLOB);
        map = Tsne.fit(x, Tsne.pcaInit(x), TsneOptions.defaults());
    }

    @Test
    void fittedRowsLandNearTheirOwnPositions() {
        double[][] y = map.embedding();
        double median = medianNearestNeighbourDistance(y);
        double[][] own = Arrays.copyOfRange(x, 0, 4 * PER_BLOB);
        double[][] placed = map.place(own);
        double[] moved = new double[placed.length];
        for (int i = 0; i < placed.length; i++) {
            moved[i] = Math.hypot(placed[i][0] - y[i][0], placed[i][1] - y[i][1]);
        }
        Arrays.sort(moved);
        // Every fitted row comes back within the typical spacing of the map; most come back much closer.
        assertThat(moved[moved.length - 1]).as("largest move vs median NN distance %.4f", median).isLessThan(median);
        assertThat(moved[moved.length / 2]).isLessThan(median / 2);
    }

    @Test
    void newPointsOfABlobLandInsideThatBlob() {
        double[][] y = map.embedding();
        int[] labels = Blobs.labels(PER_BLOB);
        double[][] centres = Blobs.centres(y, labels);
        double[] radius = new double[Blobs.COUNT];
        for (int i = 0; i < y.length; i++) {
            double r = Math.hypot(y[i][0] - centres[labels[i]][0], y[i][1] - centres[labels[i]][1]);
            radius[labels[i]] = Math.max(radius[labels[i]], r);
        }
        double[][] fresh = Blobs.rows(Blobs.SEED + 1, 10);
        int[] freshLabels = Blobs.labels(10);
        double[][] placed = map.place(fresh);
        for (int i = 0; i < placed.length; i++) {
            int b = freshLabels[i];
            assertThat(Blobs.nearest(centres, placed[i])).as("new point %d of blob %d", i, b).isEqualTo(b);
            assertThat(Math.hypot(placed[i][0] - centres[b][0], placed[i][1] - centres[b][1]))
                    .as("new point %d within blob %d's radius", i, b).isLessThanOrEqualTo(radius[b]);
        }
    }

    @Test
    void placingLeavesTheMapAloneAndIsIndependentPerPoint() {
        double[][] before = map.embedding();
        double[][] fresh = Blobs.rows(Blobs.SEED + 2, 5);
        double[][] batch = map.place(fresh, 3);
        assertThat(map.embedding()).isDeepEqualTo(before);
        // Each point is placed against the fixed map only: alone, in a batch, on any thread count, the same.
        assertThat(map.place(new double[][] {fresh[7]}, 1)[0]).containsExactly(batch[7]);
        assertThat(map.place(fresh, 1)).isDeepEqualTo(batch);
    }

    @Test
    void embeddingIsACopy() {
        double[][] y = map.embedding();
        y[0][0] = 1e9;
        assertThat(map.embedding()[0][0]).isNotEqualTo(1e9);
    }

    @Test
    void restoredMapPlacesLikeTheFittedOne() {
        TsneMap restored = TsneMap.restore(map.rows(), map.embedding(), map.options());
        double[][] fresh = Blobs.rows(Blobs.SEED + 3, 3);
        assertThat(restored.place(fresh)).isDeepEqualTo(map.place(fresh));
    }

    @Test
    void rejectsRowsOfAnotherWidthOrWithNaN() {
        assertThatThrownBy(() -> map.place(new double[][] {new double[3]}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newRows row 0 has 3 columns, expected " + Blobs.DIMENSIONS);
        double[][] bad = Blobs.rows(Blobs.SEED, 1);
        bad[2][5] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> map.place(bad)).hasMessage("newRows row 2 column 5 is Infinity");
    }

    private static double medianNearestNeighbourDistance(double[][] y) {
        double[] nn = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.length; j++) {
                if (j != i) {
                    best = Math.min(best, Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]));
                }
            }
            nn[i] = best;
        }
        Arrays.sort(nn);
        return nn[nn.length / 2];
    }
}
