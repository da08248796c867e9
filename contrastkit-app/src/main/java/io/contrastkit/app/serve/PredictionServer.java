package io.contrastkit.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.PredictionJson;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.app.web.JettyErrors;
import io.contrastkit.app.web.JsonErrors;
import io.contrastkit.app.web.LoopbackHosts;
import io.contrastkit.core.ImageError;
import io.contrastkit.learn.model.ContrastModel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prediction service behind {@code contrastkit serve}: a Javalin server over one {@link ContrastKit}.
 * {@code POST /v1/predict} takes an image as the raw body and answers what {@code contrastkit predict}
 * prints for a file, plus {@code tier}, {@code model_version} and {@code millis}; {@code GET /v1/model}
 * and {@code GET /health} describe it.
 *
 * <p>Limits: at most {@code threads} images are measured at once and {@code queue} more wait; the next
 * is answered 503 with Retry-After before its body is read, so memory stays under
 * {@code (threads + queue) x maxBodyBytes} plus the decoders' budget. A body over the limit is 413; an
 * image contrastkit cannot measure is 415 (not an image, unsupported format) or 422 (truncated, corrupt,
 * empty, too many pixels), never 500, and fails alone. Every error is {@link JsonErrors}' body.
 * {@link #close} drains: new requests get 503 while those admitted finish and are answered.
 */
public final class PredictionServer implements AutoCloseable {

    /** The tiers a request may name; {@code hybrid} when it names none. */
    public static final List<String> TIERS = List.of(ContrastKit.Tier.FAST.id(), ContrastKit.Tier.HYBRID.id());
    /** Longest wait for admitted requests when stopping. */
    static final long DRAIN_SECONDS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs on a worker before each image is measured; tests hold workers here to fill the queue. */
    @FunctionalInterface
    interface WorkHook {
        void beforeWork() throws InterruptedException;
    }

    private final ServeOptions options;
    private final ContrastKit kit;
    private final WorkHook hook;
    private final byte[] expectedAuthorization;
    private final int capacity;
    /** One permit per request admitted (measured or waiting); taken before the body is read. */
    private final Semaphore slots;
    private final ExecutorService workers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean closed;
    private Javalin app;

    private PredictionServer(ServeOptions options, ContrastKit kit, WorkHook hook) {
        this.options = options;
        this.kit = kit;
        this.hook = hook;
        this.expectedAuthorization = options.token() == null ? null
                : ("Bearer " + options.token()).getBytes(StandardCharsets.US_ASCII);
        this.capacity = options.threads() + options.queue();
        this.slots = new Semaphore(capacity);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "serve-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the model and starts listening.
     *
     * @throws IllegalArgumentException when the model file cannot be read or is not a model
     * @throws IllegalStateException    when the model was fitted on another feature version
     */
    public static PredictionServer start(ServeOptions options) {
        return start(options, ContrastKit.open(options.model(), options.extraction()), () -> {
        });
    }

    /** {@link #start(ServeOptions)} over a loaded kit, with a hook before each image's work (tests). */
    static PredictionServer start(ServeOptions options, ContrastKit kit, WorkHook hook) {
        PredictionServer server = new PredictionServer(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(kit, "kit"), Objects.requireNonNull(hook, "hook"));
        try {
            server.listen();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    /** The service's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        return LoopbackHosts.url(options.host(), port());
    }

    /** The model version every answer names. */
    public String modelVersion() {
        return kit.modelVersion();
    }

    /** Whether {@link #close} has begun: new requests are refused while admitted ones finish. */
    boolean stopping() {
        return stopping.get();
    }

    private void listen() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = options.maxBodyBytes();
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            cfg.routes.before(this::guard);
            cfg.routes.get("/health", this::health);
            cfg.routes.get("/v1/model", this::model);
            cfg.routes.post("/v1/predict", this::predict);
            cfg.routes.exception(ServiceError.class, (e, ctx) -> {
                if (e.retryAfter() > 0) {
                    ctx.header("Retry-After", Integer.toString(e.retryAfter()));
                }
                JsonErrors.write(ctx, e.status(), e.code(), e.getMessage());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> JsonErrors.write(ctx, e.getStatus(), null,
                    e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> JsonErrors.write(ctx, 500, null,
                    "internal error: " + e.getClass().getSimpleName()));
            cfg.routes.error(404, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    JsonErrors.write(ctx, 404, null, "not found (routes: POST /v1/predict, GET /v1/model, GET /health)");
                }
            });
        }).start(options.host(), options.port());
    }

    /** Host check on loopback; the token on every {@code /v1} route (health stays open for probes). */
    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        if (options.loopbackOnly()) {
            LoopbackHosts.requireLoopbackHost(ctx, "service");
        }
        if (expectedAuthorization != null && ctx.path().startsWith("/v1/")) {
            String given = ctx.header("Authorization");
            // Compared in constant time, so the answer's timing says nothing about how much of a guess was right.
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ServiceError(401, "unauthorized", given == null
                        ? "this service needs an 'Authorization: Bearer <token>' header"
                        : "wrong token in the Authorization header");
            }
        }
    }

    private void health(Context ctx) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", stopping.get() ? "stopping" : "ok");
        o.put("model_version", kit.modelVersion());
        o.put("in_flight", capacity - slots.availablePermits());
        o.put("capacity", capacity);
        send(ctx, stopping.get() ? 503 : 200, JSON.writeValueAsBytes(o));
    }

    private void model(Context ctx) throws IOException {
        ContrastModel m = kit.model();
        ObjectNode o = JSON.createObjectNode();
        o.put("model_version", m.id());
        o.put("format", ContrastModel.FORMAT);
        o.put("feature_version", m.schema().version());
        o.set("provenance", ModelFiles.provenance(m.provenance()));
        o.set("groups", ModelFiles.groups(m));
        var tiers = o.putArray("tiers");
        for (ContrastKit.Tier t : ContrastKit.Tier.values()) {
            tiers.addObject().put("name", t.id()).put("max_side", kit.extraction(t).maxSide());
        }
        send(ctx, 200, JSON.writeValueAsBytes(o));
    }

    private void predict(Context ctx) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ContrastKit.Tier tier = tier(ctx.queryParam("tier"));
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ServiceError(415, "unsupported_media_type",
                    "send the image as the raw request body (multipart is not supported)");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > options.maxBodyBytes()) {
            throw tooLarge(declared);
        }
        if (stopping.get()) {
            throw new ServiceError(503, "shutting_down", "the service is stopping", 1);
        }
        if (!slots.tryAcquire()) {
            throw new ServiceError(503, "overloaded", "all " + options.threads() + " workers are busy and "
                    + options.queue() + " requests are waiting; try again", 1);
        }
        try {
            byte[] image = body(ctx, declared);
            Future<PredictionService.Measured> work = workers.submit(() -> {
                hook.beforeWork();
                return kit.predict(image, tier);
            });
            PredictionService.Measured m;
            try {
                m = work.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ImageError ie) {
                    throw imageError(ie);
                }
                throw new IllegalStateException("prediction failed", e.getCause());
            } catch (InterruptedException e) {
                work.cancel(true);
                throw e;
            }
            ObjectNode o = PredictionJson.fill(JSON.createObjectNode(), m.features(), m.prediction());
            o.put("tier", tier.id());
            o.put("model_version", kit.modelVersion());
            o.put("millis", (System.nanoTime() - started) / 1e6);
            // Written while the slot is held, so a drain that waits for the slots waits for this answer too.
            send(ctx, 200, JSON.writeValueAsBytes(o));
        } finally {
            slots.release();
        }
    }

    /** The tier a request names: hybrid when none; deep is 409 (no deep model here); anything else 400. */
    private static ContrastKit.Tier tier(String name) {
        if (name == null) {
            return ContrastKit.Tier.HYBRID;
        }
        for (ContrastKit.Tier t : ContrastKit.Tier.values()) {
            if (t.id().equals(name)) {
                return t;
            }
        }
        if (name.equals("deep")) {
            throw new ServiceError(409, "tier_unavailable", "tier 'deep' needs a deep model, and none is loaded;"
                    + " tiers here: " + String.join(", ", TIERS));
        }
        throw new ServiceError(400, "unknown_tier", "unknown tier '" + name + "'; tiers here: " + String.join(", ", TIERS)
                + " (fast: the features at a reduced working size; hybrid: the full features; both with the model)");
    }

    /** 415 for what is no image or a format contrastkit does not decode; 422 for an image that is broken or too big. */
    static ServiceError imageError(ImageError e) {
        int status = switch (e.kind()) {
            case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> 415;
            case UNREADABLE, EMPTY, TRUNCATED, TOO_MANY_PIXELS, CORRUPT -> 422;
        };
        return new ServiceError(status, e.kind().name().toLowerCase(Locale.ROOT), e.reason());
    }

    private ServiceError tooLarge(long bytes) {
        return new ServiceError(413, "too_large", (bytes < 0 ? "the body is" : "the body is " + bytes + " bytes,")
                + " over this service's limit of " + options.maxBodyBytes() + " bytes");
    }

    /** The body in one array of its declared size; without a declared size, read up to the limit. */
    private byte[] body(Context ctx, long declared) throws IOException {
        InputStream in = ctx.req().getInputStream();
        if (declared >= 0) {
            byte[] data = in.readNBytes((int) declared);
            if (data.length < declared) {
                throw new ServiceError(400, "bad_request", "the body ended after " + data.length + " of "
                        + declared + " bytes");
            }
            return data;
        }
        byte[] data = in.readNBytes((int) options.maxBodyBytes() + 1);
        if (data.length > options.maxBodyBytes()) {
            throw tooLarge(-1);
        }
        return data;
    }

    /** Writes the whole answer now (not after the handler returns), so it is out before the slot is given back. */
    private static void send(Context ctx, int status, byte[] json) throws IOException {
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType("application/json");
        res.setContentLength(json.length);
        ServletOutputStream out = res.getOutputStream();
        out.write(json);
        out.flush();
        out.close();
    }

    /**
     * Stops gracefully: new requests are answered 503 at once, admitted ones are measured and answered
     * (waiting at most {@value #DRAIN_SECONDS} s), then the server and its workers stop. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping.set(true);
        try {
            // Every admitted request holds a slot until its answer is written: all slots back = drained.
            if (slots.tryAcquire(capacity, DRAIN_SECONDS, TimeUnit.SECONDS)) {
                slots.release(capacity);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (app != null) {
                app.stop();
            }
            workers.shutdownNow();
        }
    }
}
