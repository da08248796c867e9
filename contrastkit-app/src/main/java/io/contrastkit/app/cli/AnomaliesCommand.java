package io.contrastkit.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.StalePredictions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.PredictionTable;
import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit anomalies}: the images of a store with the highest anomaly scores. */
@Command(name = "anomalies",
        header = "List the most unusual images of the latest model.", mixinStandardHelpOptions = true,
        description = {"List the images with the highest anomaly scores from the predictions",
                "contrastkit cluster stored (the latest model's unless --model-id is given):",
                "rank, score, flag, contrast score, group, path.",
                "Exit code: 0 listed, 2 the store cannot be read or holds no predictions."})
public final class AnomaliesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "How many to list. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--model-id", paramLabel = "ID", description = "Which model's predictions. Default: the latest.")
    String modelId;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1, got " + top);
        }
        String id;
        List<PredictionTable.PathRow> rows;
        try (StoreSession tableSession = StoreSession.open(storeOption.path(), FeatureSchema.V1, StoreSession.Access.READ)) {
            PredictionTable table = tableSession.predictions();
            Optional<String> chosen = modelId != null ? Optional.of(modelId) : table.latestModel();
            if (chosen.isEmpty()) {
                err.println("contrastkit: store " + storeOption.path() + " has no predictions (run contrastkit cluster first)");
                return ExitCode.USAGE;
            }
            id = chosen.get();
            rows = table.topAnomalies(id, top);
            StalePredictions.of(table, id).ifPresent(w -> err.println("contrastkit: " + w));
            if (rows.isEmpty() && table.models().stream().noneMatch(e -> e.modelId().equals(id))) {
                err.println("contrastkit: store " + storeOption.path() + " has no predictions of model " + id);
                return ExitCode.USAGE;
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = mapper.createObjectNode();
            node.put("model_id", id);
            ArrayNode list = node.putArray("anomalies");
            for (PredictionTable.PathRow r : rows) {
                ObjectNode o = list.addObject();
                o.put("path", r.path());
                o.put("anomaly_score", r.row().anomalyScore());
                o.put("is_anomaly", r.row().anomaly());
                o.put("contrast_score", r.row().contrastScore());
                o.put("group", r.row().group());
                o.put("group_name", r.row().groupName());
            }
            out.println(mapper.writeValueAsString(node));
        } else {
            int rank = 1;
            for (PredictionTable.PathRow r : rows) {
                out.printf(Locale.ROOT, "%3d  %.4f  %-7s  contrast %5.1f  %-30s  %s%n", rank++, r.row().anomalyScore(),
                        r.row().anomaly() ? "ANOMALY" : "-", r.row().contrastScore(), r.row().groupName(), r.path());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
