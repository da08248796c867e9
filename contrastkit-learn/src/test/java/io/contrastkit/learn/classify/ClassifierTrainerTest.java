package io.contrastkit.learn.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {

    private static final List<ClassifierTrainer> TRAINERS = List.of(
            new KnnTrainer(KnnOptions.defaults()),
            new KnnTrainer(new KnnOptions(3, KnnOptions.VoteTies.NEAREST_EXAMPLE, false)),
            new LogisticTrainer(LogisticOptions.defaults()),
            new LogisticTrainer(new LogisticOptions(1, LogisticOptions.Solver.GRADIENT_DESCENT, 3000, false)));

    /** Two or three well separated 2-D blobs, labelled 10, 20, 30 (labels need not be 0..k-1). */
    private static double[][] blobs(int n, int groups, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            int g = i % groups;
            labels[i] = 10 * (g + 1);
            x[i] = new double[] {5.0 * g + 0.3 * r.nextGaussian(), 100 + 0.3 * r.nextGaussian()};
        }
        return x;
    }

    @Test
    void everyTrainerSeparatesBlobsAndGivesProbabilities() {
        for (int groups = 2; groups <= 3; groups++) {
            int[] y = new int[60];
            double[][] x = blobs(60, groups, groups, y);
            for (ClassifierTrainer t : TRAINERS) {
                Classifier c = t.fit(x, y);
                assertThat(c.columns()).isEqualTo(2);
                assertThat(c.classes()).hasSize(groups).startsWith(10, 20);
                for (int i = 0; i < x.length; i++) {
                    Classifier.Prediction p = c.classify(x[i]);
                    assertThat(p.label()).as(t + " row " + i).isEqualTo(y[i]);
                    assertThat(c.classes()[p.classIndex()]).isEqualTo(p.label());
                    assertThat(p.confidence()).isEqualTo(p.probabilities()[p.classIndex()]);
                    assertThat(java.util.Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, within(1e-12));
                    assertThat(c.predict(x[i])).isEqualTo(p.label());
                }
            }
        }
    }

    @Test
    void aFittedClassifierKeepsCopiesAndTheTrainerFitsAgain() {
        int[] y = new int[20];
        double[][] x = blobs(20, 2, 1, y);
        double[] probe = {2.0, 100};
        for (ClassifierTrainer t : TRAINERS) {
            Classifier c = t.fit(x, y);
            double[] before = c.probabilities(probe);
            double[][] x2 = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                x2[i] = x[i].clone();
            }
            int[] y2 = y.clone();
            Classifier again = t.fit(x2, y2);
            for (double[] row : x2) {
                row[0] = -row[0];
            }
            y2[0] = 99;
            c.classes()[0] = 99;
            assertThat(c.probabilities(probe)).as(t.toString()).containsExactly(before);
            assertThat(again.probabilities(probe)).as(t.toString()).containsExactly(before);
            assertThat(c.classes()).containsExactly(10, 20);
        }
    }

    @Test
    void knnVoteTiesFollowTheOption() {
        // one example per label: every vote ties, so the lowest label or the nearest example wins
        double[][] x = {{0.0}, {1.0}};
        int[] y = {7, 3};
        Classifier lowest = new KnnTrainer(new KnnOptions(5, KnnOptions.VoteTies.LOWEST_LABEL, false)).fit(x, y);
        Classifier nearest = new KnnTrainer(new KnnOptions(5, KnnOptions.VoteTies.NEAREST_EXAMPLE, false)).fit(x, y);
        assertThat(lowest.predict(new double[] {0.1})).isEqualTo(3);
        assertThat(nearest.predict(new double[] {0.1})).isEqualTo(7);
        assertThat(nearest.predict(new double[] {0.9})).isEqualTo(3);
        assertThat(nearest.probabilities(new double[] {0.1})).containsExactly(0.5, 0.5);
        // equal distances: the earlier training row counts as nearer
        assertThat(nearest.predict(new double[] {0.5})).isEqualTo(7);
    }

    @Test
    void aSingleClassIsAlwaysPredicted() {
        double[][] x = {{0.0, 1}, {1.0, 2}};
        int[] y = {4, 4};
        for (ClassifierTrainer t : TRAINERS) {
            Classifier.Prediction p = t.fit(x, y).classify(new double[] {5, 5});
            assertThat(p.label()).isEqualTo(4);
            assertThat(p.probabilities()).containsExactly(1.0);
        }
    }

    @Test
    void badInputAndOptionsSayWhat() {
        ClassifierTrainer t = new KnnTrainer(KnnOptions.defaults());
        assertThatThrownBy(() -> t.fit(new double[][] {{1}, {Double.NaN}}, new int[] {0, 1}))
                .hasMessage("row 1 column 0 is NaN");
        assertThatThrownBy(() -> t.fit(new double[][] {{1}, {2}}, new int[] {0}))
                .hasMessage("rows has 2 rows but there are 1 labels");
        Classifier c = t.fit(new double[][] {{1, 2}, {2, 3}}, new int[] {0, 1});
        assertThatThrownBy(() -> c.classify(new double[] {1})).hasMessage("row has 1 columns, expected 2");
        assertThatThrownBy(() -> new KnnOptions(0, KnnOptions.VoteTies.LOWEST_LABEL, true)).hasMessageContaining("neighbours");
        assertThatThrownBy(() -> new LogisticOptions(0, LogisticOptions.Solver.NEWTON, 1, true)).hasMessageContaining("(C)");
        assertThatThrownBy(() -> new LogisticOptions(1, LogisticOptions.Solver.NEWTON, 0, true))
                .hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> new KnnTrainer(null)).hasMessageContaining("options");
    }

    @Test
    void crossValidationHoldsEachFoldOut() {
        int[] y = new int[30];
        double[][] x = blobs(30, 3, 4, y);
        int[] folds = CrossValidation.stratifiedFolds(y, 5, new SplittableRandom(9));
        assertThat(CrossValidation.stratifiedFolds(y, 5, new SplittableRandom(9))).isEqualTo(folds);
        // the second column is noise that standardisation weighs like the first, so k-NN would miss a few
        double[] acc = CrossValidation.foldAccuracies(new LogisticTrainer(LogisticOptions.defaults()), x, y, folds, 5);
        assertThat(acc).containsExactly(1, 1, 1, 1, 1);
        assertThat(CrossValidation.mean(new double[] {0.5, 1})).isEqualTo(0.75);
        assertThatThrownBy(() -> CrossValidation.foldAccuracies(new KnnTrainer(KnnOptions.defaults()), x, y,
                new int[30], 2)).hasMessageContaining("fold 0 holds 30 of 30 rows");
    }
}
