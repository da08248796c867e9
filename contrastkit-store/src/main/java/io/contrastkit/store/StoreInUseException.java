package io.contrastkit.store;

/** Another process holds the store's file lock (DuckDB allows one writing process per file). */
public final class StoreInUseException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
