package io.contrastkit.app.serve;

/** A request the service refuses: the status, the code of its JSON body, and when to try again (503). */
final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    /** Seconds for Retry-After, or 0 for none. */
    private final int retryAfter;

    ServiceError(int status, String code, String message) {
        this(status, code, message, 0);
    }

    ServiceError(int status, String code, String message, int retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    int retryAfter() {
        return retryAfter;
    }
}
