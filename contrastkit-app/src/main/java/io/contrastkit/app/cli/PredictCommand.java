package io.contrastkit.app.cli;

import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.batch.ImageFiles;
import io.contrastkit.app.batch.InputFiles;
import io.contrastkit.app.batch.Threads;
import io.contrastkit.app.stage.ModelFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.Prediction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit predict}: a saved model's prediction for each image file, one JSON object per line. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict group, contrast score, anomaly score and map position of each image with a saved model.",
                "One JSON object per line on stdout: path, features, group, group_name, distance, contrast_score,",
                "anomaly_score, is_anomaly, map [x, y]; a file that cannot be measured gives {path, error: {kind, reason}}.",
                "Use the --max-side and --window the store was extracted with, so features are measured the same way.",
                "Directories are searched recursively. Exit code: 0 all predicted, 1 some failed, 2 usage error or bad model."})
public final class PredictCommand implements Callable<Integer> {

    /** Files measured per batch; bounds memory while keeping map placement batched. */
    private static final int BATCH = 256;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", required = true, description = "Model file written by contrastkit cluster.")
    Path model;

    /** Keep these as the store was extracted with: the model's features must be measured the same way. */
    @CommandLine.Mixin
    ExtractionOptionsMixin extraction = new ExtractionOptionsMixin();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Option(names = "--json", description = "Accepted for symmetry with the other commands: the output is always JSON lines.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image files or directories.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExtractionOptions options;
        int nThreads = Threads.orAllCores(threads);
        try {
            options = extraction.toOptions(spec.commandLine());
            if (nThreads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ContrastModel m;
        try {
            m = ModelFiles.read(model);
        } catch (RuntimeException e) {
            err.println("contrastkit: " + e.getMessage());
            return ExitCode.USAGE;
        }
        InputFiles.Expansion inputs = InputFiles.expand(files);
        inputs.problems().forEach(p -> err.println("contrastkit: " + p));
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(options);
        ImageDecoder decoder = new ImageDecoder(options, NativeSetting.current());
        m.schema().requireVersion(extractor.schema().version(), "model " + model);
        ObjectMapper mapper = new ObjectMapper();
        int failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "predict-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Path> all = inputs.files();
            for (int from = 0; from < all.size(); from += BATCH) {
                List<Path> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                List<Future<Object>> results = new ArrayList<>();
                for (Path f : batch) {
                    results.add(pool.submit(() -> {
                        try {
                            return extractor.extract(decoder.decode(ImageFiles.read(f)));
                        } catch (ImageError e) {
                            return e;
                        }
                    }));
                }
                List<FeatureVector> measured = new ArrayList<>();
                Object[] result = new Object[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    result[i] = results.get(i).get();
                    if (result[i] instanceof FeatureVector v) {
                        measured.add(v);
                    }
                }
                List<Prediction> predictions = m.predictAll(measured.stream().map(FeatureVector::toArray)
                        .toArray(double[][]::new), nThreads);
                int next = 0;
                for (int i = 0; i < batch.size(); i++) {
                    ObjectNode node = mapper.createObjectNode();
                    node.put("path", batch.get(i).toString());
                    if (result[i] instanceof FeatureVector v) {
                        Prediction p = predictions.get(next++);
                        ObjectNode fv = node.putObject("features");
                        v.asMap().forEach(fv::put);
                        node.put("group", p.group());
                        node.put("group_name", p.groupName());
                        node.put("distance", p.distance());
                        node.put("contrast_score", p.contrastScore());
                        node.put("anomaly_score", p.anomalyScore());
                        node.put("is_anomaly", p.anomaly());
                        node.putArray("map").add(p.mapX()).add(p.mapY());
                    } else {
                        ImageError e = (ImageError) result[i];
                        failed++;
                        ObjectNode error = node.putObject("error");
                        error.put("kind", e.kind().name());
                        error.put("reason", e.reason());
                        err.println(batch.get(i) + ": " + e.kind() + ": " + e.reason());
                    }
                    out.println(mapper.writeValueAsString(node));
                }
                out.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        return failed > 0 || !inputs.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
}
