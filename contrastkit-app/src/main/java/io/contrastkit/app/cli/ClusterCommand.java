package io.contrastkit.app.cli;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.ModelFitResult;
import io.contrastkit.app.stage.ModelFittingService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.scale.Scaler;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit cluster}: fits a contrast model to a store and writes its predictions back into the store. */
@Command(name = "cluster",
        header = "Learn contrast groups, hierarchy, map, anomaly and contrast scores.", mixinStandardHelpOptions = true,
        description = {"Learn the collection's contrast groups, hierarchy, map, anomaly scores and",
                "contrast score from a feature store; write the model file and store one",
                "prediction per image.",
                "Progress goes to stderr. Exit code: 0 fitted, 2 usage error or the store or",
                "model cannot be used."})
public final class ClusterCommand implements Callable<Integer> {

    enum Method { kmeans, ward }

    enum ScalerName { standard, robust }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--k", paramLabel = "N|auto", defaultValue = "auto",
            description = "Number of groups, or auto to choose over --k-range by separation, stability and group size (README: How k is chosen). Default: ${DEFAULT-VALUE}.")
    String k;

    @Option(names = "--k-range", paramLabel = "MIN..MAX", defaultValue = "2..12",
            description = "k tried by --k auto. Default: ${DEFAULT-VALUE}.")
    String kRange;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "kmeans",
            description = "kmeans or ward (a cut of the Ward hierarchy). Default: ${DEFAULT-VALUE}.")
    Method method;

    @Option(names = "--scaler", paramLabel = "SCALER", defaultValue = "standard",
            description = "standard (mean/std) or robust (median/IQR). Default: ${DEFAULT-VALUE}.")
    ScalerName scaler;

    @CommandLine.Mixin
    SeedOption seedOption = new SeedOption();

    @Option(names = "--cuts", paramLabel = "COARSE,FINE", defaultValue = "3,5",
            description = "Clusters in the hierarchy's coarse and fine cuts. Default: ${DEFAULT-VALUE}.")
    String cuts;

    @Option(names = "--map-sample", paramLabel = "N", defaultValue = "10000",
            description = "At most this many images (a seeded sample) anchor the t-SNE map; the rest are placed. Default: ${DEFAULT-VALUE}.")
    int mapSample;

    @Option(names = "--features", paramLabel = "all|contrast|NAME,...",
            description = "Features the groups are found in: contrast (u_dr and michelson, measured best),"
                    + " all 20, or a comma-separated list of names. Anomaly scores use the same features."
                    + " Default: contrast (0.1 with --recipe 0.1: all).")
    String features;

    @Option(names = "--recipe", paramLabel = "0.2|0.1", defaultValue = "0.2",
            description = "Fitting rules: 0.2 (duplicates fitted once, k must be stable with useful group sizes) or"
                    + " 0.1 (as contrastkit 0.1.0 fitted: all rows, all features, k by silhouette alone)."
                    + " Default: ${DEFAULT-VALUE}.")
    String recipe;

    @Option(names = "--model", paramLabel = "OUT.json", required = true, description = "Model file to write (replaced if present).")
    Path model;

    @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelFittingService.Options options = new ModelFittingService.Options(options(), seedOption.value(), model, CreatedAt.now());
        ModelFitResult fit;
        try (StoreSession session = storeOption.open(StoreSession.Access.WRITE, spec.commandLine().getErr())) {
            fit = ModelFittingService.fit(options, session, new CliProgress("cluster", err));
        }
        ContrastModel m = fit.model();
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("model", model.toString());
            node.put("model_id", m.id());
            node.put("store", storeOption.path().toString());
            node.put("rows", fit.rows());
            ModelFiles.clustering(node, m);
            node.set("groups", ModelFiles.groups(m));
            node.put("anomalies", fit.anomalies());
            node.put("anomaly_threshold", m.anomaly().threshold());
            out.println(new ObjectMapper().writeValueAsString(node));
        } else {
            StageText.fitted(fit, storeOption.path(), model, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private ContrastModelOptions options() {
        try {
            int fixedK = 0;
            if (!"auto".equalsIgnoreCase(k)) {
                fixedK = parseInt("--k", k);
            }
            String[] range = kRange.split("\\.\\.");
            if (range.length != 2) {
                throw new IllegalArgumentException("--k-range must look like 2..12, got " + kRange);
            }
            String[] c = cuts.split(",");
            if (c.length != 2) {
                throw new IllegalArgumentException("--cuts must look like 3,5, got " + cuts);
            }
            return ContrastModelOptions.defaults()
                    .withMethod(method == Method.ward ? ContrastModelOptions.Method.WARD : ContrastModelOptions.Method.KMEANS)
                    .withK(fixedK)
                    .withKRange(parseInt("--k-range", range[0]), parseInt("--k-range", range[1]))
                    .withScaler(scaler == ScalerName.robust ? Scaler.ROBUST : Scaler.STANDARD)
                    .withCuts(parseInt("--cuts", c[0]), parseInt("--cuts", c[1]))
                    .withMapSample(mapSample)
                    .withRecipe(recipe(recipe))
                    .withFeatures(features(features, recipe(recipe)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static ContrastModelOptions.Recipe recipe(String value) {
        return switch (value.trim()) {
            case "0.1" -> ContrastModelOptions.Recipe.V0_1;
            case "0.2" -> ContrastModelOptions.Recipe.V0_2;
            default -> throw new IllegalArgumentException("--recipe must be 0.1 or 0.2, got '" + value + "'");
        };
    }

    /** all, contrast or names; null: the recipe's default. Names are checked against the v1 schema. */
    static List<String> features(String value, ContrastModelOptions.Recipe recipe) {
        if (value == null) {
            return recipe == ContrastModelOptions.Recipe.V0_1 ? List.of() : ContrastModelOptions.CONTRAST_FEATURES;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("all")) {
            return List.of();
        }
        if (v.equalsIgnoreCase("contrast")) {
            return ContrastModelOptions.CONTRAST_FEATURES;
        }
        List<String> names = new ArrayList<>();
        for (String part : v.split(",")) {
            String name = part.trim();
            if (!FeatureSchema.V1.contains(name)) {
                throw new IllegalArgumentException("--features names '" + name + "', not a feature of "
                        + FeatureSchema.V1.version() + " (known: " + String.join(", ", FeatureSchema.V1.names()) + ")");
            }
            names.add(name);
        }
        // in schema order, so that the same set always gives the same model
        names.sort(java.util.Comparator.comparingInt(FeatureSchema.V1::indexOf));
        return names.size() == FeatureSchema.V1.size() ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(names));
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, got '" + value + "'");
        }
    }
}
