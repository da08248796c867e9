package io.contrastkit.app.cli;

import io.contrastkit.app.report.ReportResult;
import io.contrastkit.app.stage.ExtractionService;
import io.contrastkit.app.stage.ModelFitResult;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.store.StoreCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text a person reads after each stage, shared by the command that runs the stage alone and by
 * {@code analyze} and {@code demo}, so that they can never word it differently.
 */
final class StageText {

    private StageText() {
    }

    /** After {@code extract}: counts, rate, the store's totals and the decoders used. */
    static void extracted(ExtractionService.Result r, Path store, int threads, PrintWriter out) {
        out.printf(Locale.ROOT, "extracted %d ok, %d failed, %d skipped unchanged, %s in %s%n", r.ok(), r.failed(),
                r.unchanged(), Plural.of(r.notImages(), "skipped not an image", "skipped not images"),
                timing(r.seconds(), r.ok() + r.failed(), threads));
        if (r.relinked() > 0) {
            out.println(Plural.of(r.relinked(), "moved or renamed image") + " recognised by content; "
                    + (r.relinked() == 1 ? "it kept its id" : "they kept their ids") + ", labels and judgements");
        }
        StoreCounts counts = r.store();
        out.printf(Locale.ROOT, "store %s: %d ok, %d failed%n", store, counts.ok(), counts.failed());
        if (r.failed() > 0) {
            out.println("list the failures with: contrastkit failures --store " + store);
        }
        out.println("decoders: " + r.decoders());
        out.flush();
    }

    /**
     * "2.0 s (3.50 images/s, 4 threads)": the rate counts the images decoded and measured (ok or failed), and is
     * left out when there were none (a run that only skipped unchanged files or files that are not images).
     */
    static String timing(double seconds, long measured, int threads) {
        String rate = measured > 0
                ? String.format(Locale.ROOT, "%.2f images/s, ", measured / Math.max(seconds, 1e-9)) : "";
        return String.format(Locale.ROOT, "%.1f s (%s%s)", seconds, rate, Plural.of(threads, "thread"));
    }

    /** After {@code cluster} (text form): the groups, their quality and where the model went. */
    static void fitted(ModelFitResult fit, Path store, Path model, PrintWriter out) {
        ContrastModel m = fit.model();
        var c = m.clustering();
        out.printf(Locale.ROOT, "%s, %s (%s, %s scaling): %s%n", Plural.of(fit.rows(), "image"),
                Plural.of(c.k(), "group"),
                c.method().name().toLowerCase(Locale.ROOT), m.scaler().kind().name().toLowerCase(Locale.ROOT), c.reason());
        out.printf(Locale.ROOT, "silhouette %.4f, Davies-Bouldin %.4f, Calinski-Harabasz %.1f%n", c.silhouette(),
                c.daviesBouldin(), c.calinskiHarabasz());
        for (GroupProfile g : m.groups()) {
            out.printf(Locale.ROOT, "group %d: %s (%s), e.g. %s%n", g.id(), g.name(), Plural.of(g.size(), "image"),
                    g.representatives().get(0).path());
        }
        out.printf(Locale.ROOT, "%s (score >= %.2f); list them with: contrastkit anomalies --store %s%n",
                Plural.of(fit.anomalies(), "anomaly", "anomalies"), m.anomaly().threshold(), store);
        out.printf(Locale.ROOT, "model %s written to %s; predictions stored in %s%n", m.id(), model, store);
        out.flush();
    }

    /** After {@code report}: what was written where. */
    static void reported(ReportResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "report of %s in %s written to %s (%s)%n", Plural.of(result.images(), "image"),
                Plural.of(result.groups(), "group"), result.index(),
                Plural.of(result.files().size(), "chart or thumbnail", "charts and thumbnails"));
        out.flush();
    }
}
