package io.contrastkit.learn.validate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StabilityTest {

    /** Three tight Gaussian blobs 20 standard deviations apart in 2-D. */
    private static double[][] separatedGroups(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = {{0, 0}, {20, 0}, {0, 20}};
        double[][] data = new double[150][];
        for (int i = 0; i < data.length; i++) {
            double[] c = centres[i % 3];
            data[i] = new double[] {c[0] + gaussian(r), c[1] + gaussian(r)};
        }
        return data;
    }

    /** Structureless Gaussian noise in 8-D. */
    private static double[][] noise(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] data = new double[200][8];
        for (double[] row : data) {
            for (int j = 0; j < row.length; j++) {
                row[j] = gaussian(r);
            }
        }
        return data;
    }

    @Test
    void wellSeparatedGroupsAreStableWithANarrowInterval() {
        StabilityResult r = Stability.assess(separatedGroups(1), kMeans(3), Stability.Options.defaults().withRefits(40, 8));
        assertThat(r.bootstrapAri().mean()).isGreaterThan(0.99);
        assertThat(r.bootstrapAri().interval().lo()).isGreaterThan(0.97);
        assertThat(r.bootstrapAri().interval().width()).isLessThan(0.03);
        assertThat(r.bootstrapNmi().mean()).isGreaterThan(0.98);
        assertThat(r.seedAri().mean()).isGreaterThan(0.99);
        assertThat(r.stable()).isTrue();
        assertThat(r.verdict()).startsWith("stable: bootstrap ARI mean").contains(">= 0.80").contains(">= 0.60");
    }

    @Test
    void pureNoiseGivesLowAgreementAndIsCalledUnstable() {
        StabilityResult r = Stability.assess(noise(2), kMeans(4), Stability.Options.defaults().withRefits(40, 8));
        assertThat(r.bootstrapAri().mean()).isLessThan(0.6);
        assertThat(r.bootstrapAri().interval().lo()).isLessThan(0.5);
        assertThat(r.stable()).isFalse();
        assertThat(r.verdict()).startsWith("unstable: ");
    }

    @Test
    void sameSeedGivesTheSameResultWhetherParallelOrNot() {
        double[][] data = noise(3);
        Stability.Options options = Stability.Options.defaults().withRefits(12, 4).withSeed(9);
        StabilityResult a = Stability.assess(data, kMeans(3), options);
        StabilityResult b = Stability.assess(data, kMeans(3), options);
        Stability.Options sequential = new Stability.Options(12, 4, 9, 0.95, 0.8, 0.6, false);
        StabilityResult c = Stability.assess(data, kMeans(3), sequential);
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(Stability.assess(data, kMeans(3), options.withSeed(10)).bootstrapAri()).isNotEqualTo(a.bootstrapAri());
    }

    @Test
    void rejectsBadDataAndBadClusterers() {
        double[][] bad = {{1, 2}, {3, Double.NaN}, {4, 5}};
        assertThatThrownBy(() -> Stability.assess(bad, kMeans(2), Stability.Options.defaults()))
                .hasMessage("row 1 column 1 is NaN");
        BiFunction<double[][], Long, int[]> broken = (rows, seed) -> new int[rows.length - 1];
        assertThatThrownBy(() -> Stability.assess(separatedGroups(1), broken, Stability.Options.defaults()))
                .hasMessageContaining("149 labels for 150 rows in the reference fit");
        assertThatThrownBy(() -> Stability.Options.defaults().withRefits(0, 0)).hasMessageContaining("at least one");
    }

    /**
     * A tiny seeded k-means for these tests only (k-means++ start, Lloyd iterations, best of 3 starts); the
     * production k-means lives in io.contrastkit.learn.cluster.
     */
    static BiFunction<double[][], Long, int[]> kMeans(int k) {
        return (rows, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            int[] best = null;
            double bestInertia = Double.POSITIVE_INFINITY;
            for (int start = 0; start < 3; start++) {
                double[][] centres = plusPlus(rows, k, random);
                int[] labels = new int[rows.length];
                double inertia = 0;
                for (int iter = 0; iter < 100; iter++) {
                    inertia = 0;
                    boolean changed = iter == 0;
                    for (int i = 0; i < rows.length; i++) {
                        int arg = 0;
                        double min = Double.POSITIVE_INFINITY;
                        for (int c = 0; c < k; c++) {
                            double d = distance2(rows[i], centres[c]);
                            if (d < min) {
                                min = d;
                                arg = c;
                            }
                        }
                        changed |= labels[i] != arg;
                        labels[i] = arg;
                        inertia += min;
                    }
                    if (!changed) {
                        break;
                    }
                    double[][] sums = new double[k][rows[0].length];
                    int[] counts = new int[k];
                    for (int i = 0; i < rows.length; i++) {
                        counts[labels[i]]++;
                        for (int j = 0; j < rows[i].length; j++) {
                            sums[labels[i]][j] += rows[i][j];
                        }
                    }
                    for (int c = 0; c < k; c++) {
                        if (counts[c] > 0) {
                            for (int j = 0; j < sums[c].length; j++) {
                                centres[c][j] = sums[c][j] / counts[c];
                            }
                        }
                    }
                }
                if (inertia < bestInertia) {
                    bestInertia = inertia;
                    best = labels;
                }
            }
            return best;
        };
    }

    private static double[][] plusPlus(double[][] rows, int k, SplittableRandom random) {
        double[][] centres = new double[k][];
        centres[0] = rows[random.nextInt(rows.length)].clone();
        double[] d2 = new double[rows.length];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < rows.length; i++) {
                d2[i] = Double.POSITIVE_INFINITY;
                for (int p = 0; p < c; p++) {
                    d2[i] = Math.min(d2[i], distance2(rows[i], centres[p]));
                }
                total += d2[i];
            }
            double u = random.nextDouble() * total;
            int pick = rows.length - 1;
            for (int i = 0; i < rows.length; i++) {
                u -= d2[i];
                if (u <= 0) {
                    pick = i;
                    break;
                }
            }
            centres[c] = rows[pick].clone();
        }
        return centres;
    }

    private static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
