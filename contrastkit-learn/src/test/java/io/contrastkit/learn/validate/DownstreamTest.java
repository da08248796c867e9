package io.contrastkit.learn.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DownstreamTest {

    /**
     * scikit-learn 1.2.1 cross_val_score of StandardScaler + KNeighborsClassifier(5) and of StandardScaler +
     * LogisticRegression(C=1) on the stored folds, made by golden/validate/downstream.py.
     */
    @Test
    void matchesScikitLearnOnPredefinedFolds() {
        JsonNode golden = Golden.json("golden/validate/downstream.json");
        assertThat(golden.get("source").asText()).isEqualTo("scikit-learn 1.2.1");
        for (JsonNode c : golden.get("cases")) {
            String name = c.get("name").asText();
            double[][] x = Golden.matrix(c.get("x"));
            int[] y = Golden.ints(c.get("y"));
            int[] folds = Golden.ints(c.get("folds"));
            Downstream.Result knn = Downstream.crossValidate(x, y, folds, Downstream.Options.defaults());
            assertThat(knn.foldAccuracies()).as(name + " knn")
                    .containsExactly(Golden.vector(c.get("knn_folds")), within(1e-12));
            Downstream.Result logistic = Downstream.crossValidate(x, y, folds,
                    Downstream.Options.defaults().withClassifier(Downstream.Classifier.LOGISTIC));
            assertThat(logistic.foldAccuracies()).as(name + " logistic")
                    .containsExactly(Golden.vector(c.get("logistic_folds")), within(1e-12));
        }
    }

    @Test
    void stratifiedFoldsAreSeededAndBalanced() {
        int[] labels = new int[103];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 7 == 0 ? 9 : i % 3;
        }
        int[] a = Downstream.stratifiedFolds(labels, 5, 1);
        assertThat(Downstream.stratifiedFolds(labels, 5, 1)).isEqualTo(a);
        assertThat(Downstream.stratifiedFolds(labels, 5, 2)).isNotEqualTo(a);
        int[] size = new int[5];
        for (int f : a) {
            size[f]++;
        }
        assertThat(java.util.Arrays.stream(size).max().getAsInt() - java.util.Arrays.stream(size).min().getAsInt())
                .isLessThanOrEqualTo(1);
        for (int label : new int[] {0, 1, 2, 9}) {
            int[] perFold = new int[5];
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    perFold[a[i]]++;
                }
            }
            assertThat(java.util.Arrays.stream(perFold).max().getAsInt() - java.util.Arrays.stream(perFold).min().getAsInt())
                    .as("label " + label).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void comparesAnInformativeInputWithNoiseOnTheSameFolds() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 200;
        int[] labels = new int[n];
        double[][] informative = new double[n][2];
        double[][] noise = new double[n][2];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            informative[i][0] = labels[i] * 3 + r.nextDouble();
            informative[i][1] = r.nextDouble();
            noise[i][0] = r.nextDouble();
            noise[i][1] = r.nextDouble();
        }
        Downstream.Comparison c = Downstream.compare(informative, noise, labels, Downstream.Options.defaults());
        assertThat(c.first().accuracy()).isEqualTo(1.0);
        assertThat(c.second().accuracy()).isBetween(0.3, 0.7);
        assertThat(c.difference()).isGreaterThan(0.3);
        assertThat(c.first().majorityBaseline()).isEqualTo(0.5);
        assertThat(Downstream.compare(informative, noise, labels, Downstream.Options.defaults())).isEqualTo(c);
    }

    @Test
    void rejectsBadInput() {
        double[][] x = {{1}, {2}, {3}, {4}};
        assertThatThrownBy(() -> Downstream.crossValidate(x, new int[] {0, 1, 0}, Downstream.Options.defaults()))
                .hasMessageContaining("4 rows but there are 3 labels");
        assertThatThrownBy(() -> Downstream.crossValidate(new double[][] {{1}, {Double.NaN}}, new int[] {0, 1},
                Downstream.Options.defaults())).hasMessage("row 1 column 0 is NaN");
        assertThatThrownBy(() -> Downstream.crossValidate(x, new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 7},
                new Downstream.Options(Downstream.Classifier.KNN, 2, 1, 1, 0))).hasMessage("foldOf[3] is 7, outside 0..1");
        assertThatThrownBy(() -> new Downstream.Options(Downstream.Classifier.KNN, 1, 5, 1, 0)).hasMessageContaining("folds");
    }
}
