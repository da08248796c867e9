package io.contrastkit.app.cli;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Opens a store for a command and tells the person when an older store was migrated (and where its backup is). */
final class StoreOpening {

    private StoreOpening() {
    }

    /** {@link StoreSession#open} of the v1 feature schema, with the migration notice on {@code err}. */
    static StoreSession open(Path store, StoreSession.Access access, PrintWriter err) {
        StoreSession session = StoreSession.open(store, FeatureSchema.V1, access);
        session.migration().ifPresent(m -> {
            err.println("contrastkit: " + m.describe(store));
            err.flush();
        });
        return session;
    }
}
