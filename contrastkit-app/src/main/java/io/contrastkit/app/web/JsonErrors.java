package io.contrastkit.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one error body of contrastkit's HTTP servers (explorer and service): {@code {"code": ..., "message": ...}},
 * a short snake_case code a program branches on and a one-line message for people.
 */
public final class JsonErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrors() {
    }

    /** Answers {@code status} with the body; {@code code} null takes the status's own ({@link #code(int)}). */
    public static void write(Context ctx, int status, String code, String message) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body(status, code, message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body for {@code status}: {@code code} (null: the status's own) and {@code message}. */
    public static ObjectNode body(int status, String code, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("code", code == null ? code(status) : code);
        o.put("message", message == null || message.isBlank() ? code(status).replace('_', ' ') : message);
        return o;
    }

    /** The code of a status when nothing more specific is known: {@code not_found}, {@code too_large}, ... */
    public static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "timeout";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }
}
