package io.contrastkit.learn.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.map.TsneMap;
import io.contrastkit.learn.map.TsneOptions;
import io.contrastkit.learn.pca.PcaResult;
import io.contrastkit.learn.scale.FittedScaler;
import io.contrastkit.learn.scale.Scaler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The JSON form of a {@link ContrastModel}. Fields are written in a fixed order, doubles in Java's
 * round-trip form ({@code Double.toString}, read back to the same bits), NaN as null; arrays of numbers
 * on one line and arrays of arrays one row per line, so the file diffs well and the same model gives the
 * same bytes. Reading checks versions first, then every shape against the feature schema.
 */
final class ContrastModelJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContrastModelJson() {
    }

    // ---------------------------------------------------------------- writing

    static String write(ContrastModel m) {
        ObjectNode root = F.objectNode();
        root.put("format", ContrastModel.FORMAT);
        root.put("feature_version", m.schema().version());
        root.set("feature_names", strings(m.schema().names()));

        Provenance p = m.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("tool_version", p.toolVersion());
        prov.put("store", p.store());
        prov.put("rows", p.rows());
        prov.put("seed", p.seed());
        ObjectNode opts = prov.putObject("options");
        p.options().forEach((k, v) -> opts.set(k, scalar(v)));
        prov.put("java", p.java());
        prov.put("os", p.os());
        prov.put("created_at", p.createdAt());

        FittedScaler s = m.scaler();
        ObjectNode sc = root.putObject("scaler");
        sc.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        sc.set("center", doubles(s.center()));
        sc.set("scale", doubles(s.scale()));

        Clustering c = m.clustering();
        ObjectNode cl = root.putObject("clustering");
        cl.put("method", c.method().name().toLowerCase(Locale.ROOT));
        cl.put("k", c.k());
        cl.put("reason", c.reason());
        ArrayNode table = cl.putArray("k_selection");
        for (KSelection.Score row : c.table()) {
            ObjectNode r = table.addObject();
            r.put("k", row.k());
            r.set("silhouette", number(row.silhouette()));
            r.set("davies_bouldin", number(row.daviesBouldin()));
            r.set("calinski_harabasz", number(row.calinskiHarabasz()));
            r.set("inertia", number(row.inertia()));
        }
        ObjectNode metrics = cl.putObject("metrics");
        metrics.set("silhouette", number(c.silhouette()));
        metrics.set("davies_bouldin", number(c.daviesBouldin()));
        metrics.set("calinski_harabasz", number(c.calinskiHarabasz()));
        metrics.put("silhouette_sampled", c.silhouetteSampled());
        cl.set("centroids", matrix(c.centroids()));
        // Written only when present, so that 0.1.0's models keep their bytes (and ids) when written again.
        if (!c.features().isEmpty()) {
            cl.set("features", strings(c.features()));
        }
        if (!c.tradeoff().isEmpty()) {
            ArrayNode tr = cl.putArray("k_tradeoff");
            for (KChoice.Tradeoff t : c.tradeoff()) {
                ObjectNode o = tr.addObject();
                o.put("k", t.k());
                o.set("silhouette", number(t.silhouette()));
                o.set("bootstrap_ari", number(t.bootstrapAri()));
                o.put("smallest_group", t.smallestGroup());
                o.set("largest_share", number(t.largestShare()));
                o.put("stable", t.stable());
                o.put("usable", t.usable());
            }
        }

        ArrayNode groups = root.putArray("groups");
        for (GroupProfile g : m.groups()) {
            ObjectNode o = groups.addObject();
            o.put("id", g.id());
            o.put("name", g.name());
            o.put("size", g.size());
            o.set("traits", strings(g.traits()));
            ObjectNode prof = o.putObject("profile");
            g.profile().forEach((k, v) -> prof.set(k, number(v)));
            ArrayNode reps = o.putArray("representatives");
            for (Representative r : g.representatives()) {
                ObjectNode ro = reps.addObject();
                ro.put("path", r.path());
                ro.put("kind", r.kind());
                ro.set("distance", number(r.distance()));
            }
        }

        Hierarchy h = m.hierarchy();
        ObjectNode hi = root.putObject("hierarchy");
        hi.put("exact", h.exact());
        hi.put("leaves", h.leaves());
        hi.set("linkage", matrix(h.linkage()));
        hi.set("coarse_centroids", matrix(h.coarseCentroids()));
        hi.set("fine_centroids", matrix(h.fineCentroids()));

        PcaResult pca = m.pca();
        ObjectNode pc = root.putObject("pca");
        pc.put("samples", pca.samples());
        pc.set("mean", doubles(pca.mean()));
        pc.set("explained_variance", doubles(pca.explainedVariance()));
        pc.set("explained_variance_ratio", doubles(pca.explainedVarianceRatio()));
        pc.set("descriptions", strings(m.pcaDescriptions()));
        pc.set("components", matrix(pca.components()));

        AnomalyModel a = m.anomaly();
        ObjectNode an = root.putObject("anomaly");
        an.put("combine", "max");
        an.set("threshold", number(a.threshold()));
        an.set("z_mid", number(AnomalyModel.Z_MID));
        an.set("slope", number(AnomalyModel.SLOPE));
        if (a.twoSpaces()) {
            // kNN in a contrast space and in a spectrum space; the reference rows are scaled rows.
            AnomalyModel.Spaces sp = a.spaces();
            ObjectNode spn = an.putObject("spaces");
            spn.set("contrast_features", strings(AnomalyModel.FEATURES));
            spn.set("spectrum_features", strings(AnomalyModel.SPECTRUM_FEATURES));
            spn.set("center", doubles(sp.center()));
            spn.set("contrast_scale", doubles(sp.contrastScale()));
            spn.set("spectrum_scale", doubles(sp.spectrumScale()));
            ObjectNode kn = an.putObject("knn");
            kn.put("k", a.k());
            kn.put("reference_rows", a.referenceRows());
            kn.set("contrast_calibration", calibration(a.firstCalibration()));
            kn.set("spectrum_calibration", calibration(a.secondCalibration()));
            kn.set("reference", matrix(a.reference()));
        } else {
            // 0.1.0's pair in the grouping space; the reference rows are the head of the map's rows.
            ObjectNode cd = an.putObject("centroid");
            cd.set("typical_distance", doubles(a.typicalDistance()));
            cd.set("calibration", calibration(a.firstCalibration()));
            ObjectNode kn = an.putObject("knn");
            kn.put("k", a.k());
            kn.put("reference_rows", a.referenceRows());
            kn.set("calibration", calibration(a.secondCalibration()));
        }

        ContrastScore cs = m.contrastScore();
        ObjectNode sco = root.putObject("contrast_score");
        sco.set("features", strings(cs.features()));
        sco.set("center", doubles(cs.center()));
        sco.set("spread", doubles(cs.spread()));
        sco.set("weights", doubles(cs.weights()));
        sco.set("knot_projection", doubles(cs.knotProjection()));
        sco.set("knot_percentile", doubles(cs.knotPercentile()));

        // Last: by far the largest part (anchor rows and their positions).
        TsneMap map = m.map();
        TsneOptions to = map.options();
        ObjectNode mp = root.putObject("map");
        ObjectNode mo = mp.putObject("options");
        mo.set("perplexity", number(to.perplexity()));
        mo.set("early_exaggeration", number(to.earlyExaggeration()));
        mo.put("exploration_iter", to.explorationIter());
        mo.set("learning_rate", to.learningRate().isPresent() ? number(to.learningRate().getAsDouble()) : F.nullNode());
        mo.put("max_iter", to.maxIter());
        mo.set("theta", number(to.theta()));
        mo.set("initial_momentum", number(to.initialMomentum()));
        mo.set("final_momentum", number(to.finalMomentum()));
        mo.set("min_gain", number(to.minGain()));
        mo.set("min_grad_norm", number(to.minGradNorm()));
        mo.put("max_iter_without_progress", to.maxIterWithoutProgress());
        mo.put("place_iter", to.placeIter());
        mo.put("seed", to.seed());
        mp.set("embedding", matrix(map.embedding()));
        mp.set("rows", matrix(map.rows()));

        StringBuilder sb = new StringBuilder(1 << 16);
        render(root, sb, 0);
        sb.append('\n');
        return sb.toString();
    }

    private static JsonNode scalar(Object v) {
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        return v == null ? F.nullNode() : F.textNode(v.toString());
    }

    private static JsonNode number(double v) {
        return Double.isFinite(v) ? F.numberNode(v) : F.nullNode();
    }

    private static ArrayNode doubles(double[] values) {
        ArrayNode a = F.arrayNode(values.length);
        for (double v : values) {
            a.add(number(v));
        }
        return a;
    }

    private static ArrayNode matrix(double[][] rows) {
        ArrayNode a = F.arrayNode(rows.length);
        for (double[] r : rows) {
            a.add(doubles(r));
        }
        return a;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode(values.size());
        values.forEach(a::add);
        return a;
    }

    private static ObjectNode calibration(AnomalyModel.Calibration c) {
        ObjectNode o = F.objectNode();
        o.put("kind", "robust-logistic-log");
        o.set("center", number(c.center()));
        o.set("scale", number(c.scale()));
        return o;
    }

    /** Two-space indentation; containers of scalars on one line, containers of containers one item per line. */
    private static void render(JsonNode node, StringBuilder sb, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                indent(sb, depth + 1);
                quote(e.getKey(), sb);
                sb.append(": ");
                render(e.getValue(), sb, depth + 1);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (node.isArray()) {
            boolean nested = false;
            for (JsonNode v : node) {
                nested |= v.isContainerNode();
            }
            if (!nested) {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    render(node.get(i), sb, depth);
                }
                sb.append(']');
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(sb, depth + 1);
                render(node.get(i), sb, depth + 1);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), sb);
        } else if (node.isDouble()) {
            sb.append(Double.toString(node.doubleValue()));
        } else {
            sb.append(node.toString());
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    // ---------------------------------------------------------------- reading

    static ContrastModel read(String json, String where) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("model " + where + " is empty (no JSON in it)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(parseFailure(e, where), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model " + where + " is not a JSON object");
        }
        Reader r = new Reader(where);
        String format = r.text(root, "format");
        if (!ContrastModel.FORMAT.equals(format)) {
            throw new IllegalArgumentException("model " + where + " has format '" + format
                    + "' but this contrastkit reads '" + ContrastModel.FORMAT + "'; refit the model with this version");
        }
        String featureVersion = r.text(root, "feature_version");
        FeatureSchema schema = FeatureSchema.V1;
        schema.requireVersion(featureVersion, "model " + where);
        List<String> names = r.strings(root, "feature_names");
        if (!names.equals(schema.names())) {
            throw new IllegalArgumentException("model " + where + ": feature_names " + names + " differ from "
                    + schema.version() + "'s " + schema.names());
        }
        int d = schema.size();
        try {
            JsonNode pn = r.object(root, "provenance");
            Map<String, Object> options = new LinkedHashMap<>();
            JsonNode on = r.object(pn, "options");
            on.properties().forEach(e -> options.put(e.getKey(), value(e.getValue())));
            Provenance prov = new Provenance(r.text(pn, "tool_version"), r.text(pn, "store"), r.integer(pn, "rows"),
                    options, r.node(pn, "seed").asLong(), r.text(pn, "java"), r.text(pn, "os"),
                    r.text(pn, "created_at"));

            JsonNode sn = r.object(root, "scaler");
            Scaler kind = r.enumValue(sn, "kind", Scaler.class);
            FittedScaler scaler = FittedScaler.of(kind, r.doubles(sn, "scaler.center", "center", d),
                    r.doubles(sn, "scaler.scale", "scale", d));

            JsonNode cn = r.object(root, "clustering");
            ContrastModelOptions.Method method = r.enumValue(cn, "method", ContrastModelOptions.Method.class);
            int k = r.integer(cn, "k");
            if (k < 1) {
                throw new IllegalArgumentException("model " + where + ": clustering.k is " + k + ", must be >= 1");
            }
            List<KSelection.Score> table = new ArrayList<>();
            for (JsonNode row : r.array(cn, "k_selection")) {
                table.add(new KSelection.Score(r.integer(row, "k"), r.dbl(row, "silhouette"),
                        r.dbl(row, "davies_bouldin"), r.dbl(row, "calinski_harabasz"), r.dbl(row, "inertia")));
            }
            JsonNode mn = r.object(cn, "metrics");
            double[][] centroids = r.matrix(cn, "clustering.centroids", "centroids", k, d);
            List<String> features = new ArrayList<>();
            if (cn.has("features")) {
                for (JsonNode f : r.array(cn, "features")) {
                    String name = f.asText();
                    if (!schema.contains(name)) {
                        throw new IllegalArgumentException("model " + where + ": clustering.features names '" + name
                                + "', not a feature of " + schema.version());
                    }
                    features.add(name);
                }
            }
            List<KChoice.Tradeoff> tradeoff = new ArrayList<>();
            if (cn.has("k_tradeoff")) {
                for (JsonNode t : r.array(cn, "k_tradeoff")) {
                    tradeoff.add(new KChoice.Tradeoff(r.integer(t, "k"), r.dbl(t, "silhouette"),
                            r.dbl(t, "bootstrap_ari"), r.integer(t, "smallest_group"), r.dbl(t, "largest_share"),
                            r.node(t, "stable").asBoolean(), r.node(t, "usable").asBoolean()));
                }
            }
            Clustering clustering = new Clustering(method, k, table, r.text(cn, "reason"), r.dbl(mn, "silhouette"),
                    r.dbl(mn, "davies_bouldin"), r.dbl(mn, "calinski_harabasz"),
                    r.node(mn, "silhouette_sampled").asBoolean(), centroids, features, tradeoff);

            List<GroupProfile> groups = new ArrayList<>();
            JsonNode gn = r.array(root, "groups");
            if (gn.size() != k) {
                throw new IllegalArgumentException("model " + where + ": groups has " + gn.size()
                        + " entries, expected k = " + k);
            }
            for (JsonNode g : gn) {
                Map<String, Double> profile = new LinkedHashMap<>();
                JsonNode prof = r.object(g, "profile");
                for (String name : schema.names()) {
                    profile.put(name, r.dbl(prof, name));
                }
                List<Representative> reps = new ArrayList<>();
                for (JsonNode rep : r.array(g, "representatives")) {
                    reps.add(new Representative(r.text(rep, "path"), r.text(rep, "kind"), r.dbl(rep, "distance")));
                }
                groups.add(new GroupProfile(r.integer(g, "id"), r.text(g, "name"), r.integer(g, "size"),
                        r.strings(g, "traits"), profile, reps));
            }

            JsonNode hn = r.object(root, "hierarchy");
            Hierarchy hierarchy = new Hierarchy(r.node(hn, "exact").asBoolean(), r.integer(hn, "leaves"),
                    r.matrix(hn, "hierarchy.linkage", "linkage", -1, 4),
                    r.matrix(hn, "hierarchy.coarse_centroids", "coarse_centroids", -1, d),
                    r.matrix(hn, "hierarchy.fine_centroids", "fine_centroids", -1, d));

            JsonNode pcn = r.object(root, "pca");
            double[][] components = r.matrix(pcn, "pca.components", "components", -1, d);
            PcaResult pca = PcaResult.of(r.doubles(pcn, "pca.mean", "mean", d), components,
                    r.doubles(pcn, "pca.explained_variance", "explained_variance", components.length),
                    r.integer(pcn, "samples"));
            List<String> descriptions = r.strings(pcn, "descriptions");

            JsonNode mapNode = r.object(root, "map");
            JsonNode mo = r.object(mapNode, "options");
            JsonNode lr = r.node(mo, "learning_rate");
            TsneOptions tsneOptions = new TsneOptions(r.dbl(mo, "perplexity"), r.dbl(mo, "early_exaggeration"),
                    r.integer(mo, "exploration_iter"), lr.isNull() ? OptionalDouble.empty()
                            : OptionalDouble.of(r.finite(mo, "map.options.learning_rate", "learning_rate")),
                    r.integer(mo, "max_iter"), r.dbl(mo, "theta"), r.dbl(mo, "initial_momentum"),
                    r.dbl(mo, "final_momentum"), r.dbl(mo, "min_gain"), r.dbl(mo, "min_grad_norm"),
                    r.integer(mo, "max_iter_without_progress"), r.integer(mo, "place_iter"), r.node(mo, "seed").asLong());
            double[][] mapRows = r.matrix(mapNode, "map.rows", "rows", -1, d);
            double[][] embedding = r.matrix(mapNode, "map.embedding", "embedding", mapRows.length, 2);
            TsneMap map = TsneMap.restore(mapRows, embedding, tsneOptions);

            JsonNode an = r.object(root, "anomaly");
            String combine = r.text(an, "combine");
            if (!"max".equals(combine)) {
                throw new IllegalArgumentException("model " + where + ": anomaly.combine is '" + combine
                        + "', this contrastkit knows 'max'");
            }
            JsonNode knn = r.object(an, "knn");
            int refRows = r.integer(knn, "reference_rows");
            if (refRows < 2 || refRows > mapRows.length) {
                throw new IllegalArgumentException("model " + where + ": anomaly.knn.reference_rows is " + refRows
                        + ", must be in [2, " + mapRows.length + "] (the map's rows)");
            }
            double threshold = r.finite(an, "anomaly.threshold", "threshold");
            AnomalyModel anomaly;
            if (an.has("spaces")) {
                JsonNode spn = r.object(an, "spaces");
                List<String> contrastFeatures = r.strings(spn, "contrast_features");
                if (!contrastFeatures.equals(AnomalyModel.FEATURES)) {
                    throw new IllegalArgumentException("model " + where + ": anomaly.spaces.contrast_features is "
                            + contrastFeatures + ", this contrastkit's contrast space is " + AnomalyModel.FEATURES);
                }
                List<String> spectrumFeatures = r.strings(spn, "spectrum_features");
                if (!spectrumFeatures.equals(AnomalyModel.SPECTRUM_FEATURES)) {
                    throw new IllegalArgumentException("model " + where + ": anomaly.spaces.spectrum_features is "
                            + spectrumFeatures + ", this contrastkit's spectrum space is " + AnomalyModel.SPECTRUM_FEATURES);
                }
                AnomalyModel.Spaces spaces = new AnomalyModel.Spaces(
                        r.doubles(spn, "anomaly.spaces.center", "center", schema.size()),
                        r.doubles(spn, "anomaly.spaces.contrast_scale", "contrast_scale", schema.size()),
                        r.doubles(spn, "anomaly.spaces.spectrum_scale", "spectrum_scale", schema.size()));
                anomaly = new AnomalyModel(spaces, r.matrix(knn, "anomaly.knn.reference", "reference", refRows,
                        schema.size()), r.integer(knn, "k"), calibration(r, r.object(knn, "contrast_calibration")),
                        calibration(r, r.object(knn, "spectrum_calibration")), threshold);
            } else {
                JsonNode cdn = r.object(an, "centroid");
                anomaly = new AnomalyModel(r.doubles(cdn, "anomaly.centroid.typical_distance", "typical_distance", k),
                        java.util.Arrays.copyOf(mapRows, refRows), r.integer(knn, "k"),
                        calibration(r, r.object(cdn, "calibration")), calibration(r, r.object(knn, "calibration")),
                        threshold);
            }

            JsonNode csn = r.object(root, "contrast_score");
            List<String> csFeatures = r.strings(csn, "features");
            int m = csFeatures.size();
            double[] knotP = r.doubles(csn, "contrast_score.knot_projection", "knot_projection", -1);
            ContrastScore score = ContrastScore.restore(schema, csFeatures,
                    r.doubles(csn, "contrast_score.center", "center", m),
                    r.doubles(csn, "contrast_score.spread", "spread", m),
                    r.doubles(csn, "contrast_score.weights", "weights", m), knotP,
                    r.doubles(csn, "contrast_score.knot_percentile", "knot_percentile", knotP.length));

            return new ContrastModel(schema, prov, scaler, clustering, groups, hierarchy, pca, descriptions, map,
                    anomaly, score);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg != null && msg.startsWith("model ") ? msg
                    : "model " + where + ": " + msg, e);
        }
    }

    /**
     * A parse failure in the user's words: where in the file, and why, without the parser's internals
     * (its source excerpt, token names or class names).
     */
    static String parseFailure(JsonProcessingException e, String where) {
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getLineNr() < 1 ? ""
                : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        if (e instanceof JsonEOFException) {
            return "model " + where + " is cut short: its JSON ends" + at
                    + " before the document is complete (a truncated or partly copied file?)";
        }
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int cut = reason.length();
        for (String marker : new String[] {"\n", " (start marker", " at [Source", "[Source"}) {
            int i = reason.indexOf(marker);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        reason = reason.substring(0, cut).strip();
        return "model " + where + " is not valid JSON" + at + (reason.isEmpty() ? "" : ": " + reason);
    }

    private static AnomalyModel.Calibration calibration(Reader r, JsonNode n) {
        String kind = r.text(n, "kind");
        if (!"robust-logistic-log".equals(kind)) {
            throw new IllegalArgumentException("anomaly calibration kind is '" + kind
                    + "', this contrastkit knows 'robust-logistic-log'");
        }
        return new AnomalyModel.Calibration(r.dbl(n, "center"), r.dbl(n, "scale"));
    }

    private static Object value(JsonNode v) {
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isNull() ? null : v.asText();
    }

    /** Field access that names the model and the field in every error. */
    private record Reader(String where) {

        JsonNode node(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null) {
                throw new IllegalArgumentException("model " + where + " has no field '" + field + "'");
            }
            return n;
        }

        JsonNode object(JsonNode parent, String field) {
            JsonNode n = node(parent, field);
            if (!n.isObject()) {
                throw new IllegalArgumentException("model " + where + ": '" + field + "' is not an object");
            }
            return n;
        }

        JsonNode array(JsonNode parent, String field) {
            JsonNode n = node(parent, field);
            if (!n.isArray()) {
                throw new IllegalArgumentException("model " + where + ": '" + field + "' is not an array");
            }
            return n;
        }

        String text(JsonNode parent, String field) {
            JsonNode n = node(parent, field);
            if (!n.isTextual()) {
                throw new IllegalArgumentException("model " + where + ": '" + field + "' is not a string");
            }
            return n.textValue();
        }

        int integer(JsonNode parent, String field) {
            JsonNode n = node(parent, field);
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new IllegalArgumentException("model " + where + ": '" + field + "' is not an integer");
            }
            return n.intValue();
        }

        /** A number, or NaN where the writer wrote null (a metric that is undefined, e.g. with one group). */
        double dbl(JsonNode parent, String field) {
            JsonNode n = node(parent, field);
            if (n.isNull()) {
                return Double.NaN;
            }
            if (!n.isNumber()) {
                throw new IllegalArgumentException("model " + where + ": '" + field + "' is not a number");
            }
            return finiteValue(n, "'" + field + "'");
        }

        /** A number that must be present and finite. */
        double finite(JsonNode parent, String label, String field) {
            JsonNode n = node(parent, field);
            if (!n.isNumber()) {
                throw new IllegalArgumentException("model " + where + ": " + label + " is not a number"
                        + (n.isNull() ? " (null)" : ""));
            }
            return finiteValue(n, label);
        }

        /**
         * The node's value, refused when it is not finite: the writer never writes one, and a number such as
         * {@code 1e999} reads as infinity and would silently change every prediction.
         */
        double finiteValue(JsonNode n, String label) {
            double v = n.doubleValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("model " + where + ": " + label + " is " + n.asText()
                        + ", not a finite number (too large for a double?)");
            }
            return v;
        }

        <E extends Enum<E>> E enumValue(JsonNode parent, String field, Class<E> type) {
            String v = text(parent, field);
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model " + where + ": '" + field + "' is '" + v + "'", e);
            }
        }

        List<String> strings(JsonNode parent, String field) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : array(parent, field)) {
                if (!n.isTextual()) {
                    throw new IllegalArgumentException("model " + where + ": '" + field + "' holds a non-string");
                }
                out.add(n.textValue());
            }
            return out;
        }

        /** A number array; {@code expected} < 0 accepts any length. */
        double[] doubles(JsonNode parent, String label, String field, int expected) {
            JsonNode a = array(parent, field);
            if (expected >= 0 && a.size() != expected) {
                throw new IllegalArgumentException("model " + where + ": " + label + " has " + a.size()
                        + " entries, expected " + expected);
            }
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode v = a.get(i);
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("model " + where + ": " + label + "[" + i + "] is not a number");
                }
                out[i] = finiteValue(v, label + "[" + i + "]");
            }
            return out;
        }

        /** A matrix of {@code rows} x {@code cols} ({@code rows} < 0: any count, at least one). */
        double[][] matrix(JsonNode parent, String label, String field, int rows, int cols) {
            JsonNode a = array(parent, field);
            if (rows >= 0 && a.size() != rows) {
                throw new IllegalArgumentException("model " + where + ": " + label + " has " + a.size()
                        + " rows, expected " + rows);
            }
            double[][] out = new double[a.size()][];
            for (int i = 0; i < out.length; i++) {
                JsonNode row = a.get(i);
                if (!row.isArray()) {
                    throw new IllegalArgumentException("model " + where + ": " + label + " row " + i + " is not an array");
                }
                if (row.size() != cols) {
                    throw new IllegalArgumentException("model " + where + ": " + label + " has " + row.size()
                            + " columns, expected " + cols);
                }
                out[i] = new double[cols];
                for (int j = 0; j < cols; j++) {
                    JsonNode v = row.get(j);
                    if (!v.isNumber()) {
                        throw new IllegalArgumentException("model " + where + ": " + label + " row " + i + " column "
                                + j + " is not a number");
                    }
                    out[i][j] = finiteValue(v, label + " row " + i + " column " + j);
                }
            }
            return out;
        }
    }
}
