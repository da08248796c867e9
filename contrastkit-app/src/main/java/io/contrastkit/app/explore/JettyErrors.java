package io.contrastkit.app.explore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * JSON for the errors Jetty answers itself, before a request reaches the explorer's routes. A path that
 * climbs above the root ({@code /image/../../etc/passwd}) is such a request: to the explorer it names no
 * image, so it is a 404 like any other unknown image, not Jetty's HTML 400 page.
 */
final class JettyErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attr = request.getAttribute(ERROR_STATUS);
        int status = attr instanceof Integer i ? i : response.getStatus();
        if (status == HttpStatus.BAD_REQUEST_400) {
            status = HttpStatus.NOT_FOUND_404;
        }
        String message = status == HttpStatus.NOT_FOUND_404 ? "not found" : HttpStatus.getMessage(status);
        byte[] body = ("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"status\":"
                + status + "}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
