package io.contrastkit.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.stage.ImageEmbedder;
import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.PredictionJson;
import io.contrastkit.app.stage.PredictionService;
import io.contrastkit.app.stage.ServedImageStore;
import io.contrastkit.app.web.JettyErrors;
import io.contrastkit.app.web.JsonErrors;
import io.contrastkit.app.web.LoopbackHosts;
import io.contrastkit.core.ImageError;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.learn.model.ContrastModel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.router.ParsedEndpoint;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The prediction service behind {@code contrastkit serve}: a Javalin server over one {@link ContrastKit}.
 * {@code POST /v1/predict} takes an image as the raw body (or one multipart file part) and answers what
 * {@code contrastkit predict} prints for a file, plus {@code tier}, {@code model_version} and {@code millis};
 * {@code POST /v1/predict/batch} takes many file parts and answers one result each, failures inline;
 * {@code GET /v1/model}, {@code GET /health}, {@code GET /metrics} and {@code GET /openapi.json} describe it.
 *
 * <p>Limits: at most {@code threads} images are measured at once and {@code queue} more wait; the next
 * is answered 503 with Retry-After before its body is read, so memory stays under
 * {@code (threads + queue) x maxBodyBytes} plus the decoders' budget. A body over the limit is 413; an
 * image contrastkit cannot measure is 415 (not an image, unsupported format) or 422 (truncated, corrupt,
 * empty, too many pixels), never 500, and fails alone; past the per-request timeout the answer is 504 and
 * the work's result is dropped (its slot comes back when the work stops). Every error is {@link JsonErrors}'
 * body. {@link #close} drains: new requests get 503 while those admitted finish and are answered.
 *
 * <p>{@code ?tier=deep} needs a deep model ({@link ServeOptions#embeddingModel}): the hybrid answer plus
 * {@code embedding {model_id, size, vector}}; without one it is 409 {@code tier_unavailable}.
 */
public final class PredictionServer implements AutoCloseable {

    /** The tiers a request may name; {@code hybrid} when it names none; {@code deep} only with a deep model. */
    public static final List<String> TIERS = List.of(ContrastKit.Tier.FAST.id(), ContrastKit.Tier.HYBRID.id(),
            ContrastKit.DEEP);
    /** Longest wait for admitted requests when stopping. */
    static final long DRAIN_SECONDS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The OpenAPI 3 document of the routes, served as written (openapi.json beside this class). */
    private static final byte[] OPENAPI = openApiDocument();

    private static byte[] openApiDocument() {
        try (InputStream in = PredictionServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing beside PredictionServer");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs on a worker before each image is measured; tests hold workers here to fill the queue. */
    @FunctionalInterface
    interface WorkHook {
        void beforeWork() throws InterruptedException;
    }

    private final ServeOptions options;
    /** The serving model and its predecessors; each request reads {@link ModelVersions#current()} once. */
    private final ModelVersions versions;
    /** Where served images' features are appended, or null. */
    private final ServedImageStore store;
    private final WorkHook hook;
    /** The kit this server opened itself (and closes: it may hold a deep model), or null when given one. */
    private final ContrastKit owned;
    private final byte[] expectedAuthorization;
    private final int capacity;
    /** One permit per request admitted (measured or waiting); taken before the body is read. */
    private final Semaphore slots;
    private final ExecutorService workers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ServiceMetrics metrics = new ServiceMetrics();
    /** Admitted requests whose handler has not finished (their answer not yet written): what a drain waits for. */
    private final AtomicInteger answering = new AtomicInteger();
    private volatile boolean closed;
    private Javalin app;

    private PredictionServer(ServeOptions options, ContrastKit kit, boolean owned, WorkHook hook,
                             Consumer<String> log, Runnable beforeRefit) {
        this.options = options;
        this.owned = owned ? kit : null;
        this.versions = new ModelVersions(kit, options.bufferRows(), options.refitEvery(),
                options.keepVersions(), log, beforeRefit);
        this.store = options.store() == null ? null : ServedImageStore.open(options.store(), kit.model().schema(), log);
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
     * @throws IllegalArgumentException when the model file cannot be read or is not a model, or the
     *                                  {@code --embedding-model} directory holds no deep model this version reads
     * @throws IllegalStateException    when the model was fitted on another feature version
     */
    public static PredictionServer start(ServeOptions options) {
        return start(options, line -> { });
    }

    /** {@link #start(ServeOptions)}, telling {@code log} one line per refit, rollback and drift report. */
    public static PredictionServer start(ServeOptions options, Consumer<String> log) {
        ContrastKit kit = ContrastKit.open(options.model(), options.extraction());
        if (options.embeddingModel() != null) {
            try {
                // One PyTorch thread per forward pass and a copy of the model per worker: the workers are the
                // parallelism, and one image at 64 px is too little work to split across threads.
                kit = kit.withEmbedding(options.embeddingModel(), new EngineOptions(EngineOptions.Device.CPU, 1),
                        options.threads());
            } catch (DeepException e) {
                throw new IllegalArgumentException("--embedding-model " + options.embeddingModel() + ": "
                        + e.getMessage(), e);
            }
        }
        return start(options, kit, true, () -> {
        }, log, () -> { });
    }

    /** {@link #start(ServeOptions)} over a loaded kit, with a hook before each image's work (tests). */
    static PredictionServer start(ServeOptions options, ContrastKit kit, WorkHook hook) {
        return start(options, kit, hook, line -> { });
    }

    static PredictionServer start(ServeOptions options, ContrastKit kit, WorkHook hook, Consumer<String> log) {
        return start(options, kit, hook, log, () -> { });
    }

    /** The same with {@code beforeRefit} run on the refit thread before each refit (tests hold a refit there). */
    static PredictionServer start(ServeOptions options, ContrastKit kit, WorkHook hook, Consumer<String> log,
                                  Runnable beforeRefit) {
        return start(options, kit, false, hook, log, beforeRefit);
    }

    private static PredictionServer start(ServeOptions options, ContrastKit kit, boolean owned, WorkHook hook,
                                          Consumer<String> log, Runnable beforeRefit) {
        PredictionServer server;
        try {
            server = new PredictionServer(Objects.requireNonNull(options, "options"), Objects.requireNonNull(kit, "kit"),
                    owned, Objects.requireNonNull(hook, "hook"), Objects.requireNonNull(log),
                    Objects.requireNonNull(beforeRefit, "beforeRefit"));
        } catch (RuntimeException e) {
            if (owned) {
                kit.close();
            }
            throw e;
        }
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

    /** The version of the model serving now (each answer names the one it used). */
    public String modelVersion() {
        return versions.current().id();
    }

    /** The deep tier's model id, or null when the service has no deep model. */
    public String embeddingModelId() {
        return versions.current().kit().embeddingModelId();
    }

    /** The kept model versions (tests recompute answers with them). */
    ModelVersions versions() {
        return versions;
    }

    /** Whether {@link #close} has begun: new requests are refused while admitted ones finish. */
    boolean stopping() {
        return stopping.get();
    }

    /** Every route the service has, as {@code METHOD path}; {@code /openapi.json} documents exactly these. */
    static final List<String> ROUTES = List.of("GET /health", "GET /metrics", "GET /openapi.json", "GET /v1/model",
            "GET /v1/models", "POST /v1/model/refit", "POST /v1/model/rollback", "POST /v1/predict",
            "POST /v1/predict/batch");
    /** The paths metrics name by themselves; any other is counted as {@code other}. */
    private static final Set<String> ROUTE_PATHS = ROUTES.stream().map(r -> r.substring(r.indexOf(' ') + 1))
            .collect(Collectors.toUnmodifiableSet());
    /** The most of a refused request's body read and dropped, so the client can finish sending and read the answer. */
    static final long DISCARD_LIMIT = 16L << 20;
    /** A request attribute: set once the handler has begun reading the body. */
    private static final String BODY_READ = "contrastkit.body-read";
    /** Parts up to this size stay in memory; larger ones go to a temporary file Jetty deletes after the request. */
    private static final int IN_MEMORY_PART_BYTES = 1 << 20;

    private void listen() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = options.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.jetty.multipartConfig.maxTotalRequestSize(options.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxFileSize(options.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(IN_MEMORY_PART_BYTES, SizeUnit.BYTES);
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            // Jetty caches header fields per connection and by default matches values ignoring case, so on a
            // kept-alive connection "Bearer Token" could arrive as an earlier request's "Bearer token": the token
            // comparison must see the bytes the client sent.
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            cfg.requestLogger.http((ctx, ms) -> metrics.record(ROUTE_PATHS.contains(ctx.path()) ? ctx.path() : "other",
                    ctx.method().name(), ctx.statusCode(), ms / 1000.0));
            cfg.routes.before(this::guard);
            cfg.routes.get("/health", this::health);
            cfg.routes.get("/metrics", this::metrics);
            cfg.routes.get("/openapi.json", this::openApi);
            cfg.routes.get("/v1/model", this::model);
            cfg.routes.get("/v1/models", this::models);
            cfg.routes.post("/v1/model/refit", this::refit);
            cfg.routes.post("/v1/model/rollback", this::rollback);
            cfg.routes.post("/v1/predict", this::predict);
            cfg.routes.post("/v1/predict/batch", this::predictBatch);
            cfg.routes.exception(ServiceError.class, (e, ctx) -> {
                if (e.retryAfter() > 0) {
                    ctx.header("Retry-After", Integer.toString(e.retryAfter()));
                }
                discardUnread(ctx, e.status());
                JsonErrors.write(ctx, e.status(), e.code(), e.getMessage());
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                discardUnread(ctx, e.getStatus());
                JsonErrors.write(ctx, e.getStatus(), null, e.getMessage());
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> JsonErrors.write(ctx, 500, null,
                    "internal error: " + e.getClass().getSimpleName()));
            cfg.routes.error(404, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    JsonErrors.write(ctx, 404, null, "not found (routes: " + String.join(", ", ROUTES) + ")");
                }
            });
            cfg.routes.error(405, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    JsonErrors.write(ctx, 405, null, ctx.method().name() + " is not allowed on " + ctx.path()
                            + " (routes: " + String.join(", ", ROUTES) + ")");
                }
            });
        }).start(options.host(), options.port());
    }

    /** The routes the running server really has, as {@code METHOD path} (tests compare them with the document). */
    List<String> registeredRoutes() {
        List<String> routes = new ArrayList<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            String method = e.endpoint.method.name();
            if (!method.equals("BEFORE") && !method.equals("AFTER") && !method.equals("HEAD")
                    && !method.equals("BEFORE_MATCHED") && !method.equals("AFTER_MATCHED")) {
                routes.add(method + " " + e.endpoint.path);
            }
        }
        return routes;
    }

    /** The counters behind {@code /metrics} (tests). */
    ServiceMetrics serviceMetrics() {
        return metrics;
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

    /**
     * Reads and drops the body of a request answered before its body was read (401, 403, 503, a bad tier), so a
     * client still sending it reads the answer instead of a reset connection. A declared body over
     * {@value #DISCARD_LIMIT} bytes is not read: that answer says {@code Connection: close}, as does one refused
     * for its size (413), whose rest is read first.
     */
    private void discardUnread(Context ctx, int status) {
        if (ctx.attribute(BODY_READ) != null) {
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > DISCARD_LIMIT) {
            ctx.header("Connection", "close");
            return;
        }
        if (status == 413) {
            // Not kept alive after a refused size; but what is left of the body (at most DISCARD_LIMIT) is still
            // read, or a client still sending it can see a reset instead of the 413 (seen in CI).
            ctx.header("Connection", "close");
        }
        if (declared == 0 || (declared < 0 && ctx.header("Transfer-Encoding") == null)) {
            return;
        }
        ctx.attribute(BODY_READ, Boolean.TRUE);
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 << 10];
            long left = DISCARD_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
            if (left <= 0) {
                ctx.header("Connection", "close");
            }
        } catch (IOException e) {
            // The client went away or sent a broken body: the answer is still written if it can be.
            ctx.header("Connection", "close");
        }
    }

    private void health(Context ctx) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", stopping.get() ? "stopping" : "ok");
        o.put("model_version", versions.current().id());
        o.put("in_flight", capacity - slots.availablePermits());
        o.put("capacity", capacity);
        send(ctx, stopping.get() ? 503 : 200, JSON.writeValueAsBytes(o));
    }

    private void metrics(Context ctx) throws IOException {
        List<ServiceMetrics.Gauge> gauges = new ArrayList<>();
        gauges.add(new ServiceMetrics.Gauge("contrastkit_model_info", "The model answers come from (value 1).",
                List.<String[]>of(new String[] {"version=\"" + ServiceMetrics.escape(versions.current().id()) + "\"",
                        "1"})));
        ContrastKit serving = versions.current().kit();
        if (serving.hasEmbedding()) {
            gauges.add(new ServiceMetrics.Gauge("contrastkit_embedding_model_info", "The deep model of the deep tier"
                    + " (value 1).", List.<String[]>of(new String[] {"model_id=\""
                    + ServiceMetrics.escape(serving.embeddingModelId()) + "\"", "1"})));
        }
        gauges.add(ServiceMetrics.Gauge.of("contrastkit_model_versions", "Model versions kept for rollback.",
                versions.versions().size()));
        gauges.add(ServiceMetrics.Gauge.of("contrastkit_model_refits", "Refits done since the service started.",
                versions.refits()));
        gauges.add(ServiceMetrics.Gauge.of("contrastkit_buffer_rows", "Served images' features kept for refits and drift.",
                versions.bufferSize()));
        double[] psi = versions.drift();
        List<String> names = versions.current().kit().model().schema().names();
        List<String[]> drift = new ArrayList<>();
        for (int j = 0; j < psi.length; j++) {
            drift.add(new String[] {"feature=\"" + ServiceMetrics.escape(names.get(j)) + "\"", ServiceMetrics.format(psi[j])});
        }
        gauges.add(new ServiceMetrics.Gauge("contrastkit_feature_psi", "Population stability index of the buffer's"
                + " features against the training distribution (NaN while the buffer is empty).", drift));
        gauges.add(ServiceMetrics.Gauge.of("contrastkit_in_flight", "Requests admitted: being measured or waiting.",
                capacity - slots.availablePermits()));
        gauges.add(ServiceMetrics.Gauge.of("contrastkit_capacity", "Requests admitted at most (threads + queue).",
                capacity));
        if (store != null) {
            gauges.add(ServiceMetrics.Gauge.of("contrastkit_store_rows_written", "Served images appended to --store.",
                    store.written()));
            gauges.add(ServiceMetrics.Gauge.of("contrastkit_store_rows_dropped", "Served images not appended to"
                    + " --store (writer queue full or a failed write).", store.dropped()));
        }
        gauges.add(ServiceMetrics.Gauge.of("contrastkit_timeout_seconds", "The per-request timeout.",
                options.timeoutMillis() / 1000.0));
        byte[] text = metrics.render(gauges).getBytes(StandardCharsets.UTF_8);
        send(ctx, 200, "text/plain; version=0.0.4; charset=utf-8", text);
    }

    private void openApi(Context ctx) throws IOException {
        send(ctx, 200, OPENAPI);
    }

    private void model(Context ctx) throws IOException {
        ContrastKit kit = versions.current().kit();
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
        if (kit.hasEmbedding()) {
            tiers.addObject().put("name", ContrastKit.DEEP).put("max_side", kit.extraction(ContrastKit.Tier.HYBRID)
                    .maxSide()).put("model_id", kit.embeddingModelId()).put("size", kit.embeddingSize());
        }
        send(ctx, 200, JSON.writeValueAsBytes(o));
    }

    private void predict(Context ctx) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Requested tier = tier(ctx.queryParam("tier"));
        boolean multipart = isMultipart(ctx);
        try (Admission admission = admit(ctx)) {
            byte[] image;
            if (multipart) {
                List<UploadedFile> files = uploads(ctx);
                if (files.size() != 1) {
                    throw new ServiceError(400, "bad_request", "a multipart /v1/predict takes exactly one file part, got "
                            + files.size() + " (many images: POST /v1/predict/batch)");
                }
                image = read(files.get(0));
            } else {
                image = body(ctx, ctx.req().getContentLengthLong());
            }
            ContrastKit used = versions.current().kit();
            ContrastKit.DeepPrediction d = admission.run(started, abandoned -> tier.run(used, image));
            PredictionService.Measured m = d.measured();
            if (tier.measure() == ContrastKit.Tier.HYBRID) {
                served(image, m);
            }
            ObjectNode o = PredictionJson.fill(JSON.createObjectNode(), m.features(), m.prediction());
            embedding(o, d.embedding());
            o.put("tier", tier.id());
            o.put("model_version", used.modelVersion());
            o.put("millis", (System.nanoTime() - started) / 1e6);
            byte[] answer = JSON.writeValueAsBytes(o);
            // The slot is free before the answer goes out, so a client that sends its next request on reading this
            // one finds it free; the drain still waits for this answer (see Admission).
            admission.releaseSlot();
            send(ctx, 200, answer);
        }
    }

    /**
     * Many images in one multipart request: one result each, in the order of the parts, a failure inline as
     * {@code {"file", "status", "error": {code, message}}} beside the others' predictions. The whole batch is one
     * request for the limits (one slot, one timeout, the body limit over all parts) and uses one model.
     */
    private void predictBatch(Context ctx) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Requested tier = tier(ctx.queryParam("tier"));
        if (!isMultipart(ctx)) {
            throw new ServiceError(415, "unsupported_media_type", "/v1/predict/batch takes multipart/form-data, one"
                    + " file part per image");
        }
        try (Admission admission = admit(ctx)) {
            List<UploadedFile> files = uploads(ctx);
            if (files.isEmpty()) {
                throw new ServiceError(400, "bad_request", "the batch has no file parts");
            }
            if (files.size() > options.maxBatch()) {
                throw new ServiceError(413, "too_many_images", "the batch has " + files.size()
                        + " images, over this service's limit of " + options.maxBatch());
            }
            List<String> names = new ArrayList<>();
            List<byte[]> images = new ArrayList<>();
            for (UploadedFile f : files) {
                names.add(f.filename());
                images.add(read(f));
            }
            ContrastKit used = versions.current().kit();
            List<ObjectNode> results = admission.run(started, abandoned -> {
                List<ObjectNode> out = new ArrayList<>();
                for (int i = 0; i < images.size() && !abandoned.get(); i++) {
                    ObjectNode r = JSON.createObjectNode();
                    r.put("file", names.get(i));
                    try {
                        ContrastKit.DeepPrediction d = tier.run(used, images.get(i));
                        PredictionService.Measured m = d.measured();
                        if (tier.measure() == ContrastKit.Tier.HYBRID) {
                            served(images.get(i), m);
                        }
                        r.put("status", 200);
                        PredictionJson.fill(r, m.features(), m.prediction());
                        embedding(r, d.embedding());
                    } catch (ImageError e) {
                        ServiceError se = imageError(e);
                        r.put("status", se.status());
                        r.set("error", JsonErrors.body(se.status(), se.code(), se.getMessage()));
                    }
                    out.add(r);
                }
                return out;
            });
            ObjectNode o = JSON.createObjectNode();
            o.put("tier", tier.id());
            o.put("model_version", used.modelVersion());
            o.put("count", results.size());
            o.put("failed", results.stream().filter(r -> r.get("status").asInt() != 200).count());
            o.put("millis", (System.nanoTime() - started) / 1e6);
            o.putArray("results").addAll(results);
            byte[] answer = JSON.writeValueAsBytes(o);
            admission.releaseSlot();
            send(ctx, 200, answer);
        }
    }

    private static ObjectNode describe(ModelVersions.Version v, boolean serving) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model_version", v.id());
        o.put("number", v.number());
        o.put("serving", serving);
        o.put("reason", v.reason());
        o.put("created_at", v.createdAt().toString());
        o.put("rows", v.kit().model().provenance().rows());
        return o;
    }

    private void models(Context ctx) throws IOException {
        ModelVersions.Version now = versions.current();
        ObjectNode o = JSON.createObjectNode();
        o.put("serving", now.id());
        o.put("buffer_rows", versions.bufferSize());
        o.put("refitting", versions.refitting());
        var list = o.putArray("versions");
        for (ModelVersions.Version v : versions.versions()) {
            list.add(describe(v, v == now));
        }
        send(ctx, 200, JSON.writeValueAsBytes(o));
    }

    /**
     * Starts a refit over the buffer: 202 with the buffer's size at once, or with {@code ?wait=true} 200 and the
     * new version once it serves; 409 {@code refit_running} or 422 {@code too_few_rows} when there is none.
     */
    private void refit(Context ctx) throws IOException, InterruptedException {
        boolean wait = "true".equals(ctx.queryParam("wait"));
        int rows = versions.bufferSize();
        CompletableFuture<ModelVersions.RefitOutcome> outcome = versions.refit("asked for");
        // Refused at once (running, too few rows) is answered as such; otherwise, without wait, 202 at once.
        boolean refused = outcome.isDone() && outcome.getNow(null).version() == null
                && outcome.getNow(null).refused() != null && !outcome.getNow(null).refused().startsWith("the refit failed");
        if (!wait && !refused) {
            ObjectNode o = JSON.createObjectNode();
            o.put("status", "refitting");
            o.put("buffer_rows", rows);
            o.put("serving", versions.current().id());
            send(ctx, 202, JSON.writeValueAsBytes(o));
            return;
        }
        ModelVersions.RefitOutcome done;
        try {
            done = outcome.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ServiceError(504, "timeout", "the refit did not finish within " + options.timeoutMillis()
                    + " ms; it goes on, and GET /v1/models shows when it serves");
        }
        if (done.version() == null) {
            boolean running = done.refused().contains("already running");
            throw new ServiceError(running ? 409 : 422, running ? "refit_running" : "too_few_rows", done.refused());
        }
        send(ctx, 200, JSON.writeValueAsBytes(describe(done.version(), versions.current() == done.version())));
    }

    /** Makes a kept version serve again: {@code ?version=<model id>}; 400 without one, 404 for one not kept. */
    private void rollback(Context ctx) throws IOException {
        String id = ctx.queryParam("version");
        if (id == null || id.isBlank()) {
            throw new ServiceError(400, "bad_request", "name the version: POST /v1/model/rollback?version=<model id>"
                    + " (GET /v1/models lists them)");
        }
        ModelVersions.Version v = versions.rollback(id).orElseThrow(() -> new ServiceError(404, "unknown_version",
                "no kept version '" + id + "' (GET /v1/models lists them)"));
        send(ctx, 200, JSON.writeValueAsBytes(describe(v, true)));
    }

    /**
     * A hybrid-tier image measured: its features go to the refit buffer and, with {@code --store}, the store (the
     * fast tier's are measured at another size, so they would not compare with the store's nor the training's).
     */
    private void served(byte[] image, PredictionService.Measured m) {
        versions.served(m.features().toArray());
        if (store != null) {
            store.offer(image, m.features());
        }
    }

    private static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Admits a request: 413 when its declared body is over the limit, 503 while stopping or when every slot
     * is taken (all before the body is read).
     */
    private Admission admit(Context ctx) {
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
        return new Admission();
    }

    /** The file parts of a multipart body, in order; a body over the limit is 413, a malformed one 400. */
    private List<UploadedFile> uploads(Context ctx) {
        ctx.attribute(BODY_READ, Boolean.TRUE);
        try {
            return ctx.uploadedFiles();
        } catch (Exception e) {
            // Jetty's parser fails with a ServletException or an IllegalStateException; its message names a size limit.
            // The parser stops reading where it failed: the rest of the body is not read, so the connection closes.
            ctx.header("Connection", "close");
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null && chain.length() < 2000; t = t.getCause()) {
                chain.append(t).append(" | ");
            }
            String why = chain.toString();
            if (why.toLowerCase(Locale.ROOT).contains("size") || why.toLowerCase(Locale.ROOT).contains("exceed")) {
                throw tooLarge(-1);
            }
            throw new ServiceError(400, "bad_multipart", "the multipart body cannot be read: " + e.getMessage());
        }
    }

    private byte[] read(UploadedFile f) throws IOException {
        if (f.size() > options.maxBodyBytes()) {
            throw tooLarge(f.size());
        }
        try (InputStream in = f.content()) {
            return in.readAllBytes();
        }
    }

    /** The work of one admitted request, told whether its answer was already given up (timeout). */
    @FunctionalInterface
    private interface Work<T> {
        T run(AtomicBoolean abandoned) throws Exception;
    }

    /**
     * One admitted request's slot. It is shared by the handler and, once submitted, the work on a worker; the
     * slot is given back when both are done. So a request that timed out keeps its slot until its work stops,
     * and no more images are measured or queued than {@code threads + queue}, whatever the timeouts.
     */
    private final class Admission implements AutoCloseable {
        private final AtomicInteger holders = new AtomicInteger(1);
        private final AtomicBoolean handlerDone = new AtomicBoolean();

        Admission() {
            answering.incrementAndGet();
        }

        private void release() {
            if (holders.decrementAndGet() == 0) {
                slots.release();
            }
        }

        /** The handler's share of the slot, given back (once) when its answer is ready to go out. */
        void releaseSlot() {
            if (handlerDone.compareAndSet(false, true)) {
                release();
            }
        }

        /**
         * Runs the work on a worker and waits for it until the request's deadline ({@code started} plus the
         * timeout): 504 {@code timeout} after it, when the work is skipped if it has not begun and its result
         * dropped if it has.
         */
        <T> T run(long started, Work<T> work) throws InterruptedException {
            CompletableFuture<T> result = new CompletableFuture<>();
            AtomicBoolean abandoned = new AtomicBoolean();
            holders.incrementAndGet();
            try {
                workers.execute(() -> {
                    // The work's share goes back before its result is handed over, so the slot is free by the time
                    // the answer reaches the client.
                    boolean released = false;
                    try {
                        if (!abandoned.get()) {
                            hook.beforeWork();
                            T value = work.run(abandoned);
                            release();
                            released = true;
                            result.complete(value);
                        }
                    } catch (Throwable t) {
                        if (!released) {
                            release();
                            released = true;
                        }
                        result.completeExceptionally(t);
                    } finally {
                        if (!released) {
                            release();
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                release();
                throw new ServiceError(503, "shutting_down", "the service is stopping", 1);
            }
            long left = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis()) - (System.nanoTime() - started);
            try {
                return result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                abandoned.set(true);
                throw new ServiceError(504, "timeout", "no answer within this service's " + options.timeoutMillis()
                        + " ms per request; the work is dropped");
            } catch (InterruptedException e) {
                abandoned.set(true);
                throw e;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ImageError ie) {
                    throw imageError(ie);
                }
                if (e.getCause() instanceof ServiceError se) {
                    throw se;
                }
                throw new IllegalStateException("prediction failed", e.getCause());
            }
        }

        /** After the answer is written (or on an error): the slot if still held, and the drain's count. */
        @Override
        public void close() {
            releaseSlot();
            answering.decrementAndGet();
        }
    }

    /**
     * A tier as a request names it.
     *
     * @param measure how the features are measured (the deep tier's are the hybrid tier's)
     * @param deep    whether the answer carries the deep model's embedding too
     */
    private record Requested(ContrastKit.Tier measure, boolean deep) {

        String id() {
            return deep ? ContrastKit.DEEP : measure.id();
        }

        /** The tier's work on one image; without the deep tier the embedding is null. */
        ContrastKit.DeepPrediction run(ContrastKit kit, byte[] image) throws ImageError {
            return deep ? kit.predictDeep(image) : new ContrastKit.DeepPrediction(kit.predict(image, measure), null);
        }
    }

    /**
     * The tier a request names: hybrid when none; deep is 409 unless the service was started with a deep model;
     * anything else 400. (The deep model stays across refits and rollbacks: every version shares it.)
     */
    private Requested tier(String name) {
        if (name == null) {
            return new Requested(ContrastKit.Tier.HYBRID, false);
        }
        for (ContrastKit.Tier t : ContrastKit.Tier.values()) {
            if (t.id().equals(name)) {
                return new Requested(t, false);
            }
        }
        boolean loaded = versions.current().kit().hasEmbedding();
        if (name.equals(ContrastKit.DEEP)) {
            if (!loaded) {
                throw new ServiceError(409, "tier_unavailable", "tier 'deep' needs a deep model, and none is loaded:"
                        + " start the service with --embedding-model DIR (a model directory train vae saved); tiers"
                        + " here: " + tiersHere(false));
            }
            return new Requested(ContrastKit.Tier.HYBRID, true);
        }
        throw new ServiceError(400, "unknown_tier", "unknown tier '" + name + "'; tiers here: "
                + tiersHere(loaded) + " (fast: the features at a reduced working"
                + " size; hybrid: the full features; both with the model"
                + (loaded ? "; deep: hybrid plus the deep model's embedding)" : ")"));
    }

    /** The tiers a request may name here: {@link #TIERS}, less deep without a deep model. */
    private static String tiersHere(boolean deepLoaded) {
        return String.join(", ", deepLoaded ? TIERS : TIERS.subList(0, TIERS.indexOf(ContrastKit.DEEP)));
    }

    /** The deep tier's {@code embedding {model_id, size, vector}}, when there is one. */
    private static void embedding(ObjectNode o, ImageEmbedder.Embedding e) {
        if (e == null) {
            return;
        }
        ObjectNode n = o.putObject("embedding");
        n.put("model_id", e.modelId());
        n.put("size", e.size());
        var v = n.putArray("vector");
        for (float f : e.vector()) {
            v.add(f);
        }
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

    /**
     * The body in one array of its declared size, read straight into it (no buffer copied into another); without a
     * declared size, read up to the limit. A body that ends before its declared length (the client closed early)
     * is 400 naming both lengths: Jetty reports that as an early EOF, an IOException, which would otherwise be 500.
     */
    private byte[] body(Context ctx, long declared) throws IOException {
        ctx.attribute(BODY_READ, Boolean.TRUE);
        InputStream in = ctx.req().getInputStream();
        if (declared >= 0) {
            byte[] data = new byte[(int) declared];
            int got = 0;
            try {
                for (int n; got < data.length && (n = in.read(data, got, data.length - got)) > 0; ) {
                    got += n;
                }
            } catch (IOException e) {
                // Early EOF: what was read is all there is.
            }
            if (got < declared) {
                ctx.header("Connection", "close");
                throw new ServiceError(400, "bad_request", "the body ended after " + got + " of the "
                        + declared + " bytes its Content-Length declares");
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
        send(ctx, status, "application/json", json);
    }

    private static void send(Context ctx, int status, String type, byte[] body) throws IOException {
        ctx.status(status);
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType(type);
        res.setContentLength(body.length);
        ServletOutputStream out = res.getOutputStream();
        out.write(body);
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
            // Drained when every admitted handler has written its answer and every slot is back (a timed-out
            // request's work holds its slot until it stops).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
            while ((answering.get() > 0 || slots.availablePermits() < capacity) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (app != null) {
                app.stop();
            }
            workers.shutdownNow();
            versions.close();
            if (store != null) {
                store.close();
            }
            if (owned != null) {
                owned.close();
            }
        }
    }
}
