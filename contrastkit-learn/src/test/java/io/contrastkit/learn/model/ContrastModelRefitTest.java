package io.contrastkit.learn.model;

import static io.contrastkit.core.FeatureSchema.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The online refit (warm-started k-means, matched groups, refitted calibrations) and the PSI drift. */
class ContrastModelRefitTest {

    private static final Provenance.Source SOURCE = new Provenance.Source("test", "served", "2026-01-01T00:00:00Z");

    private static ContrastModel trained() {
        return ContrastModelTrainer.fit(ContrastModelTest.blobs(1), null, V1,
                ContrastModelOptions.defaults().withK(3), 7, SOURCE).model();
    }

    /** Rows from the training blobs' recipe (another seed), shifted by {@code shift} on every feature. */
    private static double[][] served(long seed, double shift) {
        double[][] rows = ContrastModelTest.blobs(seed);
        double[][] out = Arrays.copyOf(rows, rows.length - 2);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += shift;
            }
        }
        return out;
    }

    @Test
    void aRefitOnLikeImagesKeepsGroupsNamesAndAnswers() {
        ContrastModel m = trained();
        double[][] rows = served(2, 0);
        ContrastModel r = ContrastModelRefit.refit(m, rows, SOURCE);
        assertThat(r.id()).isNotEqualTo(m.id());
        assertThat(r.groups()).extracting(GroupProfile::name).isEqualTo(m.groups().stream().map(GroupProfile::name)
                .toList());
        assertThat(r.provenance().options()).containsEntry("refit_of", m.id()).containsEntry("refit_rows", rows.length);
        int same = 0;
        for (double[] row : rows) {
            if (m.predict(row).group() == r.predict(row).group()) {
                same++;
            }
        }
        assertThat(same).as("the same images, the same groups").isEqualTo(rows.length);
        assertThat(r.groups().stream().mapToInt(GroupProfile::size).sum()).isEqualTo(rows.length);
        // The refitted model round-trips through its JSON form like any other.
        assertThat(ContrastModel.fromJson(r.toJson(), "refit").id()).isEqualTo(r.id());
    }

    @Test
    void aRefitMovesCentroidsPartWayTowardsShiftedImagesAndMatchesEachToItsPredecessor() {
        ContrastModel m = trained();
        double[][] before = m.clustering().centroids();
        ContrastModel r = ContrastModelRefit.refit(m, served(3, 0.4), SOURCE);
        double[][] after = r.clustering().centroids();
        for (int g = 0; g < before.length; g++) {
            int nearest = Vectors.nearest(before, after[g]);
            assertThat(nearest).as("group " + g + " stays matched to its predecessor").isEqualTo(g);
            assertThat(Vectors.sqDist(before[g], after[g])).as("group " + g + " moved").isPositive();
        }
        assertThat(ContrastModelRefit.match(before, new double[][] {before[2], before[0], before[1]}))
                .isDeepEqualTo(before);
    }

    @Test
    void tooFewRowsAreRefused() {
        ContrastModel m = trained();
        assertThatThrownBy(() -> ContrastModelRefit.refit(m, new double[3][V1.size()], SOURCE))
                .hasMessageContaining("at least " + ContrastModelRefit.MIN_ROWS);
    }

    @Test
    void psiIsSmallForLikeImagesAndLargeForShiftedOnes() {
        ContrastModel m = trained();
        FeatureDrift drift = FeatureDrift.of(m);
        double[] like = drift.psi(served(4, 0));
        double[] shifted = drift.psi(served(4, 2.0));
        assertThat(like).hasSize(V1.size());
        for (int j = 0; j < V1.size(); j++) {
            assertThat(like[j]).as(V1.names().get(j)).isLessThan(0.5);
            assertThat(shifted[j]).as(V1.names().get(j)).isGreaterThan(1.0).isGreaterThan(like[j]);
        }
        assertThat(drift.psi(new double[0][])).containsOnly(Double.NaN);
        // The textbook case: training shares 0.5/0.5, served 0.9/0.1.
        assertThat(FeatureDrift.psi(new double[] {0.5, 0.5}, new double[] {0.9, 0.1}))
                .isCloseTo(0.4 * Math.log(1.8) - 0.4 * Math.log(0.2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(FeatureDrift.shares(new double[] {0, 1, 1, 2, 5}, new double[] {1, 3})).containsExactly(0.6, 0.2, 0.2);
    }
}
