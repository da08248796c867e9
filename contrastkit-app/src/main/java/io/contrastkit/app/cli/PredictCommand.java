package io.contrastkit.app.cli;

import io.contrastkit.app.batch.InputFiles;
import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.PredictionJson;
import io.contrastkit.app.stage.PredictionService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.learn.model.ContrastModel;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit predict}: a saved model's prediction for each image file, one JSON object per line. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Predict group, contrast score, anomaly score and map position of images.",
        description = {"Predicts each image's group, contrast score, anomaly score and map position",
                "with a saved model.",
                "One JSON object per line on stdout: path, features, group, group_name,",
                "distance, contrast_score, anomaly_score, is_anomaly, map [x, y]; a file that",
                "cannot be measured gives {path, error: {kind, reason}}.",
                "Use the --max-side and --window the store was extracted with, so features are",
                "measured the same way.",
                "Directories are searched recursively. Exit code: 0 all predicted, 1 some",
                "failed, 2 usage error or bad model."})
public final class PredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ModelOption modelOption = new ModelOption();

    /** Keep these as the store was extracted with: the model's features must be measured the same way. */
    @CommandLine.Mixin
    ExtractionOptionsMixin extraction = new ExtractionOptionsMixin();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Option(names = "--json", description = "Accepted for symmetry with the other commands: the output is always JSON lines.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image files or directories.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PredictionService.Options options;
        try {
            options = new PredictionService.Options(extraction.toOptions(spec.commandLine()), threadsOption.count());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ContrastModel m;
        try {
            m = ModelFiles.read(modelOption.path());
        } catch (RuntimeException e) {
            err.println("contrastkit: " + e.getMessage());
            return ExitCode.USAGE;
        }
        InputFiles.Expansion inputs = InputFiles.expand(files);
        inputs.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));
        // After the input problems, as before: a model of another feature version stops the run here.
        PredictionService service = new PredictionService(m, "model " + modelOption.path(), options);
        ObjectMapper mapper = new ObjectMapper();
        int[] written = {0};
        PredictionService.Totals totals = service.predictCandidates(inputs.candidates(), r -> {
            out.println(line(mapper, r));
            if (r instanceof PredictionService.ImagePrediction.Failed f) {
                err.println(OneLine.of(f.path()) + ": " + f.error().kind() + ": " + OneLine.of(f.error().reason()));
            }
            // Flushed per batch, as the service measures them, so a long run shows its results as it goes.
            if (++written[0] % PredictionService.BATCH == 0) {
                out.flush();
            }
        });
        out.flush();
        return totals.failed() > 0 || !inputs.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    private static String line(ObjectMapper mapper, PredictionService.ImagePrediction r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("path", r.path().toString());
        if (r instanceof PredictionService.ImagePrediction.Predicted ok) {
            PredictionJson.fill(node, ok.features(), ok.prediction());
        } else if (r instanceof PredictionService.ImagePrediction.Failed f) {
            ObjectNode error = node.putObject("error");
            error.put("kind", f.error().kind().name());
            error.put("reason", f.error().reason());
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }
}
