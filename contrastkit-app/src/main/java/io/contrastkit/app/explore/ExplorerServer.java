package io.contrastkit.app.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.report.GroupPalette;
import io.contrastkit.app.stage.LabelText;
import io.contrastkit.app.stage.LabelingService;
import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.web.JettyErrors;
import io.contrastkit.app.web.JsonErrors;
import io.contrastkit.app.web.LoopbackHosts;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.GroupProfile;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.validate.PairSelection;
import io.contrastkit.store.LabelTable;
import io.contrastkit.store.StoreSession;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The local web explorer: a Javalin server over one store and one model with the map, image details and
 * neighbours, group galleries, anomalies, labelling of representatives with propagation, and pairwise
 * judgements.
 *
 * <p>Safety: images are served by store id only (no request text reaches the file system); every POST
 * must carry this server's random token (written into the page, unreadable from other sites) and a JSON
 * content type; when bound to loopback, requests must name a loopback host (no DNS rebinding); labels are
 * validated by {@link LabelText}; the page builds its DOM with textContent, never innerHTML, for data.
 */
public final class ExplorerServer implements AutoCloseable {

    /** Header carrying the per-session token on every POST. */
    public static final String TOKEN_HEADER = "X-Contrastkit-Token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THUMB_SIDE = 224;
    private static final int VIEW_SIDE = 768;
    private static final int NEIGHBOURS = 8;
    private static final int MAX_BODY_BYTES = 4096;

    private final ExplorerOptions options;
    private final ExplorerData data;
    private final StoreAccess store;
    private final String token;
    private final Thumbnails thumbnails = new Thumbnails();
    private final String indexHtml;
    /** Seed of the judgement pairs: the same judgements so far give the same next pair. */
    private static final long PAIR_SEED = 17L;
    /** Images in the first set to judge, and the fewest comparisons of each before another image joins. */
    static final int PAIR_POOL = 12;
    static final int PAIR_GAMES = 3;
    private byte[] pointsBinary;
    private Javalin app;

    private ExplorerServer(ExplorerOptions options, ExplorerData data) {
        this.options = options;
        this.data = data;
        this.store = new StoreAccess(options.store());
        byte[] t = new byte[24];
        new SecureRandom().nextBytes(t);
        this.token = HexFormat.of().formatHex(t);
        this.indexHtml = resource("explore/index.html").replace("__TOKEN__", token);
    }

