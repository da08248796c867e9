package io.contrastkit.app.explore;

import io.contrastkit.app.web.LoopbackHosts;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the explorer reads and listens.
 *
 * @param store the feature store (labels and judgements are written to it)
 * @param model the model file
 * @param host  the address to bind; loopback unless a person asks otherwise
 * @param port  the port, 0 for any free one
 */
public record ExplorerOptions(Path store, Path model, String host, int port) {

    /** The default address: this machine only. */
    public static final String LOOPBACK = LoopbackHosts.LOOPBACK;

    public ExplorerOptions {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(model, "model");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is outside 0..65535");
        }
    }

    /** Whether the server is reachable only from this machine. */
    public boolean loopbackOnly() {
        return LoopbackHosts.loopbackOnly(host);
    }
}
