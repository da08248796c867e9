package io.contrastkit.app.serve;

import io.contrastkit.app.web.LoopbackHosts;
import io.contrastkit.core.ExtractionOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the prediction service listens and how much it takes on.
 *
 * @param model        the model file
 * @param extraction   the options the model's store was extracted with, so features are measured the same way
 * @param host         the address to bind; loopback unless a person asks otherwise
 * @param port         the port, 0 for any free one
 * @param token        when not null, every {@code /v1} request needs {@code Authorization: Bearer <token>}
 * @param threads      images measured at once, at least 1
 * @param queue        requests that may wait for a worker beyond those being measured, at least 0; one more is
 *                     answered 503 with Retry-After
 * @param maxBodyBytes the largest request body (a batch's whole body included); a larger one is answered 413,
 *                     before it is read when its length is declared
 * @param timeoutMillis the longest a request may wait and be measured, from admission; past it the answer is
 *                      504 {@code timeout} and the work's result is dropped
 * @param maxBatch     the most images one {@code /v1/predict/batch} request may carry; more is 413
 * @param refitEvery   refit the model in the background after this many served images (hybrid tier), 0 for
 *                     only on {@code POST /v1/model/refit}
 * @param bufferRows   the most served images' features kept for refits and drift (the newest)
 * @param keepVersions the most model versions kept for rollback
 * @param store        when not null, the store served images' features (hybrid tier) are appended to; the
 *                     service holds its writer while it runs
 * @param embeddingModel when not null, the deep model directory ({@code train vae}'s {@code <run>/model}) of
 *                     the deep tier; without it libtorch is never loaded and {@code ?tier=deep} is 409
 */
public record ServeOptions(Path model, ExtractionOptions extraction, String host, int port, String token, int threads,
                           int queue, long maxBodyBytes, long timeoutMillis, int maxBatch, int refitEvery,
                           int bufferRows, int keepVersions, Path store, Path embeddingModel) {

    /** The default body limit: 64 MiB, past any photograph; the batch runner's 256 MB suits files, not a queue of uploads. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;
    /** The default per-request timeout: 30 s, far past a large photo's ~100 ms, short of a client's patience. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;
    /** The default batch limit: 64 images. */
    public static final int DEFAULT_MAX_BATCH = 64;
    /** The default refit interval: every 1000 served images. */
    public static final int DEFAULT_REFIT_EVERY = 1000;
    /** The default buffer: the newest 5000 served images' features (20 doubles each: under 1 MB). */
    public static final int DEFAULT_BUFFER_ROWS = 5000;
    /** The default number of versions kept: 20. */
    public static final int DEFAULT_KEEP_VERSIONS = 20;

    public ServeOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(extraction, "extraction");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is outside 0..65535");
        }
        if (token != null && (token.isBlank() || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new IllegalArgumentException("--token must be printable ASCII without spaces");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("--queue must be >= 0, got " + queue);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the body limit must be 1 byte to 2 GiB, got " + maxBodyBytes);
        }
        if (timeoutMillis < 1 || timeoutMillis > 3_600_000) {
            throw new IllegalArgumentException("--timeout-ms must be 1..3600000, got " + timeoutMillis);
        }
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("--max-batch must be 1..10000, got " + maxBatch);
        }
        if (refitEvery < 0) {
            throw new IllegalArgumentException("--refit-every must be >= 0, got " + refitEvery);
        }
        if (bufferRows < 20 || bufferRows > 10_000_000) {
            throw new IllegalArgumentException("--buffer must be 20..10000000, got " + bufferRows);
        }
        if (keepVersions < 2 || keepVersions > 1000) {
            throw new IllegalArgumentException("--keep-versions must be 2..1000, got " + keepVersions);
        }
    }

    /** Defaults for {@code model}: loopback, any free port, no token, {@code threads} workers, a queue of 4 per worker. */
    public static ServeOptions defaults(Path model, int threads) {
        return new ServeOptions(model, ExtractionOptions.defaults(), LoopbackHosts.LOOPBACK, 0, null, threads,
                4 * threads, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MILLIS, DEFAULT_MAX_BATCH,
                DEFAULT_REFIT_EVERY, DEFAULT_BUFFER_ROWS, DEFAULT_KEEP_VERSIONS, null, null);
    }

    /** The same with another queue length (tests make it tiny to provoke overload). */
    public ServeOptions withQueue(int q) {
        return new ServeOptions(model, extraction, host, port, token, threads, q, maxBodyBytes,
                timeoutMillis, maxBatch, refitEvery, bufferRows, keepVersions, store, embeddingModel);
    }

    /** The same with a token. */
    public ServeOptions withToken(String t) {
        return new ServeOptions(model, extraction, host, port, t, threads, queue, maxBodyBytes,
                timeoutMillis, maxBatch, refitEvery, bufferRows, keepVersions, store, embeddingModel);
    }

    /** The same with another body limit. */
    public ServeOptions withMaxBodyBytes(long bytes) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, bytes,
                timeoutMillis, maxBatch, refitEvery, bufferRows, keepVersions, store, embeddingModel);
    }

    /** The same with another per-request timeout. */
    public ServeOptions withTimeoutMillis(long millis) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, maxBodyBytes,
                millis, maxBatch, refitEvery, bufferRows, keepVersions, store, embeddingModel);
    }

    /** The same with another batch limit. */
    public ServeOptions withMaxBatch(int images) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, maxBodyBytes,
                timeoutMillis, images, refitEvery, bufferRows, keepVersions, store, embeddingModel);
    }

    /** The same with another refit interval and buffer size. */
    public ServeOptions withRefit(int every, int rows) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, maxBodyBytes, timeoutMillis,
                maxBatch, every, rows, keepVersions, store, embeddingModel);
    }

    /** The same keeping another number of versions. */
    public ServeOptions withKeepVersions(int versions) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, maxBodyBytes, timeoutMillis,
                maxBatch, refitEvery, bufferRows, versions, store, embeddingModel);
    }

    /** The same appending served images' features to a store. */
    public ServeOptions withStore(Path file) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, maxBodyBytes, timeoutMillis,
                maxBatch, refitEvery, bufferRows, keepVersions, file, embeddingModel);
    }

    /** The same with the deep tier's model directory. */
    public ServeOptions withEmbeddingModel(Path dir) {
        return new ServeOptions(model, extraction, host, port, token, threads, queue, maxBodyBytes, timeoutMillis,
                maxBatch, refitEvery, bufferRows, keepVersions, store, dir);
    }

    /** Whether the service is reachable only from this machine. */
    public boolean loopbackOnly() {
        return LoopbackHosts.loopbackOnly(host);
    }

    @Override
    public String toString() {
        // The token is a secret: never in a log line or an exception message.
        return "ServeOptions[model=" + model + ", host=" + host + ", port=" + port + ", token="
                + (token == null ? "none" : "set") + ", threads=" + threads + ", queue=" + queue
                + ", maxBodyBytes=" + maxBodyBytes + ", timeoutMillis=" + timeoutMillis + ", maxBatch=" + maxBatch
                + ", refitEvery=" + refitEvery + ", bufferRows=" + bufferRows + ", keepVersions=" + keepVersions
                + ", store=" + (store == null ? "none" : store)
                + ", embeddingModel=" + (embeddingModel == null ? "none" : embeddingModel) + "]";
    }
}
