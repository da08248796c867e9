package io.contrastkit.learn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class KMeansTest {
    // scikit-learn 1.2.1 KMeans(algorithm="lloyd", max_iter=300, tol=1e-4), random_state 0..6;
    // made by golden/make_golden.py kmeans()
    private static final JsonNode GOLDEN = Golden.json("golden/kmeans.json");

    @Test
    void medianInertiaWithinOnePercentOfScikitLearn() {
        double[][] x = Golden.matrix(GOLDEN.get("X"));
        for (JsonNode run : GOLDEN.get("runs")) {
            int k = run.get("k").asInt();
            int nInit = run.get("n_init").asInt();
            double[] ours = new double[7];
            for (int s = 0; s < ours.length; s++) {
                ours[s] = KMeans.fit(x, new KMeansOptions(k, nInit, 300, 1e-4, s)).inertia();
            }
            Arrays.sort(ours);
            double sk = run.get("median").asDouble();
            assertThat(ours[3]).as("k=%d nInit=%d median inertia vs scikit-learn %s", k, nInit, sk)
                    .isLessThanOrEqualTo(1.01 * sk);
        }
    }

    @Test
    void labelsAreNearestCentroidAndInertiaMatches() {
        double[][] x = blobs(2000, 6, 5, 1L);
        KMeansResult r = KMeans.fit(x, new KMeansOptions(6, 2, 300, 1e-4, 3));
        int[] labels = r.labels();
        double inertia = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(labels[i]).isEqualTo(r.predict(x[i]));
            double dist = r.distance(x[i], labels[i]);
            inertia += dist * dist;
        }
        assertThat(r.inertia()).isCloseTo(inertia, org.assertj.core.data.Offset.offset(1e-9 * inertia));
        assertThat(r.converged()).isTrue();
        assertThat(Arrays.stream(r.clusterSizes()).sum()).isEqualTo(x.length);
    }

    @Test
    void sameSeedSameResultAndThreadCountDoesNotMatter() {
        double[][] x = blobs(20_000, 8, 12, 2L); // > several blocks of rows
        KMeansOptions o = new KMeansOptions(12, 2, 100, 1e-4, 42);
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool three = new ForkJoinPool(3);
        try {
            KMeansResult a = KMeans.fit(x, o, one);
            KMeansResult b = KMeans.fit(x, o, three);
            KMeansResult c = KMeans.fit(x, o);
            assertThat(b.inertia()).isEqualTo(a.inertia());
            assertThat(c.inertia()).isEqualTo(a.inertia());
            assertThat(b.labels()).isEqualTo(a.labels());
            assertThat(b.centroids()).isDeepEqualTo(a.centroids());
            assertThat(b.iterations()).isEqualTo(a.iterations());
            KMeansResult other = KMeans.fit(x, o.withSeed(43));
            assertThat(other.centroids()).isNotEqualTo(a.centroids());
        } finally {
            one.shutdown();
            three.shutdown();
        }
    }

    @Test
    void warmStartFromConvergedCentroidsStaysPut() {
        double[][] x = blobs(3000, 4, 5, 6L);
        KMeansResult r = KMeans.fit(x, new KMeansOptions(5, 1, 300, 0, 2));
        KMeansResult again = KMeans.fitFrom(x, r.centroids(), 300, 0, null);
        assertThat(again.labels()).isEqualTo(r.labels());
        assertThat(again.inertia()).isCloseTo(r.inertia(), org.assertj.core.data.Offset.offset(1e-9 * r.inertia()));
        assertThat(again.iterations()).isEqualTo(1);
        assertThatThrownBy(() -> KMeans.fitFrom(x, new double[][] {{1, 2}}, 10, 0, null))
                .hasMessage("initialCentroids have 2 columns but rows have 4");
    }

    @Test
    void handlesDuplicatesAndKEqualsN() {
        double[][] x = {{1, 1}, {1, 1}, {1, 1}, {5, 5}};
        KMeansResult r = KMeans.fit(x, new KMeansOptions(2, 1, 50, 1e-4, 0));
        assertThat(r.inertia()).isEqualTo(0.0);
        KMeansResult all = KMeans.fit(new double[][] {{0}, {1}, {2}}, new KMeansOptions(3, 1, 50, 0, 0));
        assertThat(all.inertia()).isEqualTo(0.0);
        assertThat(Arrays.stream(all.clusterSizes()).min().getAsInt()).isEqualTo(1);
    }

    @Test
    void optionsAndDataAreValidated() {
        assertThatThrownBy(() -> new KMeansOptions(0, 1, 10, 1e-4, 0)).hasMessage("k is 0, must be >= 1");
        assertThatThrownBy(() -> new KMeansOptions(2, 0, 10, 1e-4, 0)).hasMessage("nInit is 0, must be >= 1");
        assertThatThrownBy(() -> new KMeansOptions(2, 1, -3, 1e-4, 0)).hasMessage("maxIter is -3, must be >= 1");
        assertThatThrownBy(() -> new KMeansOptions(2, 1, 10, Double.NaN, 0))
                .hasMessage("tol is NaN, must be finite and >= 0");
        double[][] bad = blobs(20, 4, 2, 0L);
        bad[12][3] = Double.NaN;
        assertThatThrownBy(() -> KMeans.fit(bad, KMeansOptions.of(2, 0))).hasMessage("row 12 column 3 is NaN");
        assertThatThrownBy(() -> KMeans.fit(new double[][] {{1}, {2}}, KMeansOptions.of(3, 0)))
                .hasMessage("k is 3 but there are only 2 rows");
    }

    /** Gaussian blobs around random centres, deterministic in seed. */
    static double[][] blobs(int n, int d, int centres, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] c = new double[centres][d];
        for (double[] row : c) {
            for (int t = 0; t < d; t++) {
                row[t] = rng.nextDouble(-10, 10);
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i % centres];
            for (int t = 0; t < d; t++) {
                x[i][t] = ci[t] + gaussian(rng);
            }
        }
        return x;
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
