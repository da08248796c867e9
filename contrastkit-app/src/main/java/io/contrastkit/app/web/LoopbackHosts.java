package io.contrastkit.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * Loopback binding and the Host check that goes with it: a server bound to this machine answers only
 * requests that name this machine, so a web page elsewhere cannot reach it through DNS rebinding.
 */
public final class LoopbackHosts {

    /** The default address of every contrastkit server: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    private LoopbackHosts() {
    }

    /** The http address of a server bound to {@code host} and {@code port} (an IPv6 literal in brackets). */
    public static java.net.URI url(String host, int port) {
        return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }

    /** Whether binding {@code host} makes a server reachable only from this machine. */
    public static boolean loopbackOnly(String host) {
        return host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1");
    }

    /**
     * Refuses (403) a request whose Host header names anything but this machine.
     *
     * @param server how the message names the server ("explorer", "service")
     */
    public static void requireLoopbackHost(Context ctx, String server) {
        String host = ctx.header("Host");
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "");
        if (!(name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]"))) {
            throw new HttpResponseException(403, "this " + server + " answers only requests addressed to this machine"
                    + " (Host " + (host == null ? "missing" : "'" + host + "'") + ")");
        }
    }
}
