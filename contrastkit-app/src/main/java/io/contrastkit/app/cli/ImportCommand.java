package io.contrastkit.app.cli;


import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit import}: reads a Parquet export (from contrastkit, Spark or pandas) into a store. */
@Command(name = "import",
        header = "Import features from a Parquet export.", mixinStandardHelpOptions = true,
        description = {"Import a Parquet file with columns path, status and the 20 features (other",
                "columns of 'contrastkit export --format parquet' are optional) into a feature",
                "store, created when absent.",
                "Rows replace stored images with the same path. A file of another feature",
                "version is refused.",
                "Exit code: 0 imported, 2 usage error or the file or store cannot be used."})
public final class ImportCommand implements Callable<Integer> {

    /** What the file holds; predictions and labels join when the stages that make them land. */
    enum What { features }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--what", paramLabel = "TABLE", defaultValue = "features",
            description = "What the file holds: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    What what;

    @Parameters(paramLabel = "FILE.parquet", description = "The Parquet file to import.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreSession fsSession = storeOption.open(StoreSession.Access.CREATE, spec.commandLine().getErr())) {
            FeatureStore fs = fsSession.features();
            long rows = switch (what) {
                case features -> fs.importParquet(file);
            };
            out.println("imported " + Plural.of(rows, "image") + " from " + file + " into " + storeOption.path());
            out.flush();
            return ExitCode.OK;
        }
    }
}
