package io.contrastkit.app.cli;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit analyze}: extract, cluster, map, score anomalies, validate and report in one run. */
@Command(name = "analyze",
        header = "Extract, cluster, validate and report in one command.", mixinStandardHelpOptions = true,
        description = {"The whole job in one command: extract the features of PATH... into",
                "DIR/contrastkit.duckdb, learn the contrast groups (k chosen automatically",
                "unless --k), the maps and the anomaly scores into DIR/model.json, run the",
                "label-free validation checks and write DIR/report/index.html.",
                "Running it again on the same DIR skips unchanged images. Progress goes to",
                "stderr; the three paths are printed on stdout.",
                "Exit code: 0 done, 1 done but some images failed, 2 usage error or a stage",
                "could not run."})
public final class AnalyzeCommand implements Callable<Integer> {


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the store, the model and the report.")
    Path out;

    @Option(names = "--k", paramLabel = "N|auto", defaultValue = "auto",
            description = "Number of groups, or auto (highest silhouette over 2..12). Default: ${DEFAULT-VALUE}.")
    String k;

    @CommandLine.Mixin
    SeedOption seedOption = new SeedOption();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, globs or @list files.")
    List<String> paths;

    @Override
    public Integer call() throws IOException, InterruptedException {
        AnalysisRun.Settings settings;
        try {
            settings = new AnalysisRun.Settings(paths, out, k, seedOption.value(), threadsOption.count());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return AnalysisRun.run(settings, CreatedAt.now(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
