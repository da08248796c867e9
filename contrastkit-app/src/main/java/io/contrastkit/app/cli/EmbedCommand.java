package io.contrastkit.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.stage.EmbeddingService;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit embed}: writes a trained deep model's embedding of every image into the store. */
@Command(name = "embed", header = "Write a deep model's embeddings of the store's images into the store.",
        mixinStandardHelpOptions = true,
        description = {"Embed every image of the store with a model that train saved, and",
                "store the vectors under the model's id (table embeddings; a model's",
                "earlier embeddings are replaced). Uses the store's tensor cache.",
                "Progress goes to stderr. Exit code: 0 embedded, 2 usage error or a",
                "store or model that cannot be used."})
public final class EmbedCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "The model directory train wrote (<run>/model).")
    Path model;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @CommandLine.Mixin
    EngineOption engineOption = new EngineOption();

    @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddingService.Options options;
        try {
            options = new EmbeddingService.Options(model, batch, engineOption.value());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        EmbeddingService.Result r;
        try (StoreSession session = storeOption.open(StoreSession.Access.WRITE, err)) {
            r = EmbeddingService.embed(options, session, new CliProgress("embed", err));
        }
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("model_id", r.modelId());
            node.put("store", storeOption.path().toString());
            node.put("rows", r.rows());
            node.put("size", r.size());
            node.put("cache_failed", r.cache().failures().size());
            stdout.println(new ObjectMapper().writeValueAsString(node));
        } else {
            stdout.printf("embedded %d images with %s (%d values each) into %s%n", r.rows(), r.modelId(), r.size(),
                    storeOption.path());
        }
        for (var f : r.cache().failures()) {
            err.println("not embedded: " + f.path() + ": " + f.reason());
        }
        return ExitCode.OK;
    }
}
