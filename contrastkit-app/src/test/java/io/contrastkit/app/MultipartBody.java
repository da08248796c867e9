package io.contrastkit.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A multipart/form-data request body for the service's tests: one file part per image, named as given. */
public final class MultipartBody {

    /** The boundary every body here uses. */
    public static final String BOUNDARY = "ck-test-boundary-7d1f";

    /** The Content-Type header that goes with {@link #of}. */
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private MultipartBody() {
    }

    /** The body with a part {@code image<i>} per entry, its file name the key, in the map's order. */
    public static byte[] of(Map<String, byte[]> files) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int i = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image" + (i++) + "\"; filename=\""
                    + f.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(f.getValue());
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }
}
