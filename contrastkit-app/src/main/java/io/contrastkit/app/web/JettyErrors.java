package io.contrastkit.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * JSON ({@link JsonErrors}) for the errors Jetty answers itself, before a request reaches a server's
 * routes. A path that climbs above the root ({@code /image/../../etc/passwd}) is such a request: to
 * contrastkit's servers it names nothing, so it is a 404 like any other unknown path, not Jetty's HTML
 * 400 page.
 */
public final class JettyErrors extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attr = request.getAttribute(ERROR_STATUS);
        int status = attr instanceof Integer i ? i : response.getStatus();
        if (status == HttpStatus.BAD_REQUEST_400) {
            status = HttpStatus.NOT_FOUND_404;
        }
        String message = status == HttpStatus.NOT_FOUND_404 ? "not found" : HttpStatus.getMessage(status);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JsonErrors.body(status, null, message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
