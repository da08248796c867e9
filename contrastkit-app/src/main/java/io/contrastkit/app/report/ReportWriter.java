package io.contrastkit.app.report;

import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.ProgressSink;
import io.contrastkit.app.stage.ValidationOptions;
import io.contrastkit.app.stage.ValidationResult;
import io.contrastkit.app.stage.ValidationService;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.learn.model.Representative;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureMatrix;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.PredictionTable;
import io.contrastkit.store.StoreCounts;
import io.contrastkit.store.StoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes the static HTML report of a store and a model: {@code index.html} with inline CSS and no script,
 * charts under {@code img/} and thumbnails under {@code thumbs/}, all referenced by relative paths so the
 * folder opens from disk, can be zipped and moved, and needs no network.
 */
final class ReportWriter {

    /** Reports are read on screens: charts are sized for a 1200-pixel column. */
    private static final int FULL = 1100;
    private static final int HALF = 540;

    private final ReportOptions options;
    private final ProgressSink progress;
    private final List<String> files = new ArrayList<>();
    private final Map<String, String> thumbOf = new HashMap<>();

    private ReportWriter(ReportOptions options, ProgressSink progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Writes the report of {@code model} over the open {@code store}.
     *
     * @param progress told each step's name as it starts
     * @throws IllegalArgumentException when the store or the model cannot be used (the message says which and why)
     */
    static ReportResult write(ReportOptions options, ContrastModel model, StoreSession store, ProgressSink progress)
            throws IOException {
        return read(options, model, store, progress).render();
    }

    /**
     * Everything the report needs from the store, read (and validated) while the session is open; the
     * caller may close the session before {@link Read#render}, so that drawing charts, maps and thumbnails
     * holds no lock on the store (the explorer writes labels meanwhile).
     */
    static Read read(ReportOptions options, ContrastModel model, StoreSession store, ProgressSink progress)
            throws IOException {
        return new ReportWriter(options, progress).readStore(model, store);
    }

    /** A report's store contents, read; {@link #render} writes the report from them alone. */
    final class Read {
        private final ContrastModel model;
        private final FeatureMatrix matrix;
        private final StoreCounts counts;
        private final Map<String, String> meta;
        private final List<PredictionTable.PathRow> stored;
        private final ValidationResult validation;

        private Read(ContrastModel model, FeatureMatrix matrix, StoreCounts counts, Map<String, String> meta,
                     List<PredictionTable.PathRow> stored, ValidationResult validation) {
            this.model = model;
            this.matrix = matrix;
            this.counts = counts;
            this.meta = meta;
            this.stored = stored;
            this.validation = validation;
        }

        /** Writes the report; touches no store. */
        ReportResult render() throws IOException {
            return run(model, matrix, counts, meta, stored, validation);
        }
    }

    private Read readStore(ContrastModel model, StoreSession store) throws IOException {
        FeatureStore fs = store.features();
        FeatureMatrix matrix = fs.readFeatures();
        StoreCounts counts = fs.counts();
        Map<String, String> meta = fs.readMeta();
        if (matrix.rows() == 0) {
            throw new IllegalArgumentException("store " + options.store() + " has no measured images");
        }
        List<PredictionTable.PathRow> stored;
        try {
            stored = store.predictions().all(model.id());
        } catch (StoreException e) {
            // a read-only store without a predictions table: the predictions are computed below
            stored = List.of();
        }
        progress.step("validation (quality, stability, consistency)");
        // The same checks, figures and meanings as `contrastkit validate`, so the two cannot disagree.
        ValidationResult validation;
        try {
            validation = ValidationService.validate(ValidationOptions.storeChecks(options.store(), options.model(),
                    options.stabilityRefits(), options.seed(), Runtime.getRuntime().availableProcessors()), model,
                    store, ProgressSink.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the validation checks");
        }
        return new Read(model, matrix, counts, meta, stored, validation);
    }

    private ReportResult run(ContrastModel model, FeatureMatrix matrix, StoreCounts counts, Map<String, String> meta,
                             List<PredictionTable.PathRow> stored, ValidationResult validation) throws IOException {
        FeatureSchema schema = model.schema();
        Prediction[] predictions = predictions(model, matrix, stored);

        Path out = options.out();
        Files.createDirectories(out.resolve("img"));
        Files.createDirectories(out.resolve("thumbs"));
        int n = matrix.rows();
        double[][] scaled = model.scaler().transform(matrix.values());
        int[] group = Arrays.stream(predictions).mapToInt(Prediction::group).toArray();
        double[] score = Arrays.stream(predictions).mapToDouble(Prediction::contrastScore).toArray();
        List<String> groupNames = model.groups().stream().map(GroupProfile::name).toList();

        Html h = new Html();
        h.head("contrastkit report");
        h.raw("<header><h1>Contrast report</h1><p class=\"sub\">").text(n + " measured images, " + model.clustering().k()
                        + " contrast groups, store " + options.store().getFileName())
                .raw("</p></header>\n");
        h.raw("<nav>");
        for (String[] s : new String[][] {{"summary", "Summary"}, {"distributions", "Features"}, {"k-selection", "Choosing k"},
                {"groups", "Groups"}, {"dendrogram", "Hierarchy"}, {"maps", "Maps"}, {"anomalies", "Anomalies"},
                {"validation", "Validation"}}) {
            h.raw("<a href=\"#" + s[0] + "\">").text(s[1]).raw("</a>");
        }
        h.raw("</nav>\n");

        summary(h, model, counts, meta, n);

        progress.step("feature distributions");
        h.section("distributions", "Feature distributions",
                "How each contrast feature is spread over the collection's measured images.");
        h.raw("<div class=\"grid hist\">");
        for (int j = 0; j < schema.size(); j++) {
            int jj = j;
            double[] col = Arrays.stream(matrix.values()).mapToDouble(r -> r[jj]).toArray();
            String name = schema.names().get(j);
            String file = png("hist-" + String.format(Locale.ROOT, "%02d", j) + ".png", Charts.histogram(name, col, 260, 170));
            h.img(file, "histogram of " + name);
        }
        h.raw("</div></section>\n");

        progress.step("k-selection chart");
        kSelection(h, model);

        progress.step("groups, profiles and contact sheets");
        groups(h, model, schema);

        progress.step("dendrogram");
        h.section("dendrogram", "Hierarchy (Ward dendrogram)",
                "How the images (or, for large collections, small clusters of them) merge into ever larger groups. "
                        + "The dashed line cuts the tree into as many clusters as there are contrast groups.");
        double[][] linkage = model.hierarchy().linkage();
        if (linkage.length >= 1) {
            boolean namedLeaves = model.hierarchy().exact() && model.hierarchy().leaves() == n;
            String[] paths = matrix.paths();
            String file = png("dendrogram.png", Dendrogram.png(linkage,
                    leaf -> namedLeaves ? fileName(paths[leaf]) : "cluster " + leaf, 40, model.clustering().k(), FULL, 460));
            h.img(file, "Ward dendrogram");
        } else {
            h.raw("<p>").text("The hierarchy has a single leaf: nothing to draw.").raw("</p>");
        }
        h.raw("</section>\n");

        progress.step("PCA and t-SNE maps");
        maps(h, model, scaled, predictions, group, score, groupNames);

        progress.step("anomaly gallery");
        anomalies(h, model, matrix, predictions);

        progress.step("validation section");
        h.section("validation", "Validation without labels",
                "Checks that need no ground truth, as contrastkit validate prints them (run it for the full "
                        + "tables, human ratings, labels and contrast ladders). Each figure comes with what it means; "
                        + "[..] are 95% intervals.");
        for (ValidationResult.Section sec : validation.sections()) {
            if (sec.figures().isEmpty() && sec.notes().isEmpty()) {
                continue;
            }
            h.raw("<h3>").text(sec.title()).raw("</h3>\n<table class=\"figures\"><tbody>\n");
            for (ValidationResult.Figure f : sec.figures()) {
                figureRow(h, f.label(), f.formatted(), f.meaning());
            }
            for (String note : sec.notes()) {
                figureRow(h, "note", "", note);
            }
            h.raw("</tbody></table>\n");
        }
        h.raw("</section>\n");

        Provenance p = model.provenance();
        h.raw("<footer>").text("Written by contrastkit " + p.toolVersion() + " from model " + model.id() + ". "
                + "Open this file from disk; it loads nothing from the network.").raw("</footer>\n");
        h.raw("</body>\n</html>\n");
        Path index = out.resolve("index.html");
        Files.writeString(index, h.toString(), StandardCharsets.UTF_8);
        return new ReportResult(index, files, n, model.clustering().k(), model.clustering().reason(),
                model.clustering().tradeoff());
    }

    private void summary(Html h, ContrastModel model, StoreCounts counts, Map<String, String> meta, int measured) {
        Provenance p = model.provenance();
        h.section("summary", "Collection summary", null);
        h.raw("<table class=\"kv\"><tbody>\n");
        row(h, "images in the store", Long.toString(counts.total()));
        row(h, "measured (ok)", Long.toString(counts.ok()));
        row(h, "failed", counts.failed() + (counts.failed() > 0 ? " (list them with: contrastkit failures --store "
                + options.store() + ")" : ""));
        row(h, "feature version", meta.getOrDefault("feature_version", model.schema().version()));
        row(h, "store", options.store().toString());
        row(h, "model", options.model() + " (id " + model.id() + ")");
        var c = model.clustering();
        row(h, "groups", c.k() + " (" + c.method().name().toLowerCase(Locale.ROOT) + ", "
                + model.scaler().kind().name().toLowerCase(Locale.ROOT) + " scaling): " + c.reason());
        row(h, "model fitted on", p.rows() + " images from " + p.store());
        row(h, "model made", p.createdAt() + " by contrastkit " + p.toolVersion() + ", seed " + p.seed());
        row(h, "model made on", ModelFiles.javaText(p) + ", " + p.os());
        StringBuilder opts = new StringBuilder();
        p.options().forEach((k, v) -> opts.append(opts.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        row(h, "model options", opts.toString());
        if (measured != p.rows()) {
            row(h, "note", "the store now holds " + measured + " measured images; the model was fitted on " + p.rows()
                    + " (the others are placed by prediction)");
        }
        h.raw("</tbody></table></section>\n");
    }

    private void kSelection(Html h, ContrastModel model) throws IOException {
        var c = model.clustering();
        h.section("k-selection", "Choosing the number of groups", c.reason());
        List<KSelection.Score> table = c.table();
        int[] ks = table.stream().mapToInt(KSelection.Score::k).toArray();
        double[] sil = table.stream().mapToDouble(KSelection.Score::silhouette).toArray();
        double[] db = table.stream().mapToDouble(KSelection.Score::daviesBouldin).toArray();
        String file = png("k-selection.png", Charts.kSelection(ks, sil, db, c.k(), 820, 380));
        h.img(file, "silhouette and Davies-Bouldin index for each k tried");
        h.raw("<table class=\"data\"><thead><tr><th>k</th><th>silhouette</th><th>Davies-Bouldin</th>"
                + "<th>Calinski-Harabasz</th><th>inertia</th></tr></thead><tbody>\n");
        for (KSelection.Score s : table) {
            h.raw(s.k() == c.k() ? "<tr class=\"chosen\">" : "<tr>").raw("<td>").text(Integer.toString(s.k()))
                    .raw("</td><td>").text(num(s.silhouette(), 4)).raw("</td><td>").text(num(s.daviesBouldin(), 4))
                    .raw("</td><td>").text(num(s.calinskiHarabasz(), 1)).raw("</td><td>").text(num(s.inertia(), 1))
                    .raw("</td></tr>\n");
        }
        h.raw("</tbody></table>\n");
        kTradeoff(h, model);
        h.raw("</section>\n");
    }

    /** The trade-off behind an automatic k: separation, stability and group sizes per k (absent when k was fixed). */
    private static void kTradeoff(Html h, ContrastModel model) {
        var c = model.clustering();
        if (c.tradeoff().isEmpty()) {
            return;
        }
        h.raw("<h3>").text("Separation, stability and group sizes").raw("</h3>\n<p>").text("A k is stable when k-means"
                + " refitted on bootstrap resamples agrees with it (mean ARI at least 0.8, the 95% interval's low end"
                + " at least 0.6, as in the stability check) and usable when no group is tiny or holds over 70% of"
                + " the images; among stable usable k the best separated wins.")
                .raw("</p>\n<table class=\"data\"><thead><tr><th>k</th><th>silhouette</th><th>bootstrap ARI</th>"
                        + "<th>smallest group</th><th>largest group</th><th>stable</th><th>usable</th></tr></thead><tbody>\n");
        for (var t : c.tradeoff()) {
            h.raw(t.k() == c.k() ? "<tr class=\"chosen\">" : "<tr>").raw("<td>").text(Integer.toString(t.k()))
                    .raw("</td><td>").text(num(t.silhouette(), 3)).raw("</td><td>").text(num(t.bootstrapAri(), 3))
                    .raw("</td><td>").text(Integer.toString(t.smallestGroup())).raw("</td><td>")
                    .text(num(100 * t.largestShare(), 0) + "%").raw("</td><td>").text(t.stable() ? "yes" : "no")
                    .raw("</td><td>").text(t.usable() ? "yes" : "no").raw("</td></tr>\n");
        }
        h.raw("</tbody></table>\n");
    }

    private void groups(Html h, ContrastModel model, FeatureSchema schema) throws IOException {
        h.section("groups", "Contrast groups",
                "Each group's name comes from the features that set it apart. The bars are the group's mean of each "
                        + "feature in standard deviations from the collection's mean; the pictures are representatives: "
                        + "the most central members first, then members spread across the group.");
        for (GroupProfile g : model.groups()) {
            h.raw("<article class=\"group\" id=\"group-" + g.id() + "\"><h3>" + swatch(g.id())).text("Group " + g.id() + ": " + g.name())
                    .raw(" <small>").text(g.size() + " images").raw("</small></h3>\n");
            if (!g.traits().isEmpty()) {
                h.raw("<p class=\"traits\">").text("traits: " + String.join(", ", g.traits())).raw("</p>\n");
            }
            double[] z = schema.names().stream().mapToDouble(f -> g.profile().getOrDefault(f, 0.0)).toArray();
            String file = png("profile-" + g.id() + ".png", Charts.profile("Group " + g.id() + " profile",
                    schema.names(), z, g.id(), FULL, 330));
            h.img(file, "feature profile of group " + g.id());
            h.raw("<div class=\"sheet\">\n");
            for (Representative r : g.representatives()) {
                String thumb = thumbnail(r.path());
                h.figure(thumb, r.path(), fileName(r.path()), r.kind() + ", distance " + num(r.distance(), 2));
            }
            h.raw("</div></article>\n");
        }
        h.raw("</section>\n");
    }

    private void maps(Html h, ContrastModel model, double[][] scaled, Prediction[] predictions, int[] group,
                      double[] score, List<String> groupNames) throws IOException {
        int n = scaled.length;
        double[][] pc = model.pca().transform(scaled, Math.min(2, model.pca().componentCount()));
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = pc[i][0];
            py[i] = pc[i].length > 1 ? pc[i][1] : 0;
        }
        double[] ratio = model.pca().explainedVarianceRatio();
        List<String> desc = model.pcaDescriptions();
        String xTitle = axis("PC1", ratio, desc, 0);
        String yTitle = axis("PC2", ratio, desc, 1);
        double[] tx = Arrays.stream(predictions).mapToDouble(Prediction::mapX).toArray();
        double[] ty = Arrays.stream(predictions).mapToDouble(Prediction::mapY).toArray();
        h.section("maps", "Maps of the collection",
                "Each dot is an image. PCA is a linear projection (distances are faithful, detail is lost); t-SNE keeps "
                        + "neighbours together (clusters are meaningful, distances between them are not).");
        h.raw("<div class=\"grid two\">");
        h.img(png("pca-group.png", Charts.scatterByGroup("PCA, coloured by group", xTitle, yTitle, px, py, group,
                groupNames, HALF, 460)), "PCA map coloured by group");
        h.img(png("pca-score.png", Charts.scatterByScore("PCA, coloured by contrast score", xTitle, yTitle, px, py,
                score, HALF, 460)), "PCA map coloured by contrast score");
        h.img(png("tsne-group.png", Charts.scatterByGroup("t-SNE, coloured by group", "t-SNE 1", "t-SNE 2", tx, ty,
                group, groupNames, HALF, 460)), "t-SNE map coloured by group");
        h.img(png("tsne-score.png", Charts.scatterByScore("t-SNE, coloured by contrast score", "t-SNE 1", "t-SNE 2",
                tx, ty, score, HALF, 460)), "t-SNE map coloured by contrast score");
        h.raw("</div>\n<ul class=\"legend\">");
        for (int g = 0; g < groupNames.size(); g++) {
            h.raw("<li>" + swatch(g))
                    .text(g + ": " + groupNames.get(g)).raw("</li>");
        }
        h.raw("</ul></section>\n");
    }

    private void anomalies(Html h, ContrastModel model, FeatureMatrix matrix, Prediction[] predictions) throws IOException {
        int n = predictions.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -predictions[i].anomalyScore())
                .thenComparing(i -> matrix.paths()[i]));
        long flagged = Arrays.stream(predictions).filter(Prediction::anomaly).count();
        h.section("anomalies", "Unusual images",
                String.format(Locale.ROOT, "The %d images with the highest anomaly scores (0 to 1; %d of %d images are at "
                                + "or above the flagging threshold %.2f). Unusual means far from its group and from its nearest "
                                + "neighbours in feature space.", Math.min(options.anomalies(), n), flagged, n,
                        model.anomaly().threshold()));
        h.raw("<div class=\"sheet\">\n");
        for (int r = 0; r < Math.min(options.anomalies(), n); r++) {
            int i = order[r];
            Prediction p = predictions[i];
            String path = matrix.paths()[i];
            h.figure(thumbnail(path), path, (r + 1) + ". " + fileName(path), String.format(Locale.ROOT,
                    "anomaly %.3f%s, contrast %.1f, group %d", p.anomalyScore(), p.anomaly() ? " (flagged)" : "",
                    p.contrastScore(), p.group()));
        }
        h.raw("</div></section>\n");
    }

    /** Stored predictions of this model when the store has them for every row, else the model's own. */
    private Prediction[] predictions(ContrastModel model, FeatureMatrix matrix, List<PredictionTable.PathRow> stored) {
        Map<Long, PredictionTable.Row> byId = new HashMap<>();
        for (PredictionTable.PathRow r : stored) {
            byId.put(r.row().imageId(), r.row());
        }
        long[] ids = matrix.ids();
        Prediction[] out = new Prediction[ids.length];
        boolean complete = Arrays.stream(ids).allMatch(byId::containsKey);
        if (complete) {
            for (int i = 0; i < ids.length; i++) {
                PredictionTable.Row r = byId.get(ids[i]);
                out[i] = new Prediction(r.group(), r.groupName(), r.distance(), r.contrastScore(), r.anomalyScore(),
                        r.anomaly(), r.mapX(), r.mapY());
            }
            return out;
        }
        progress.step("the store has no predictions of model " + model.id() + " for every image: predicting them");
        return model.predictAll(matrix.values()).toArray(new Prediction[0]);
    }

    /** A thumbnail's relative path, or null when the image cannot be read any more (moved, deleted, broken). */
    private String thumbnail(String path) {
        if (thumbOf.containsKey(path)) {
            return thumbOf.get(path);
        }
        String rel = "thumbs/t" + String.format(Locale.ROOT, "%04d", thumbOf.size()) + ".jpg";
        try {
            Thumbnails.write(Path.of(path), options.out().resolve(rel), options.thumbnailSide());
            files.add(rel);
        } catch (IOException | RuntimeException e) {
            progress.step("no thumbnail for " + path + ": " + e.getMessage());
            rel = null;
        }
        thumbOf.put(path, rel);
        return rel;
    }

    private String png(String name, byte[] bytes) throws IOException {
        String rel = "img/" + name;
        Files.write(options.out().resolve(rel), bytes);
        files.add(rel);
        return rel;
    }

    /** A group's colour and marker shape as an inline swatch, the same as in the charts and the explorer. */
    private static String swatch(int group) {
        return "<span class=\"swatch m-" + GroupPalette.marker(group).name().toLowerCase(Locale.ROOT)
                + "\" style=\"background:" + GroupPalette.css(group) + "\"></span>";
    }

    private static void figureRow(Html h, String label, String value, String meaning) {
        h.raw("<tr><th>").text(label).raw("</th><td class=\"num\">").text(value).raw("</td><td>")
                .text(meaning).raw("</td></tr>\n");
    }

    private static String axis(String pc, double[] ratio, List<String> desc, int i) {
        String r = i < ratio.length ? String.format(Locale.ROOT, " (%.0f%% of variance)", 100 * ratio[i]) : "";
        String d = i < desc.size() ? ": " + desc.get(i) : "";
        String s = pc + r + d;
        return s.length() > 90 ? s.substring(0, 89) + "…" : s;
    }

    private static void row(Html h, String key, String value) {
        h.raw("<tr><th>").text(key).raw("</th><td>").text(value).raw("</td></tr>\n");
    }

    private static String fileName(String path) {
        Path f = Path.of(path).getFileName();
        return f == null ? path : f.toString();
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }


    /** The page under construction; {@link #text} escapes, {@link #raw} is for this class's own markup only. */
    private static final class Html {
        private final StringBuilder sb = new StringBuilder(64 * 1024);

        Html raw(String s) {
            sb.append(s);
            return this;
        }

        Html text(String s) {
            sb.append(escape(s));
            return this;
        }

        void head(String title) {
            raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            // No script and no remote resource: the page must render the same from a USB stick on a plane.
            raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; "
                    + "style-src 'unsafe-inline'\">\n");
            raw("<title>").text(title).raw("</title>\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n");
        }

        void section(String id, String title, String intro) {
            raw("<section id=\"" + id + "\"><h2>").text(title).raw("</h2>\n");
            if (intro != null) {
                raw("<p class=\"intro\">").text(intro).raw("</p>\n");
            }
        }

        void img(String src, String alt) {
            raw("<img class=\"chart\" src=\"").text(src).raw("\" alt=\"").text(alt).raw("\">\n");
        }

        void figure(String thumb, String path, String caption, String detail) {
            raw("<figure title=\"").text(path).raw("\">");
            if (thumb != null) {
                raw("<img src=\"").text(thumb).raw("\" alt=\"").text(caption).raw("\" loading=\"lazy\">");
            } else {
                raw("<div class=\"missing\">").text("image not readable").raw("</div>");
            }
            raw("<figcaption><b>").text(caption).raw("</b><br>").text(detail).raw("</figcaption></figure>\n");
        }

        static String escape(String s) {
            StringBuilder out = new StringBuilder(s.length() + 16);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0 auto;max-width:1180px;padding:0 20px 40px;background:#fafafa}
            header h1{margin:18px 0 0;font-size:26px}.sub{color:#666;margin:2px 0 8px}
            nav{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:6px 0;z-index:1}
            nav a{margin-right:14px;color:#2b5d8a;text-decoration:none;font-weight:600}
            section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:4px 18px 14px;margin:16px 0}
            h2{font-size:20px;margin:12px 0 6px}h3{font-size:16px;margin:14px 0 6px}h3 small{color:#777;font-weight:400}
            .intro{color:#555;margin-top:0}
            img.chart{max-width:100%;height:auto;display:block;margin:6px 0}
            .grid{display:grid;gap:6px}.grid.hist{grid-template-columns:repeat(auto-fill,minmax(260px,1fr))}
            .grid.hist img.chart{margin:0}.grid.two{grid-template-columns:1fr 1fr}
            table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
            table.kv th{color:#555;font-weight:600;white-space:nowrap}td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
            table.data td{font-variant-numeric:tabular-nums;text-align:right}tr.chosen{background:#fff3cd;font-weight:600}
            table.figures{width:100%;table-layout:fixed}table.figures th{width:13em;white-space:normal}
            table.figures td.num{width:17em;white-space:normal;overflow-wrap:anywhere}table.figures td{overflow-wrap:anywhere}
            .group{border-top:1px solid #eee;padding-top:4px}.traits{color:#555;margin:0}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px;vertical-align:baseline}
            .swatch.m-square{border-radius:0}.swatch.m-diamond{border-radius:0;transform:rotate(45deg) scale(.8)}
            .swatch.m-triangle{border-radius:0;clip-path:polygon(50% 0,100% 100%,0 100%)}
            .swatch.m-cross{border-radius:0;clip-path:polygon(35% 0,65% 0,65% 35%,100% 35%,100% 65%,65% 65%,65% 100%,35% 100%,35% 65%,0 65%,0 35%,35% 35%)}
            .sheet{display:flex;flex-wrap:wrap;gap:10px}
            figure{margin:0;width:170px}figure img{width:160px;height:160px;object-fit:contain;background:#f0f0f0;border:1px solid #ddd;display:block}
            figcaption{font-size:11px;color:#444;overflow-wrap:anywhere}
            .missing{width:160px;height:160px;background:#eee;color:#999;display:flex;align-items:center;justify-content:center}
            ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px}
            footer{color:#777;font-size:12px;margin-top:20px}
            """;
}
