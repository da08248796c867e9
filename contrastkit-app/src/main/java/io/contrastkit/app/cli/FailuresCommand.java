package io.contrastkit.app.cli;


import io.contrastkit.app.stage.Csv;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import io.contrastkit.store.FeatureStore;
import io.contrastkit.store.StoredFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit failures}: the images a store could not measure, with the kind and reason of each. */
@Command(name = "failures",
        header = "List the failed images of a store with their error kind and reason.", mixinStandardHelpOptions = true,
        description = {"List the failed images of a feature store: path, error kind and reason, one per",
                "line (tab-separated), or as CSV with header path,kind,reason.",
                "Exit code: 0 listed (even when there are none), 2 the store cannot be read."})
public final class FailuresCommand implements Callable<Integer> {

    enum Format { text, csv }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (path<TAB>kind<TAB>reason) or csv. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<StoredFailure> failures;
        try (StoreSession fsSession = StoreSession.open(storeOption.path(), FeatureSchema.V1, StoreSession.Access.READ)) {
            FeatureStore fs = fsSession.features();
            failures = fs.failures();
        }
        if (format == Format.csv) {
            out.println("path,kind,reason");
        }
        for (StoredFailure f : failures) {
            if (format == Format.csv) {
                out.println(Csv.field(f.path()) + "," + Csv.field(f.kind()) + "," + Csv.field(String.valueOf(f.reason())));
            } else {
                out.println(OneLine.of(f.path()) + "\t" + f.kind() + "\t" + OneLine.of(f.reason()));
            }
        }
        out.flush();
        err.println(failures.size() + " failed image(s) in " + storeOption.path());
        return ExitCode.OK;
    }
}
