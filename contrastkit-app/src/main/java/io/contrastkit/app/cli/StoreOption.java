package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store FILE} option, declared once for every command that works on a feature store. */
public final class StoreOption {

    @Option(names = "--store", paramLabel = "FILE", defaultValue = Defaults.STORE,
            description = "Feature store (a DuckDB file written by 'contrastkit extract'). Default: ${DEFAULT-VALUE}.")
    Path store;

    /** Opens the store; when an older store is migrated on the way, {@code err} is told so. */
    public StoreSession open(StoreSession.Access access, PrintWriter err) {
        return StoreOpening.open(store, access, err);
    }

    /** The store file as the user named it. */
    public Path path() {
        return store;
    }
}
