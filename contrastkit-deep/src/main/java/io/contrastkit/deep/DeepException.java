package io.contrastkit.deep;

/** A deep-learning step could not run (engine, device, cache, checkpoint); the message names the place and why. */
public class DeepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeepException(String message) {
        super(message);
    }

    public DeepException(String message, Throwable cause) {
        super(message, cause);
    }
}
