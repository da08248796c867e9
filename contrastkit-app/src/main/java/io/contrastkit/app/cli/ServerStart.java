package io.contrastkit.app.cli;

/** The line for a server (explorer, service) that did not start, shared by the commands that start one. */
final class ServerStart {

    private ServerStart() {
    }

    /**
     * "cannot listen" only when the socket could not be bound (Jetty wraps a busy port's
     * {@link java.net.BindException}); any other failure (a model that does not fit the store, a bug) is
     * named as what it is, not as a port problem.
     *
     * @param server how the line names the server ("the explorer")
     */
    static String failure(RuntimeException e, String server, String host, int port) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.SocketException || root instanceof java.nio.channels.UnresolvedAddressException) {
            return "cannot listen on " + host + ":" + port + ": " + root.getMessage();
        }
        String what = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "cannot start " + server + ": " + what;
    }
}
