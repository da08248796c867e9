package io.contrastkit.app.explore;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreInUseException;
import io.contrastkit.store.StoreSession;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The explorer's way to its store: it holds no session while idle, so other commands and any DuckDB
 * client can open the file. Each request that reads labels or judgements opens a short read-only session,
 * each that writes one a short read-write session (one transaction), and closes it before answering. An
 * open waits briefly for another process's lock (the store does that); when the file stays locked, the
 * request answers 503 and says that nothing was saved, so no label is ever dropped silently.
 */
final class StoreAccess {

    private final Path file;

    StoreAccess(Path file) {
        this.file = file;
    }

    /** Runs {@code work} on a read-only session of the store. */
    synchronized <T> T read(Function<StoreSession, T> work) {
        return with(StoreSession.Access.READ, work, "nothing was read");
    }

    /** Runs {@code work} on a short read-write session; {@code what} names what is lost if the store is held. */
    synchronized <T> T write(Function<StoreSession, T> work, String what) {
        return with(StoreSession.Access.WRITE, work, what + " was not saved; try again");
    }

    private <T> T with(StoreSession.Access access, Function<StoreSession, T> work, String consequence) {
        StoreSession session;
        try {
            session = StoreSession.open(file, FeatureSchema.V1, access);
        } catch (StoreInUseException e) {
            throw new HttpResponseException(503, e.getMessage() + "; " + consequence);
        }
        try (session) {
            return work.apply(session);
        }
    }
}
