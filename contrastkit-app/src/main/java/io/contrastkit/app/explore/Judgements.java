package io.contrastkit.app.explore;

import io.contrastkit.learn.validate.Agreement;
import io.contrastkit.learn.validate.BradleyTerry;
import io.contrastkit.learn.validate.Correlation;
import io.contrastkit.learn.validate.Interval;
import io.contrastkit.learn.validate.PairSelection;
import io.contrastkit.store.LabelTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** People's pairwise judgements turned into Bradley-Terry scores and compared with the model's contrast score. */
public final class Judgements {

    /** Fewest judged images for an agreement figure (as Agreement asks). */
    public static final int MIN_IMAGES = 5;

    /** Bootstrap resamples behind the interval (Agreement's default). */
    static final int RESAMPLES = 1000;

    private Judgements() {
    }

    /**
     * The comparison.
     *
     * @param judgements number of judgements of images the model knows
     * @param rows       the judged images' rows, in the order of {@code scores}
     * @param scores     their Bradley-Terry scores (log-strengths, mean 0)
     * @param srcc       Spearman correlation of the model's contrast score with the people's scores (NaN if too few)
     * @param srccLow    lower end of its 95% bootstrap interval (NaN if none)
     * @param srccHigh   upper end
     * @param note       what the figure means or why there is none
     * @param connected  whether the comparisons join all judged images in one graph (else scores of separate
     *                   pieces are not comparable)
     */
    public record Summary(int judgements, List<Integer> rows, double[] scores, double srcc, double srccLow,
                          double srccHigh, String note, boolean connected) {
    }

    /**
     * Judgements of images the explorer shows, as games between items: {@code item} maps a store row to its item
     * index, in first-seen order; game g was won by item {@code winners[g]} against {@code losers[g]}.
     * Judgements naming an image no longer shown, or one image twice, are left out.
     */
    record Games(Map<Integer, Integer> item, int[] winners, int[] losers) {
        /** The judged rows, in item order. */
        List<Integer> rows() {
            return new ArrayList<>(item.keySet());
        }
    }

    /** The stored judgements as {@link Games}. */
    static Games games(ExplorerData data, List<LabelTable.Judgement> all) {
        Map<Integer, Integer> item = new LinkedHashMap<>();
        List<int[]> games = new ArrayList<>();
        for (LabelTable.Judgement j : all) {
            var left = data.row(j.left());
            var right = data.row(j.right());
            if (left.isEmpty() || right.isEmpty() || left.get().equals(right.get())) {
                continue;
            }
            int w = j.winner() == j.left() ? left.get() : right.get();
            int l = j.winner() == j.left() ? right.get() : left.get();
            games.add(new int[] {item.computeIfAbsent(w, k -> item.size()), item.computeIfAbsent(l, k -> item.size())});
        }
        return new Games(item, games.stream().mapToInt(g -> g[0]).toArray(), games.stream().mapToInt(g -> g[1]).toArray());
    }

    /** Fits Bradley-Terry to the judgements and, with enough judged images, the agreement with the model. */
    public static Summary summarise(ExplorerData data, List<LabelTable.Judgement> all) {
        Games g = games(data, all);
        List<Integer> rows = g.rows();
        int[] winners = g.winners();
        int[] losers = g.losers();
        int played = winners.length;
        if (rows.isEmpty()) {
            return new Summary(0, rows, new double[0], Double.NaN, Double.NaN, Double.NaN,
                    "no judgements yet: pick the image with more contrast in a few pairs", false);
        }
        double[] scores = BradleyTerry.fit(rows.size(), winners, losers, BradleyTerry.Options.defaults()).scores();
        boolean connected = PairSelection.connected(rows.size(), winners, losers);
        String basis = played + " comparisons of " + rows.size() + " images, "
                + String.format(java.util.Locale.ROOT, "%.1f", 2.0 * played / rows.size()) + " per image"
                + (connected ? "" : "; the comparisons fall into separate pieces, so scores of different pieces"
                + " cannot be compared yet");
        if (rows.size() < MIN_IMAGES) {
            return new Summary(played, rows, scores, Double.NaN, Double.NaN, Double.NaN,
                    rows.size() + " images judged; agreement needs at least " + MIN_IMAGES + " (" + basis + ")",
                    connected);
        }
        double[] model = new double[rows.size()];
        for (int i = 0; i < model.length; i++) {
            model[i] = data.prediction(rows.get(i)).contrastScore();
        }
        String meaning = "Spearman correlation of the model's contrast score with the people's Bradley-Terry scores"
                + " (1 = same order, 0 = unrelated), 95% bootstrap interval; it rests on " + basis;
        double srcc = Correlation.spearman(scores, model);
        Interval ci = bootstrap(scores, model);
        return new Summary(played, rows, scores, srcc, ci.lo(), ci.hi(), meaning, connected);
    }

    /**
     * Percentile interval of SRCC over images resampled with replacement. {@code Agreement.compute} gives the
     * same figure but also refits a 5-parameter logistic per resample (seconds per request), which a
     * click-by-click view does not need.
     */
    static Interval bootstrap(double[] people, double[] model) {
        int n = people.length;
        SplittableRandom random = new SplittableRandom(Agreement.Options.DEFAULT_SEED);
        double[] values = new double[RESAMPLES];
        int kept = 0;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                a[i] = people[k];
                b[i] = model[k];
            }
            double v = Correlation.spearman(a, b);
            if (Double.isFinite(v)) {
                values[kept++] = v;
            }
        }
        return kept == 0 ? Interval.UNDEFINED : Interval.percentile(Arrays.copyOf(values, kept), 0.95);
    }
}
