package io.contrastkit.learn.validate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses the next pair to judge so that Bradley-Terry scores are identifiable and sharpen quickly: the
 * least-compared image meets an image near it in the current ranking that it has not met yet, and while
 * the comparison graph is still in pieces, an image of another piece.
 *
 * <p>Why: pairs drawn at random from a large collection almost never share an image, so the graph stays a
 * set of separate edges and every score is the same +-c. Each image compared several times, neighbours in
 * the ranking compared with each other (the pairs whose outcome is least certain), and one connected graph
 * give a ranking after a few comparisons per image, as in adaptive sorting by noisy comparisons.
 */
public final class PairSelection {

    private PairSelection() {
    }

    /**
     * Options.
     *
     * @param window how many ranks either side of an image its partner is sought in first
     */
    public record Options(int window) {
        public Options {
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + window);
            }
        }

        /** Partners within two ranks either side. */
        public static Options defaults() {
            return new Options(2);
        }
    }

    /**
     * The next pair among {@code items} images, given the judgements so far ({@code winners[g]} beat
     * {@code losers[g]}).
     *
     * @param random ties are broken by it (pass a seeded one: the same history gives the same pair)
     * @return two distinct item indices, the less-compared first
     * @throws IllegalArgumentException for fewer than two items or judgements naming an item outside the range
     */
    public static int[] next(int items, int[] winners, int[] losers, SplittableRandom random, Options options) {
        if (items < 2) {
            throw new IllegalArgumentException("pair selection needs at least two items, got " + items);
        }
        int[] games = new int[items];
        boolean[][] met = new boolean[items][items];
        for (int g = 0; g < winners.length; g++) {
            int w = winners[g];
            int l = losers[g];
            if (w < 0 || w >= items || l < 0 || l >= items || w == l) {
                throw new IllegalArgumentException("judgement " + g + " names items " + w + " and " + l
                        + " (items are 0.." + (items - 1) + ", two different ones)");
            }
            games[w]++;
            games[l]++;
            met[w][l] = true;
            met[l][w] = true;
        }
        int[] parent = pieces(items, winners, losers);
        double[] scores = BradleyTerry.fit(items, winners, losers, BradleyTerry.Options.defaults()).scores();
        // Ranking by the current scores; ties (unjudged images) in a random order so that no one is favoured.
        double[] jitter = new double[items];
        for (int i = 0; i < items; i++) {
            jitter[i] = random.nextDouble();
        }
        Integer[] order = new Integer[items];
        for (int i = 0; i < items; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[a], scores[b])
                : Double.compare(jitter[a], jitter[b]));
        int[] rank = new int[items];
        for (int r = 0; r < items; r++) {
            rank[order[r]] = r;
        }
        int first = leastCompared(items, games, jitter);
        boolean connected = components(parent) == 1;
        int firstPiece = find(parent, first);
        int[] pieceSize = new int[items];
        for (int i = 0; i < items; i++) {
            pieceSize[find(parent, i)]++;
        }
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int j = 0; j < items; j++) {
            if (j == first) {
                continue;
            }
            int distance = Math.abs(rank[j] - rank[first]);
            // Lexicographic: join pieces first (the largest other piece, so one tree grows and the graph is
            // connected as soon as there are enough comparisons), then a new pair, then near in rank, then
            // seldom compared.
            double cost = 0;
            if (!connected) {
                cost += find(parent, j) == firstPiece ? 1e9 : 1e7 * (1 - pieceSize[find(parent, j)] / (double) items);
            }
            if (met[first][j]) {
                cost += 1e6;
            }
            cost += distance <= options.window() ? 0 : 1e3 * (distance - options.window());
            cost += games[j] + jitter[j] * 0.5;
            if (cost < bestCost) {
                bestCost = cost;
                best = j;
            }
        }
        return new int[] {first, best};
    }

    private static int leastCompared(int items, int[] games, double[] jitter) {
        int best = 0;
        for (int i = 1; i < items; i++) {
            if (games[i] < games[best] || (games[i] == games[best] && jitter[i] < jitter[best])) {
                best = i;
            }
        }
        return best;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The comparison graph's pieces as a union-find forest: {@code find(parent, i)} names i's piece. */
    private static int[] pieces(int items, int[] winners, int[] losers) {
        int[] parent = new int[items];
        for (int i = 0; i < items; i++) {
            parent[i] = i;
        }
        for (int g = 0; g < winners.length; g++) {
            parent[find(parent, winners[g])] = find(parent, losers[g]);
        }
        return parent;
    }

    private static int components(int[] parent) {
        int roots = 0;
        for (int i = 0; i < parent.length; i++) {
            if (find(parent, i) == i) {
                roots++;
            }
        }
        return roots;
    }

    /** Whether the comparison graph of {@code items} images under these judgements is one connected piece. */
    public static boolean connected(int items, int[] winners, int[] losers) {
        return items > 0 && components(pieces(items, winners, losers)) == 1;
    }
}
