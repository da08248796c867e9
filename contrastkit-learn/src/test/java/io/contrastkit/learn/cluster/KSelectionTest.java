package io.contrastkit.learn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KSelectionTest {
    @Test
    void findsTheNumberOfWellSeparatedBlobs() {
        double[][] x = KMeansTest.blobs(1200, 5, 4, 9L);
        KSelection.Result r = KSelection.select(x, new KSelectionOptions(2, 8, 3, 300, 1e-4, 1, 10_000));
        assertThat(r.chosenK()).isEqualTo(4);
        assertThat(r.scores()).extracting(KSelection.Score::k).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(r.reason()).startsWith("k=4: highest silhouette");
        assertThat(r.silhouetteSampled()).isFalse();
        assertThat(r.chosen().k()).isEqualTo(4);
        KSelection.Score s4 = r.scores().get(2);
        assertThat(s4.daviesBouldin()).isPositive();
        assertThat(s4.calinskiHarabasz()).isPositive();
    }

    @Test
    void samplesTheSilhouetteForLargeInputAndSaysSo() {
        double[][] x = KMeansTest.blobs(900, 3, 3, 4L);
        KSelection.Result r = KSelection.select(x, new KSelectionOptions(2, 4, 1, 100, 1e-4, 1, 300));
        assertThat(r.silhouetteSampled()).isTrue();
        assertThat(r.reason()).contains("seeded sample of 300 of 900 rows");
        assertThat(r.chosenK()).isEqualTo(3);
        KSelection.Result again = KSelection.select(x, new KSelectionOptions(2, 4, 1, 100, 1e-4, 1, 300));
        assertThat(again.scores()).isEqualTo(r.scores());
    }

    @Test
    void validatesOptions() {
        assertThatThrownBy(() -> new KSelectionOptions(1, 5, 1, 10, 1e-4, 0, 100)).hasMessage("minK is 1, must be >= 2");
        assertThatThrownBy(() -> new KSelectionOptions(4, 3, 1, 10, 1e-4, 0, 100))
                .hasMessage("maxK is 3, must be >= minK (4)");
        assertThatThrownBy(() -> new KSelectionOptions(2, 3, 0, 10, 1e-4, 0, 100)).hasMessage("nInit is 0, must be >= 1");
    }
}
