package io.contrastkit.learn.model;

import static io.contrastkit.core.FeatureSchema.V1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How k is chosen: stable, useful group sizes, the range widened, duplicates fitted once. */
class KChoiceTest {

    private static final Provenance.Source SOURCE = new Provenance.Source("test", "k", "2024-01-01T00:00:00Z");

    /** {@code blobs} well separated round blobs of {@code per} rows each, centres drawn in all features. */
    static double[][] blobs(int blobs, int per, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centre = new double[blobs][V1.size()];
        for (double[] c : centre) {
            for (int j = 0; j < c.length; j++) {
                c[j] = 10 * r.nextGaussian();
            }
        }
        double[][] x = new double[blobs * per][];
        for (int b = 0; b < blobs; b++) {
            for (int i = 0; i < per; i++) {
                double[] row = new double[V1.size()];
                for (int j = 0; j < row.length; j++) {
                    row[j] = centre[b][j] + r.nextGaussian();
                }
                x[b * per + i] = row;
            }
        }
        return x;
    }

    private static ContrastModelFit fit(double[][] x, ContrastModelOptions o) {
        return ContrastModelTrainer.fit(x, null, V1, o.withFeatures(List.of()).withMapSample(100), 3L, SOURCE);
    }

    @Test
    void widensTheRangeWhenTheBestKIsAtItsTopAndSaysSo() {
        ContrastModelFit f = fit(blobs(6, 12, 1), ContrastModelOptions.defaults().withKRange(2, 4));
        Clustering c = f.model().clustering();
        assertThat(c.k()).isEqualTo(6);
        assertThat(c.reason()).contains("widened from ..4").contains("stable");
        assertThat(c.tradeoff()).extracting(KChoice.Tradeoff::k).contains(2, 3, 4, 5, 6, 7, 8);
        KChoice.Tradeoff six = c.tradeoff().stream().filter(t -> t.k() == 6).findFirst().orElseThrow();
        assertThat(six.bootstrapAri()).isGreaterThanOrEqualTo(0.8);
        assertThat(six.stable()).isTrue();
    }

    @Test
    void oneBlobIsSaidPlainly() {
        double[][] x = blobs(1, 60, 2);
        ContrastModelFit f = fit(x, ContrastModelOptions.defaults());
        String reason = f.model().clustering().reason();
        assertThat(reason).satisfiesAnyOf(r -> assertThat(r).contains("no stable k"), r -> assertThat(r).contains("one blob"));
    }

    @Test
    void duplicatesAreFittedOnceAndKNeverPassesTheDistinctRows() {
        double[][] base = blobs(3, 3, 4); // 9 distinct rows, as in 13 images of which 4 are copies of one
        List<double[]> rows = new ArrayList<>(List.of(base));
        for (int i = 0; i < 4; i++) {
            rows.add(base[0].clone()); // four copies of one file
        }
        ContrastModelFit f = fit(rows.toArray(new double[0][]), ContrastModelOptions.defaults());
        Clustering c = f.model().clustering();
        assertThat(c.table()).allSatisfy(s -> assertThat(s.k()).isLessThanOrEqualTo(8));
        assertThat(c.reason()).contains("4 exact duplicates were fitted once (9 distinct of 13 images)");
        assertThat(f.predictions()).hasSize(13);
        for (int i = 9; i < 13; i++) {
            assertThat(f.predictions().get(i)).isEqualTo(f.predictions().get(0));
        }
        // the copies do not push real rows to the top of the anomaly scale (0.1.0 gave four of them 1.0)
        assertThat(f.predictions().subList(1, 9)).allSatisfy(p -> assertThat(p.anomalyScore()).isLessThan(0.99));
        // the 0.1.0 recipe still fits every row as it is
        ContrastModelFit old = ContrastModelTrainer.fit(rows.toArray(new double[0][]), null, V1,
                ContrastModelOptions.v01().withK(3).withMapSample(100), 3L, SOURCE);
        assertThat(old.model().clustering().reason()).doesNotContain("duplicates");
        assertThat(old.model().clustering().tradeoff()).isEmpty();
    }
}
