package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Csv;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.ImageOutcome;
import io.contrastkit.app.batch.Measurement;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.batch.InputFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.decode.ImageDecoder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Image files or directories.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExtractionOptions options = extraction.toOptions(spec.commandLine());
        int nThreads = threadsOption.count();
        if (nThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + nThreads);
        }
        InputFiles.Expansion inputs = InputFiles.expand(files);
        inputs.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));

        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(options);
        FeatureSchema schema = extractor.schema();
        ImageBatchRunner runner = new ImageBatchRunner(new ImageBatchRunner.Options(nThreads, true, false),
                new ImageDecoder(options, NativeSetting.current()));
        ObjectMapper json = new ObjectMapper();
        if (format == Format.csv) {
            out.println("path," + String.join(",", schema.names()));
        }
        // In input order: the runner keeps all cores busy and hands outcomes back in the order of the arguments.
        ImageBatchRunner.Totals totals = runner.run(inputs.candidates(),
                Measurement.work(runner.decoder(), extractor), o -> {
                    String f = o.candidate().path().toString();
                    if (o instanceof ImageOutcome.Done<Measurement> d) {
                        FeatureVector v = d.value().features();
                        if (format == Format.csv) {
                            out.println(Csv.field(f) + "," + Csv.values(v.toArray()));
                        } else {
                            ObjectNode node = json.createObjectNode();
                            node.put("path", f);
                            node.put("feature_version", schema.version());
                            ObjectNode fv = node.putObject("features");
                            v.asMap().forEach(fv::put);
                            out.println(node.toString());
                        }
                    } else if (o instanceof ImageOutcome.Failed<Measurement> e) {
                        err.println(OneLine.of(f) + ": " + e.error().kind() + ": " + OneLine.of(e.error().reason()));
                    }
                });
        long failed = totals.failed();
        out.flush();
        return failed > 0 || !inputs.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
}
