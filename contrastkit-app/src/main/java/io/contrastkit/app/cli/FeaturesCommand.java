package io.contrastkit.app.cli;

import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.batch.ImageFiles;
import io.contrastkit.app.batch.InputFiles;
import io.contrastkit.app.batch.Threads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
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

/** {@code contrastkit features}: the v1 feature vector of each file, as CSV or JSON lines on stdout. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Print the contrast feature vector (contrast-features/v1) of each image.",
                "Directories are searched recursively. Failed files are reported on stderr.",
                "Exit code: 0 all images succeeded, 1 some failed, 2 usage error."})
public final class FeaturesCommand implements Callable<Integer> {

    enum Format { csv, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ExtractionOptionsMixin extraction = new ExtractionOptionsMixin();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv (header path,<20 features>) or json (one object per line). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image files or directories.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExtractionOptions options = extraction.toOptions(spec.commandLine());
        int nThreads = Threads.orAllCores(threads);
        if (nThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + nThreads);
        }
        InputFiles.Expansion inputs = InputFiles.expand(files);
        inputs.problems().forEach(p -> err.println("contrastkit: " + p));

        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(options);
        ImageDecoder decoder = new ImageDecoder(options, NativeSetting.current());
        FeatureSchema schema = extractor.schema();
        ObjectMapper json = new ObjectMapper();
        if (format == Format.csv) {
            out.println("path," + String.join(",", schema.names()));
        }
        int failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "features-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            // Submit in input order and print in input order; the pool keeps all cores busy meanwhile.
            List<Future<Object>> results = new ArrayList<>();
            for (Path f : inputs.files()) {
                results.add(pool.submit(() -> {
                    try {
                        return extractor.extract(decoder.decode(ImageFiles.read(f)));
                    } catch (ImageError e) {
                        return e;
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                Path f = inputs.files().get(i);
                Object r = results.get(i).get();
                if (r instanceof FeatureVector v) {
                    if (format == Format.csv) {
                        out.println(Csv.field(f.toString()) + "," + Csv.values(v.toArray()));
                    } else {
                        ObjectNode node = json.createObjectNode();
                        node.put("path", f.toString());
                        node.put("feature_version", schema.version());
                        ObjectNode fv = node.putObject("features");
                        v.asMap().forEach(fv::put);
                        out.println(json.writeValueAsString(node));
                    }
                } else {
                    ImageError e = (ImageError) r;
                    failed++;
                    err.println(f + ": " + e.kind() + ": " + e.reason());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        return failed > 0 || !inputs.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
}
