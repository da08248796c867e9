package io.contrastkit.learn.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Issue 13 item 6: pairs chosen so that a few judgements rank the images. */
class PairSelectionTest {

    private static final int IMAGES = 12;
    private static final int JUDGEMENTS = 30;

    /** Simulated judging; {@code judge} answers whether the first image wins. */
    private static double[] judgeAndFit(long seed, BiFunction<Integer, Integer, Boolean> judge, int[][] gamesOut,
                                        boolean[] connectedOut) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] winners = new int[0];
        int[] losers = new int[0];
        for (int t = 0; t < JUDGEMENTS; t++) {
            int[] pair = PairSelection.next(IMAGES, winners, losers, random, PairSelection.Options.defaults());
            assertThat(pair[0]).isNotEqualTo(pair[1]);
            boolean firstWins = judge.apply(pair[0], pair[1]);
            winners = Arrays.copyOf(winners, t + 1);
            losers = Arrays.copyOf(losers, t + 1);
            winners[t] = firstWins ? pair[0] : pair[1];
            losers[t] = firstWins ? pair[1] : pair[0];
        }
        BradleyTerry.Result r = BradleyTerry.fit(IMAGES, winners, losers, BradleyTerry.Options.defaults());
        gamesOut[0] = r.games();
        connectedOut[0] = PairSelection.connected(IMAGES, winners, losers);
        return r.scores();
    }

    private static double[] truth() {
        // image i's true contrast rank is a shuffle of 0..11, so index order says nothing
        int[] perm = {7, 2, 11, 0, 5, 9, 3, 10, 1, 6, 8, 4};
        return Arrays.stream(perm).asDoubleStream().toArray();
    }

    @Test
    void thirtyConsistentJudgementsOfTwelveImagesRecoverTheirOrder() {
        double[] truth = truth();
        int[][] games = new int[1][];
        boolean[] connected = new boolean[1];
        double[] scores = judgeAndFit(13L, (a, b) -> truth[a] > truth[b], games, connected);
        double srcc = Correlation.spearman(scores, truth);
        System.err.println("PairSelectionTest: consistent judge, 30 judgements of 12 images: SRCC " + srcc
                + ", games per image " + Arrays.toString(games[0]));
        assertThat(srcc).isGreaterThanOrEqualTo(0.8);
        assertThat(connected[0]).as("one connected comparison graph").isTrue();
        assertThat(Arrays.stream(games[0]).min().orElse(0)).as("every image compared several times").isGreaterThanOrEqualTo(4);
    }

    @Test
    void aNoisyJudgeStillGivesARankingOnMostSeeds() {
        // A Bradley-Terry judge: log-strengths 0.8 apart per rank, so neighbours are confused a third of the time.
        double[] truth = truth();
        double[] srcc = new double[21];
        for (int s = 0; s < srcc.length; s++) {
            SplittableRandom coin = new SplittableRandom(1000 + s);
            int[][] games = new int[1][];
            boolean[] connected = new boolean[1];
            double[] scores = judgeAndFit(s, (a, b) -> coin.nextDouble()
                    < 1 / (1 + Math.exp(-0.8 * (truth[a] - truth[b]))), games, connected);
            assertThat(connected[0]).isTrue();
            srcc[s] = Correlation.spearman(scores, truth);
        }
        Arrays.sort(srcc);
        System.err.println("PairSelectionTest: noisy judge, median SRCC over 21 seeds " + srcc[10] + ", lowest " + srcc[0]);
        assertThat(srcc[10]).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void theFirstElevenJudgementsOfTwelveImagesAlreadyConnectThem() {
        SplittableRandom random = new SplittableRandom(3);
        int[] w = new int[0];
        int[] l = new int[0];
        for (int t = 0; t < IMAGES - 1; t++) {
            int[] p = PairSelection.next(IMAGES, w, l, random, PairSelection.Options.defaults());
            w = Arrays.copyOf(w, t + 1);
            l = Arrays.copyOf(l, t + 1);
            w[t] = p[0];
            l[t] = p[1];
        }
        assertThat(PairSelection.connected(IMAGES, w, l)).isTrue();
    }

    @Test
    void theSameHistoryAndSeedGiveTheSamePair() {
        int[] w = {0, 3, 5};
        int[] l = {1, 4, 6};
        int[] a = PairSelection.next(8, w, l, new SplittableRandom(5), PairSelection.Options.defaults());
        int[] b = PairSelection.next(8, w, l, new SplittableRandom(5), PairSelection.Options.defaults());
        assertThat(a).containsExactly(b);
        // images 2 and 7 were never compared: the next pair takes one of them
        assertThat(a[0]).isIn(2, 7);
    }

    @Test
    void badInputIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> PairSelection.next(1, new int[0], new int[0], new SplittableRandom(1),
                PairSelection.Options.defaults())).hasMessageContaining("at least two items, got 1");
        assertThatThrownBy(() -> PairSelection.next(3, new int[] {0, 4}, new int[] {1, 2}, new SplittableRandom(1),
                PairSelection.Options.defaults())).hasMessageContaining("judgement 1 names items 4 and 2");
        assertThatThrownBy(() -> new PairSelection.Options(0)).hasMessageContaining("window must be >= 1, got 0");
    }
}