    /**
     * Loads the store and model into memory, makes sure the label tables exist, closes the store and
     * starts listening. While it runs the explorer holds no lock on the store: requests open it briefly.
     */
    public static ExplorerServer start(ExplorerOptions options) {
        ContrastModel model = ModelFiles.read(options.model());
        ExplorerData data;
        String migration;
        try (StoreSession session = StoreSession.open(options.store(), FeatureSchema.V1, StoreSession.Access.WRITE)) {
            migration = session.migration().map(m -> m.describe(options.store())).orElse(null);
            data = ExplorerData.load(session, model);
            session.labels(); // creates the label tables, so read-only sessions find them
        }
        ExplorerServer server = new ExplorerServer(options, data);
        server.migration = migration;
        try {
            server.listen();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** What opening the store for the first time did to an older store, for the person who started the explorer. */
    private String migration;

    /** The migration of an older store this start did (one line for a person), if any. */
    public java.util.Optional<String> migration() {
        return java.util.Optional.ofNullable(migration);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public URI url() {
        return LoopbackHosts.url(options.host(), port());
    }

    /** The per-session token POSTs must carry (for tests and scripted clients on this machine). */
    public String token() {
        return token;
    }

    private void listen() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            cfg.routes.before(this::guard);
            cfg.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(indexHtml));
            cfg.routes.get("/static/app.js", ctx -> asset(ctx, "explore/app.js", "text/javascript; charset=utf-8"));
            cfg.routes.get("/static/app.css", ctx -> asset(ctx, "explore/app.css", "text/css; charset=utf-8"));
            cfg.routes.get("/api/summary", this::summary);
            cfg.routes.get("/api/points", this::points);
            cfg.routes.get("/api/points.bin", this::pointsBinary);
            cfg.routes.get("/api/feature/{name}", this::feature);
            cfg.routes.get("/api/images/{id}", this::image);
            cfg.routes.get("/api/groups/{group}", this::group);
            cfg.routes.get("/api/anomalies", this::anomalies);
            cfg.routes.get("/api/labels", this::labelList);
            cfg.routes.post("/api/labels", this::putLabel);
            cfg.routes.post("/api/propagate", this::propagate);
            cfg.routes.get("/api/pair", this::pair);
            cfg.routes.post("/api/judgements", this::judge);
            cfg.routes.get("/api/agreement", this::agreement);
            cfg.routes.get("/image/{id}", ctx -> picture(ctx, VIEW_SIDE));
            cfg.routes.get("/thumb/{id}", ctx -> picture(ctx, THUMB_SIDE));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            // The store's messages are written for people (they name the file and what failed), so they are shown.
            cfg.routes.exception(io.contrastkit.store.StoreException.class, (e, ctx) -> error(ctx, 500,
                    "store error: " + e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e.getClass().getSimpleName()));
            cfg.routes.error(404, ctx -> {
                if (!"application/json".equals(ctx.res().getContentType())) {
                    error(ctx, 404, "not found");
                }
            });
        }).start(options.host(), options.port());
    }

    /** Security headers on everything; host check; token and content type on every POST. */
    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline';"
                + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'none'");
        ctx.header("Cache-Control", "no-store");
        if (options.loopbackOnly()) {
            LoopbackHosts.requireLoopbackHost(ctx, "explorer");
        }
        if (ctx.method() == HandlerType.POST) {
            String given = ctx.header(TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                throw new HttpResponseException(403, "missing or wrong " + TOKEN_HEADER
                        + " header (reload the explorer page)");
            }
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                throw new HttpResponseException(415, "POST bodies must be application/json, got "
                        + (type == null ? "none" : "'" + type + "'"));
            }
        }
    }

    private static void error(Context ctx, int status, String message) {
        JsonErrors.write(ctx, status, null, message);
    }

    private static void json(Context ctx, JsonNode node) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ExplorerServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("explorer asset " + name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void asset(Context ctx, String name, String type) {
        ctx.contentType(type).result(resource(name));
    }

    /** The row of the image named by path parameter {@code id}: digits of a stored id, else 404. */
    private int row(Context ctx, String param) {
        String raw = ctx.pathParam(param);
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpResponseException(404, "no such image");
        }
        return data.row(Long.parseLong(raw)).orElseThrow(() -> new HttpResponseException(404, "no image " + raw + " in the store"));
    }

    private void summary(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        ContrastModel m = data.model();
        o.put("model_id", m.id());
        o.put("images", data.rows());
        ArrayNode features = o.putArray("features");
        FeatureSchema.V1.names().forEach(features::add);
        ArrayNode groups = o.putArray("groups");
        for (GroupProfile g : m.groups()) {
            ObjectNode go = groups.addObject();
            go.put("id", g.id());
            go.put("name", g.name());
            go.put("size", g.size());
            go.put("colour", GroupPalette.css(g.id()));
            go.put("marker", GroupPalette.marker(g.id()).name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode traits = go.putArray("traits");
            g.traits().forEach(traits::add);
            ArrayNode reps = go.putArray("representatives");
            data.representatives(g.id()).forEach(r -> reps.add(data.id(r)));
        }
        ArrayNode ramp = o.putArray("ramp");
        GroupPalette.rampCss().forEach(ramp::add);
        o.put("label_max_length", LabelText.MAX_LENGTH);
        json(ctx, o);
    }

    /** Columns, not objects: 100k points stay a few MB and the page feeds them straight to its canvas. */
    private void points(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode ids = o.putArray("id");
        ArrayNode x = o.putArray("x");
        ArrayNode y = o.putArray("y");
        ArrayNode group = o.putArray("group");
        ArrayNode score = o.putArray("score");
        ArrayNode anomaly = o.putArray("anomaly");
        for (int i = 0; i < data.rows(); i++) {
            Prediction p = data.prediction(i);
            ids.add(data.id(i));
            x.add((float) p.mapX());
            y.add((float) p.mapY());
            group.add(p.group());
            score.add((float) p.contrastScore());
            anomaly.add((float) p.anomalyScore());
        }
        json(ctx, o);
    }

    /**
     * The map as binary columns for a million points (a 50 MB JSON did not render in two minutes): little-endian,
     * a 16-byte header (ASCII {@code CKP1}, int32 row count, 8 bytes zero), then Float64 ids, Float32 x, y,
     * contrast score and anomaly score, Uint16 group and Uint8 flagged (1 = anomaly), each column n long.
     * Every column starts at a multiple of its width, so the page views them in place as typed arrays.
     */
    private void pointsBinary(Context ctx) {
        ctx.contentType("application/octet-stream").result(pointsBytes());
    }

    private synchronized byte[] pointsBytes() {
        if (pointsBinary == null) {
            int n = data.rows();
            ByteBuffer b = ByteBuffer.allocate(16 + n * (8 + 4 * 4 + 2 + 1)).order(ByteOrder.LITTLE_ENDIAN);
            b.put("CKP1".getBytes(StandardCharsets.US_ASCII)).putInt(n).putLong(0);
            for (int i = 0; i < n; i++) {
                b.putDouble(data.id(i));
            }
            for (int i = 0; i < n; i++) {
                b.putFloat((float) data.prediction(i).mapX());
            }
            for (int i = 0; i < n; i++) {
                b.putFloat((float) data.prediction(i).mapY());
            }
            for (int i = 0; i < n; i++) {
                b.putFloat((float) data.prediction(i).contrastScore());
            }
            for (int i = 0; i < n; i++) {
                b.putFloat((float) data.prediction(i).anomalyScore());
            }
            for (int i = 0; i < n; i++) {
                b.putShort((short) data.prediction(i).group());
            }
            for (int i = 0; i < n; i++) {
                b.put((byte) (data.prediction(i).anomaly() ? 1 : 0));
            }
            pointsBinary = b.array();
        }
        return pointsBinary;
    }

    private void feature(Context ctx) {
        String name = ctx.pathParam("name");
        int col = FeatureSchema.V1.names().indexOf(name);
        if (col < 0) {
            throw new HttpResponseException(404, "no feature of that name");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        ArrayNode values = o.putArray("values");
        for (int i = 0; i < data.rows(); i++) {
            values.add((float) data.features(i)[col]);
        }
        json(ctx, o);
    }

    private ObjectNode brief(int row) {
        Prediction p = data.prediction(row);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", data.id(row));
        o.put("name", Path.of(data.path(row)).getFileName().toString());
        o.put("group", p.group());
        o.put("group_name", p.groupName());
        o.put("contrast_score", p.contrastScore());
        o.put("anomaly_score", p.anomalyScore());
        o.put("anomaly", p.anomaly());
        return o;
    }

    private void image(Context ctx) {
        int row = row(ctx, "id");
        ObjectNode o = brief(row);
        Prediction p = data.prediction(row);
        o.put("path", data.path(row));
        o.put("distance", p.distance());
        o.put("map_x", p.mapX());
        o.put("map_y", p.mapY());
        ObjectNode f = o.putObject("features");
        List<String> names = FeatureSchema.V1.names();
        double[] v = data.features(row);
        for (int j = 0; j < names.size(); j++) {
            f.put(names.get(j), v[j]);
        }
        ArrayNode nn = o.putArray("neighbours");
        o.put("neighbours_by", "scaled features");
        for (int r : data.neighbours(row, NEIGHBOURS)) {
            nn.add(brief(r).put("distance", data.distance(row, r)));
        }
        long id = data.id(row);
        store.read(s -> s.labels().label(id)).ifPresent(l -> {
            ObjectNode lo = o.putObject("label");
            lo.put("label", l.label());
            lo.put("source", l.source().name().toLowerCase(java.util.Locale.ROOT));
            lo.put("confidence", l.confidence());
        });
        json(ctx, o);
    }

    private static int limit(Context ctx, int fallback, int max) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < 1 || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "limit must be a whole number in 1.." + max);
        }
    }

    private void group(Context ctx) {
        String raw = ctx.pathParam("group");
        int k = data.model().groups().size();
        int g;
        try {
            g = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            g = -1;
        }
        if (g < 0 || g >= k) {
            throw new HttpResponseException(404, "no such group (groups are 0.." + (k - 1) + ")");
        }
        int limit = limit(ctx, 60, 1000);
        final int group = g;
        GroupProfile gp = data.model().groups().get(g);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", g);
        o.put("name", gp.name());
        int[] members = IntStream.range(0, data.rows()).filter(i -> data.prediction(i).group() == group).boxed()
                .sorted(Comparator.comparingDouble(i -> data.prediction(i).distance())).mapToInt(Integer::intValue)
                .toArray();
        o.put("size", members.length);
        ArrayNode arr = o.putArray("members");
        for (int i = 0; i < Math.min(limit, members.length); i++) {
            arr.add(brief(members[i]));
        }
        ArrayNode reps = o.putArray("representatives");
        data.representatives(g).forEach(r -> reps.add(brief(r)));
        json(ctx, o);
    }

    private void anomalies(Context ctx) {
        int limit = limit(ctx, 60, 1000);
        ArrayNode arr = JSON.createArrayNode();
        IntStream.range(0, data.rows()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -data.prediction(i).anomalyScore())
                        .thenComparing(data::path))
                .limit(limit).forEach(i -> arr.add(brief(i)));
        ObjectNode o = JSON.createObjectNode();
        o.set("images", arr);
        json(ctx, o);
    }

    private void labelList(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode arr = o.putArray("labels");
        int human = 0;
        for (LabelTable.Label l : store.read(s -> s.labels().labels())) {
            if (data.row(l.imageId()).isEmpty()) {
                continue;
            }
            ObjectNode lo = arr.addObject();
            lo.put("id", l.imageId());
            lo.put("label", l.label());
            lo.put("source", l.source().name().toLowerCase(java.util.Locale.ROOT));
            lo.put("confidence", l.confidence());
            human += l.source() == LabelTable.Source.HUMAN ? 1 : 0;
        }
        o.put("human", human);
        o.put("images", data.rows());
        json(ctx, o);
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new HttpResponseException(400, "the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new HttpResponseException(400, "the body is not valid JSON");
        }
    }

    private static long idField(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new HttpResponseException(400, "field '" + field + "' must be an image id (a whole number)");
        }
        return v.asLong();
    }

    private int knownRow(long id) {
        return data.row(id).orElseThrow(() -> new HttpResponseException(404, "no image " + id + " in the store"));
    }

    private void putLabel(Context ctx) {
        JsonNode b = body(ctx);
        long id = idField(b, "id");
        knownRow(id);
        JsonNode text = b.get("label");
        if (text == null || !text.isTextual()) {
            throw new HttpResponseException(400, "field 'label' must be a string");
        }
        LabelText label;
        try {
            label = new LabelText(text.asText());
        } catch (IllegalArgumentException e) {
            throw new HttpResponseException(400, e.getMessage());
        }
        store.write(s -> {
            LabelingService.labelById(s, id, label);
            return null;
        }, "the label");
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("label", label.value());
        o.put("source", "human");
        json(ctx, o);
    }

    private void propagate(Context ctx) {
        LabelingService.Propagation r;
        try {
            r = store.write(s -> LabelingService.propagate(s, data.ids(), data.scaled()), "the propagated labels");
        } catch (IllegalArgumentException e) {
            throw new HttpResponseException(409, e.getMessage());
        }
        json(ctx, r.summary());
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    /**
     * The next pair to judge. The judged set starts as {@value #PAIR_POOL} images drawn with a fixed seed and
     * grows by one image each time every image in it has been compared {@value #PAIR_GAMES} times; within it
     * {@link PairSelection} picks the least-compared image and a partner near it in the current ranking.
     * Everything follows from the stored judgements and the seed, so a reload shows the same pair.
     */
    private void pair(Context ctx) {
        int n = data.rows();
        if (n < 2) {
            throw new HttpResponseException(409, "the store holds fewer than two images");
        }
        Judgements.Games played = Judgements.games(data, store.read(s -> s.labels().judgements()));
        Map<Integer, Integer> item = new LinkedHashMap<>(played.item());
        int[] winners = played.winners();
        int[] losers = played.losers();
        int[] count = new int[item.size()];
        for (int g = 0; g < winners.length; g++) {
            count[winners[g]]++;
            count[losers[g]]++;
        }
        boolean everyoneJudged = item.size() > 0 && java.util.Arrays.stream(count).allMatch(c -> c >= PAIR_GAMES);
        int want = Math.min(n, Math.max(PAIR_POOL, item.size() + (everyoneJudged ? 1 : 0)));
        SplittableRandom draw = new SplittableRandom(PAIR_SEED);
        // Draws with a fixed seed, skipping rows already in: the same sequence of newcomers every time.
        for (int r = 0; item.size() < want; r++) {
            // Random draws while they still find newcomers easily, then the rows in order (a small store).
            int row = r < 64 * want ? draw.nextInt(n) : (r - 64 * want) % n;
            item.putIfAbsent(row, item.size());
        }
        List<Integer> rows = new ArrayList<>(item.keySet());
        SplittableRandom random = new SplittableRandom(PAIR_SEED * 31 + winners.length);
        int[] p = PairSelection.next(rows.size(), winners, losers, random, PairSelection.Options.defaults());
        boolean swap = random.nextBoolean(); // no side is always the newcomer's
        ObjectNode o = JSON.createObjectNode();
        o.put("left", data.id(rows.get(p[swap ? 1 : 0])));
        o.put("right", data.id(rows.get(p[swap ? 0 : 1])));
        o.put("judged_images", rows.size());
        json(ctx, o);
    }

    private void judge(Context ctx) {
        JsonNode b = body(ctx);
        long left = idField(b, "left");
        long right = idField(b, "right");
        long winner = idField(b, "winner");
        knownRow(left);
        knownRow(right);
        if (left == right || (winner != left && winner != right)) {
            throw new HttpResponseException(400, "winner must be left or right, and left and right must differ");
        }
        long count = store.write(s -> {
            s.labels().addJudgement(left, right, winner);
            return s.labels().judgementCount();
        }, "the judgement");
        // The agreement's bootstrap refits a logistic hundreds of times: computed on request, not per click.
        ObjectNode o = JSON.createObjectNode();
        o.put("judgements", count);
        json(ctx, o);
    }

    private void agreement(Context ctx) {
        Judgements.Summary s = Judgements.summarise(data, store.read(st -> st.labels().judgements()));
        ObjectNode o = JSON.createObjectNode();
        o.put("judgements", s.judgements());
        o.put("images", s.rows().size());
        o.put("connected", s.connected());
        number(o, "srcc", s.srcc());
        number(o, "srcc_low", s.srccLow());
        number(o, "srcc_high", s.srccHigh());
        o.put("note", s.note());
        ArrayNode scores = o.putArray("scores");
        List<Integer> order = new ArrayList<>(IntStream.range(0, s.rows().size()).boxed().toList());
        double[] sc = s.scores();
        order.sort(Comparator.comparingDouble(i -> -sc[i]));
        for (int i : order) {
            scores.add(brief(s.rows().get(i)).put("people_score", sc[i]));
        }
        json(ctx, o);
    }

    private void picture(Context ctx, int side) {
        int row = row(ctx, "id");
        try {
            byte[] jpeg = thumbnails.preview(Path.of(data.path(row)), side);
            ctx.contentType("image/jpeg").header("Cache-Control", "private, max-age=3600").result(jpeg);
        } catch (Thumbnails.PreviewException e) {
            throw new HttpResponseException(e.status(), "image " + data.id(row) + " cannot be shown: "
                    + e.getMessage());
        }
    }

    /** Stops the server (the store is not held between requests, so there is nothing else to close). */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
