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
        out.printf(Locale.ROOT, "extracted %d ok, %d failed, %d skipped unchanged, %d skipped not images"
                        + " in %.1f s (%.2f images/s, %d threads)%n", r.ok(), r.failed(), r.unchanged(), r.notImages(),
                r.seconds(), r.processed() / Math.max(r.seconds(), 1e-9), threads);
        if (r.relinked() > 0) {
            out.printf(Locale.ROOT, "%d moved or renamed image%s recognised by content; %s kept %s id, labels and judgements%n",
                    r.relinked(), r.relinked() == 1 ? "" : "s", r.relinked() == 1 ? "it" : "they",
                    r.relinked() == 1 ? "its" : "their");
        }
        StoreCounts counts = r.store();
        out.printf(Locale.ROOT, "store %s: %d ok, %d failed%n", store, counts.ok(), counts.failed());
        if (r.failed() > 0) {
            out.println("list the failures with: contrastkit failures --store " + store);
        }
        out.println("decoders: " + r.decoders());
        out.flush();
    }

    /** After {@code cluster} (text form): the groups, their quality and where the model went. */
    static void fitted(ModelFitResult fit, Path store, Path model, PrintWriter out) {
        ContrastModel m = fit.model();
        var c = m.clustering();
        out.printf(Locale.ROOT, "%d images, %d groups (%s, %s scaling): %s%n", fit.rows(), c.k(),
                c.method().name().toLowerCase(Locale.ROOT), m.scaler().kind().name().toLowerCase(Locale.ROOT), c.reason());
        out.printf(Locale.ROOT, "silhouette %.4f, Davies-Bouldin %.4f, Calinski-Harabasz %.1f%n", c.silhouette(),
                c.daviesBouldin(), c.calinskiHarabasz());
        for (GroupProfile g : m.groups()) {
            out.printf(Locale.ROOT, "group %d: %s (%d images), e.g. %s%n", g.id(), g.name(), g.size(),
                    g.representatives().get(0).path());
        }
        out.printf(Locale.ROOT, "%d anomalies (score >= %.2f); list them with: contrastkit anomalies --store %s%n",
                fit.anomalies(), m.anomaly().threshold(), store);
        out.printf(Locale.ROOT, "model %s written to %s; predictions stored in %s%n", m.id(), model, store);
        out.flush();
    }

    /** After {@code report}: what was written where. */
    static void reported(ReportResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "report of %d images in %d groups written to %s (%d charts and thumbnails)%n",
                result.images(), result.groups(), result.index(), result.files().size());
        out.flush();
    }
}
