package io.contrastkit.app.cli;

import io.contrastkit.app.stage.ModelFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.learn.cluster.KSelection;
import io.contrastkit.learn.model.AnomalyModel;
import io.contrastkit.learn.model.Clustering;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastScore;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.model.Hierarchy;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.learn.model.Representative;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit model}: inspects saved model files. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect a saved contrast model.",
        subcommands = {ModelCommand.Show.class})
public final class ModelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code model} without a subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code contrastkit model show M}: what a model holds and where it came from. */
    @Command(name = "show", mixinStandardHelpOptions = true, header = "Summarise a model file.",
            description = {"Shows versions, provenance, groups and their names, k selection, metrics,",
                    "hierarchy, PCA, map, anomaly detectors and the contrast score.",
                    "Exit code: 0 shown, 2 the file is missing or not a model this contrastkit reads."})
    static final class Show implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "M", description = "Model file.")
        Path file;

        @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ContrastModel m;
            try {
                m = ModelFiles.read(file);
            } catch (RuntimeException e) {
                err.println("contrastkit: " + e.getMessage());
                return ExitCode.USAGE;
            }
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(summary(m)));
            } else {
                text(m, out);
            }
            out.flush();
            return ExitCode.OK;
        }

        private static ObjectNode summary(ContrastModel m) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("format", ContrastModel.FORMAT);
            node.put("model_id", m.id());
            node.put("feature_version", m.schema().version());
            node.set("provenance", ModelFiles.provenance(m.provenance()));
            ModelFiles.clustering(node, m);
            node.set("groups", ModelFiles.groups(m));
            Hierarchy h = m.hierarchy();
            ObjectNode hi = node.putObject("hierarchy");
            hi.put("exact", h.exact());
            hi.put("leaves", h.leaves());
            hi.put("coarse_clusters", h.coarseCentroids().length);
            hi.put("fine_clusters", h.fineCentroids().length);
            ObjectNode pca = node.putObject("pca");
            ArrayNode ratio = pca.putArray("explained_variance_ratio");
            for (double r : m.pca().explainedVarianceRatio()) {
                ratio.add(r);
            }
            ArrayNode desc = pca.putArray("descriptions");
            m.pcaDescriptions().forEach(desc::add);
            node.putObject("map").put("anchor_rows", m.map().size());
            AnomalyModel a = m.anomaly();
            ObjectNode an = node.putObject("anomaly");
            an.put("threshold", a.threshold());
            an.put("combine", "max");
            an.put("knn_k", a.k());
            an.put("knn_reference_rows", a.referenceRows());
            ContrastScore cs = m.contrastScore();
            ObjectNode sc = node.putObject("contrast_score");
            ObjectNode w = sc.putObject("weights");
            double[] weights = cs.weights();
            for (int i = 0; i < weights.length; i++) {
                w.put(cs.features().get(i), weights[i]);
            }
            return node;
        }

        private static void text(ContrastModel m, PrintWriter out) {
            Provenance p = m.provenance();
            Clustering c = m.clustering();
            out.printf(Locale.ROOT, "model %s (%s, %s)%n", m.id(), ContrastModel.FORMAT, m.schema().version());
            out.printf(Locale.ROOT, "fitted %s by contrastkit %s on %s of %s, seed %d%n", p.createdAt(),
                    p.toolVersion(), Plural.of(p.rows(), "image"), p.store(), p.seed());
            out.printf(Locale.ROOT, "  %s; %s%n", ModelFiles.javaText(p), p.os());
            out.printf(Locale.ROOT, "  options %s%n", p.options());
            out.printf(Locale.ROOT, "%s by %s on %s-scaled features: %s%n", Plural.of(c.k(), "group"),
                    c.method().name().toLowerCase(Locale.ROOT), m.scaler().kind().name().toLowerCase(Locale.ROOT), c.reason());
            out.printf(Locale.ROOT, "  silhouette %.4f, Davies-Bouldin %.4f, Calinski-Harabasz %.1f%n", c.silhouette(),
                    c.daviesBouldin(), c.calinskiHarabasz());
            out.println("  k    silhouette  Davies-Bouldin  Calinski-Harabasz  inertia");
            for (KSelection.Score s : c.table()) {
                out.printf(Locale.ROOT, "  %-3d  %10.4f  %14.4f  %17.1f  %.1f%n", s.k(), s.silhouette(), s.daviesBouldin(),
                        s.calinskiHarabasz(), s.inertia());
            }
            for (GroupProfile g : m.groups()) {
                out.printf(Locale.ROOT, "group %d: %s (%s)%n", g.id(), g.name(), Plural.of(g.size(), "image"));
                for (Representative r : g.representatives()) {
                    out.printf(Locale.ROOT, "  %-7s %s%n", r.kind(), r.path());
                }
            }
            Hierarchy h = m.hierarchy();
            out.printf(Locale.ROOT, "hierarchy: Ward, %s over %s; cuts of %d and %s%n",
                    h.exact() ? "exact" : "micro-clusters", Plural.of(h.leaves(), "leaf", "leaves"),
                    h.coarseCentroids().length, Plural.of(h.fineCentroids().length, "cluster"));
            double[] ratio = m.pca().explainedVarianceRatio();
            for (int i = 0; i < Math.min(3, ratio.length); i++) {
                out.printf(Locale.ROOT, "PC%d: %.1f%% of variance, %s%n", i + 1, 100 * ratio[i], m.pcaDescriptions().get(i));
            }
            out.printf(Locale.ROOT, "map: t-SNE anchored on %s%n", Plural.of(m.map().size(), "image"));
            AnomalyModel a = m.anomaly();
            out.printf(Locale.ROOT, "anomaly: max of centroid-distance and %d-NN detectors (reference %s),"
                    + " flagged at >= %.2f%n", a.k(), Plural.of(a.referenceRows(), "image"), a.threshold());
            ContrastScore cs = m.contrastScore();
            StringBuilder w = new StringBuilder();
            double[] weights = cs.weights();
            for (int i = 0; i < weights.length; i++) {
                w.append(i > 0 ? ", " : "").append(cs.features().get(i))
                        .append(String.format(Locale.ROOT, " %.3f", weights[i]));
            }
            out.println("contrast score: weights " + w);
        }
    }
}
