package io.contrastkit.learn.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.contrastkit.testing.Golden;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TsneTest {

    @Test
    void trustworthinessAtLeastScikitLearnsOnTheMixture() {
        // sklearn 1.2.1 TSNE(perplexity=30, init="pca", learning_rate="auto"), trustworthiness k=10, best of
        // random_state 0..2 (quality.json, make_golden.py); the 1000 rows are sk_bench.py make N=1000 seed 7.
        double[][] x = Golden.f64("golden/tsne/mixture_1000.f64", 20);
        assertThat(x).hasNumberOfRows(1000);
        JsonNode golden = Golden.json("golden/tsne/quality.json").get("trustworthiness_k10");
        double sklearn = 0;
        for (Iterator<JsonNode> it = golden.elements(); it.hasNext(); ) {
            sklearn = Math.max(sklearn, it.next().doubleValue());
        }
        TsneMap map = Tsne.fit(x, Tsne.pcaInit(x), TsneOptions.defaults());
        double ours = Trustworthiness.of(x, map.embedding(), 10);
        assertThat(ours).as("ours %.5f vs scikit-learn %.5f", ours, sklearn).isGreaterThanOrEqualTo(sklearn - 0.005);
        assertThat(map.iterations()).isEqualTo(1000);
        assertThat(map.learningRate()).isEqualTo(50.0);
        assertThat(map.klDivergence()).isBetween(0.0, 3.0);
    }

    @Test
    void sameInputSameMapOnAnyThreadCount() {
        double[][] x = Blobs.rows(Blobs.SEED, 60);
        double[][] init = Tsne.pcaInit(x);
        TsneOptions options = TsneOptions.defaults().withMaxIter(400);
        double[][] one = Tsne.fit(x, init, options, 1).embedding();
        assertThat(Tsne.fit(x, init, options, 1).embedding()).isDeepEqualTo(one);
        assertThat(Tsne.fit(x, init, options, 3).embedding()).isDeepEqualTo(one);
    }

    @Test
    void randomStartFollowsTheSeed() {
        double[][] x = Blobs.rows(Blobs.SEED, 30);
        TsneOptions options = TsneOptions.defaults().withMaxIter(300).withPerplexity(10);
        double[][] a = Tsne.fit(x, null, options.withSeed(5), 2).embedding();
        assertThat(Tsne.fit(x, null, options.withSeed(5), 2).embedding()).isDeepEqualTo(a);
        assertThat(java.util.Arrays.deepEquals(Tsne.fit(x, null, options.withSeed(6), 2).embedding(), a)).isFalse();
    }

    @Test
    void separatesWellSeparatedBlobs() {
        double[][] x = Blobs.rows(Blobs.SEED, 80);
        TsneMap map = Tsne.fit(x, Tsne.pcaInit(x), TsneOptions.defaults());
        assertThat(Trustworthiness.of(x, map.embedding(), 10)).isGreaterThan(0.9);
        double[][] y = map.embedding();
        double[][] centres = Blobs.centres(y, Blobs.labels(80));
        int[] labels = Blobs.labels(80);
        for (int i = 0; i < y.length; i++) {
            assertThat(Blobs.nearest(centres, y[i])).as("point %d", i).isEqualTo(labels[i]);
        }
    }

    @Test
    void duplicateRowsGiveAFiniteMap() {
        double[][] x = new double[40][3];
        for (int i = 0; i < 40; i++) {
            x[i] = new double[] {i % 2, 1, 2};
        }
        double[][] y = Tsne.fit(x, null, TsneOptions.defaults().withPerplexity(5).withMaxIter(300), 2).embedding();
        for (double[] row : y) {
            assertThat(Double.isFinite(row[0]) && Double.isFinite(row[1])).isTrue();
        }
    }

    @Test
    void pcaInitIsScaledLikeScikitLearn() {
        double[][] x = Golden.f64("golden/tsne/mixture_1000.f64", 20);
        double[][] init = Tsne.pcaInit(x);
        double mean = 0;
        for (double[] r : init) {
            mean += r[0];
        }
        mean /= init.length;
        double var = 0;
        double second = 0;
        for (double[] r : init) {
            var += (r[0] - mean) * (r[0] - mean);
            second += r[1] * r[1];
        }
        assertThat(Math.sqrt(var / init.length)).isCloseTo(1e-4, within(1e-15));
        assertThat(Math.abs(mean)).isLessThan(1e-15);
        // The second component carries less variance than the first.
        assertThat(second / init.length).isLessThan(var / init.length);
    }

    @Test
    void rejectsBadInputWithWhereAndWhat() {
        double[][] x = Blobs.rows(Blobs.SEED, 10);
        x[12][3] = Double.NaN;
        assertThatThrownBy(() -> Tsne.fit(x, null, TsneOptions.defaults().withPerplexity(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x row 12 column 3 is NaN");
        assertThatThrownBy(() -> Tsne.fit(new double[][] {{1, 2}}, null, TsneOptions.defaults()))
                .hasMessage("t-SNE needs at least 2 rows, got 1");
        double[][] small = Blobs.rows(Blobs.SEED, 5);
        assertThatThrownBy(() -> Tsne.fit(small, null, TsneOptions.defaults()))
                .hasMessage("perplexity 30.0 must be less than the number of rows 20");
        assertThatThrownBy(() -> Tsne.fit(small, new double[19][2], TsneOptions.defaults().withPerplexity(5)))
                .hasMessage("init has 19 rows, x has 20");
        assertThatThrownBy(() -> Tsne.fit(small, new double[20][3], TsneOptions.defaults().withPerplexity(5)))
                .hasMessage("init row 0 has 3 columns, expected 2");
        double[][] ragged = Blobs.rows(Blobs.SEED, 5);
        ragged[4] = new double[3];
        assertThatThrownBy(() -> Tsne.fit(ragged, null, TsneOptions.defaults().withPerplexity(5)))
                .hasMessage("x row 4 has 3 columns, expected " + Blobs.DIMENSIONS);
        assertThatThrownBy(() -> Tsne.fit(small, null, TsneOptions.defaults().withPerplexity(5), 0))
                .hasMessage("parallelism must be >= 1, was 0");
        assertThatThrownBy(() -> Tsne.pcaInit(new double[][] {{1, 2}, {1, 2}}))
                .hasMessageContaining("no variance");
    }
}
