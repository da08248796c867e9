package io.contrastkit.deep.cache;

import io.contrastkit.deep.DeepException;

/** A tensor cache could not be opened, read or written, or is of another size; the message names the file. */
public class TensorCacheException extends DeepException {

    private static final long serialVersionUID = 1L;

    public TensorCacheException(String message) {
        super(message);
    }

    public TensorCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
