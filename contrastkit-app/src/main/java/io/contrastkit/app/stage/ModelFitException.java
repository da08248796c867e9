package io.contrastkit.app.stage;

/**
 * Why {@link ModelFittingService#fit} could not fit or store a model; the message is the one-line reason
 * a person reads (the command line prefixes it with {@code contrastkit: }).
 */
public final class ModelFitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so that each way in can choose its own answer (exit code, HTTP status). */
    public enum Kind {
        /** The store could not be opened or read. */
        STORE,
        /** The store holds fewer measured images than a model needs. */
        TOO_FEW_ROWS,
        /** The options do not fit the data (e.g. a fixed k larger than the store). */
        INVALID,
        /** The model file was written, but storing its predictions failed: the file exists, the store lacks them. */
        PREDICTIONS_NOT_STORED
    }

    private final Kind kind;

    ModelFitException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
