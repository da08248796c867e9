package io.contrastkit.bench;

import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.serve.PredictionServer;
import io.contrastkit.app.serve.ServeOptions;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Provenance;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The prediction service under load, run by hand (not by verify): {@code load} (64 connections, each its own
 * client, posting real JPEG photos for 60 s: statuses, dropped connections, p50/p99 latency, throughput),
 * {@code soak} (100,000 small requests; the heap after GC sampled every 10,000), {@code bench} (one ~1 MP JPEG
 * through the fast and hybrid tiers on one server worker: extraction alone, in-process {@link ContrastKit#predict}
 * and HTTP, over a minimal keep-alive client on a raw socket and over java.net.http, in alternating rounds; per
 * round p50 and p99, the medians of the rounds' and their ratios to extraction alone), {@code bodyread} (a
 * 1 MP JPEG body read inside Jetty as the service did before and as it does now). Everything binds loopback, and every
 * loop is bounded by a count or a deadline. The model is fitted here on the photos folder (each photo whole and
 * two crops); the small images and the benchmark's JPEG come from the fixtures folder. {@code deep} (not part of
 * {@code all}) compares the deep tier with the hybrid tier in-process, given a model directory as a fourth argument.
 *
 * <p>Run: {@code java -cp contrastkit-bench/target/benchmarks.jar io.contrastkit.bench.ServeLoad all
 * samples/photos contrastkit-core/src/test/resources/fixtures/images}
 */
public final class ServeLoad {

    private static final int CONNECTIONS = 64;
    private static final long LOAD_SECONDS = 60;
    private static final int SOAK_REQUESTS = 100_000;
    private static final int SOAK_CONNECTIONS = 8;
    private static final int SOAK_SAMPLE_EVERY = 10_000;
    private static final int BENCH_ROUNDS = 10;
    private static final int BENCH_PER_ROUND = 100;
    private static final int BENCH_WARMUP = 500;
    private static final String BENCH_IMAGE = "hubble_deep_field.jpg";
    private static final List<String> SMALL = List.of("edge_sine.png", "phantom.png", "palette_color.png",
            "edge_strip5x300.png", "edge_rgb16.png", "no_time_for_that_tiny.gif");

    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        Path photos = Path.of(args.length > 1 ? args[1] : "samples/photos");
        Path small = Path.of(args.length > 2 ? args[2] : "contrastkit-core/src/test/resources/fixtures/images");
        System.out.printf(Locale.ROOT, "cores %d, max heap %d MB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        Path model = fitModel(photos);
        if (mode.equals("load") || mode.equals("all")) {
            List<byte[]> jpegs = jpegs(photos);
            jpegs.add(Files.readAllBytes(small.resolve(BENCH_IMAGE)));
            load(model, jpegs);
        }
        if (mode.equals("soak") || mode.equals("all")) {
            soak(model, small);
        }
        if (mode.equals("bench") || mode.equals("all")) {
            bench(model, Files.readAllBytes(small.resolve(BENCH_IMAGE)));
        }
        if (mode.equals("bodyread") || mode.equals("all")) {
            bodyRead(Files.readAllBytes(small.resolve(BENCH_IMAGE)));
        }
        if (mode.equals("deep")) {
            if (args.length < 4) {
                throw new IllegalArgumentException("deep needs a fourth argument: a model directory train vae saved");
            }
            deep(model, Path.of(args[3]), Files.readAllBytes(small.resolve(BENCH_IMAGE)));
        }
    }

    /**
     * The deep tier beside the hybrid tier, in-process, one image on one thread: {@link ContrastKit#predictDeep}
     * against {@link ContrastKit#predict}, in alternating rounds (which goes first swaps each round), after a
     * warm-up; p50 and p99 and their ratio. Not run by {@code all}: it needs a trained deep model.
     */
    private static void deep(Path model, Path vaeDir, byte[] jpeg) throws Exception {
        try (ContrastKit kit = ContrastKit.open(model).withEmbedding(vaeDir)) {
            System.out.printf(Locale.ROOT, "deep model %s: %d values; hybrid working size %d px%n", kit.embeddingModelId(),
                    kit.embeddingSize(), kit.extraction(ContrastKit.Tier.HYBRID).maxSide());
            for (int w = 0; w < 20; w++) {
                kit.predict(jpeg);
                kit.predictDeep(jpeg);
            }
            List<Long> hybrid = new ArrayList<>();
            List<Long> deep = new ArrayList<>();
            for (int round = 0; round < BENCH_ROUNDS; round++) {
                for (int pass = 0; pass < 2; pass++) {
                    boolean deepNow = (round + pass) % 2 == 1;
                    for (int i = 0; i < BENCH_PER_ROUND; i++) {
                        long t0 = System.nanoTime();
                        if (deepNow) {
                            kit.predictDeep(jpeg);
                        } else {
                            kit.predict(jpeg);
                        }
                        (deepNow ? deep : hybrid).add(System.nanoTime() - t0);
                    }
                }
            }
            long[] h = hybrid.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] d = deep.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "deep bench hybrid n=%d p50 %.2f ms p99 %.2f ms; deep n=%d p50 %.2f ms p99"
                            + " %.2f ms; deep/hybrid p50 x%.3f, p99 x%.3f%n", h.length, pct(h, 0.5), pct(h, 0.99),
                    d.length, pct(d, 0.5), pct(d, 0.99), pct(d, 0.5) / pct(h, 0.5), pct(d, 0.99) / pct(h, 0.99));
        }
    }

    private static List<byte[]> jpegs(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no .jpg in " + dir);
        }
        return out;
    }

    /** A model fitted on the photos (whole, centre crop, corner crop), written to a temporary file. */
    private static Path fitModel(Path dir) throws IOException, ImageError {
        ExtractionOptions opts = ExtractionOptions.defaults();
        ImageDecoder decoder = new ImageDecoder(opts);
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(opts);
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                BufferedImage img = decoder.decodeRaster(Files.readAllBytes(p));
                int w = img.getWidth();
                int h = img.getHeight();
                BufferedImage[] variants = {img, img.getSubimage(w / 6, h / 6, w * 2 / 3, h * 2 / 3),
                    img.getSubimage(0, 0, w * 3 / 4, h * 3 / 4)};
                for (int v = 0; v < variants.length; v++) {
                    rows.add(extractor.extract(decoder.fromBufferedImage(variants[v])).toArray());
                    names.add(p.getFileName() + "#" + v);
                }
            }
        }
        ContrastModel m = ContrastModelTrainer.fit(rows.toArray(new double[0][]), names, FeatureSchema.V1,
                ContrastModelOptions.defaults().withKRange(2, 4), 42L,
                new Provenance.Source("bench", dir.toString(), "2026-01-01T00:00:00Z")).model();
        Path file = Files.createTempFile("serve-load-model", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, m.toJson());
        System.out.printf(Locale.ROOT, "model %s: %d rows, k = %d%n", m.id(), rows.size(), m.groups().size());
        return file;
    }

    private static double pct(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    private static HttpRequest post(PredictionServer s, String path, byte[] body) {
        return HttpRequest.newBuilder(s.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** 64 connections posting JPEG photos for 60 s. */
    private static void load(Path model, List<byte[]> photos) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ServeOptions o = ServeOptions.defaults(model, cores).withQueue(CONNECTIONS);
        try (PredictionServer s = PredictionServer.start(o)) {
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            AtomicLong dropped = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds(LOAD_SECONDS).toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int offset = c;
                futures.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    for (int i = 0; System.nanoTime() < deadline && n < lat.length; i++) {
                        byte[] img = photos.get((i + offset) % photos.size());
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = client.send(post(s, "/v1/predict", img),
                                    HttpResponse.BodyHandlers.discarding());
                            lat[n++] = System.nanoTime() - t0;
                            statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
                        } catch (IOException e) {
                            dropped.incrementAndGet();
                        }
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            for (Future<long[]> f : futures) {
                latencies.add(f.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long fivexx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().sum()).sum();
            System.out.printf(Locale.ROOT, "load: %d connections, %.1f s, %d answers (statuses %s), %d 5xx, %d dropped"
                            + " connections; latency p50 %.1f ms, p99 %.1f ms; %.1f requests/s; %d server threads%n",
                    CONNECTIONS, seconds, all.length, new TreeMap<>(statuses), fivexx, dropped.get(), pct(all, 0.5),
                    pct(all, 0.99), all.length / seconds, cores);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** 100,000 small requests on 8 connections; the heap after GC every 10,000. */
    private static void soak(Path model, Path dir) throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (String name : SMALL) {
            images.add(Files.readAllBytes(dir.resolve(name)));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, cores).withQueue(SOAK_CONNECTIONS))) {
            AtomicInteger next = new AtomicInteger();
            AtomicLong non200 = new AtomicLong();
            AtomicLong dropped = new AtomicLong();
            List<String> heap = new ArrayList<>();
            List<Double> mb = new ArrayList<>();
            long start = System.nanoTime();
            mb.add(heapAfterGc() / 1048576.0);
            heap.add(String.format(Locale.ROOT, "0:%.1f", mb.get(0)));
            for (int done = 0; done < SOAK_REQUESTS; done += SOAK_SAMPLE_EVERY) {
                int end = done + SOAK_SAMPLE_EVERY;
                ExecutorService pool = Executors.newFixedThreadPool(SOAK_CONNECTIONS);
                List<Future<?>> fs = new ArrayList<>();
                for (int c = 0; c < SOAK_CONNECTIONS; c++) {
                    fs.add(pool.submit(() -> {
                        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                        int i;
                        while ((i = next.getAndIncrement()) < end) {
                            try {
                                HttpResponse<Void> r = client.send(post(s, "/v1/predict", images.get(i % images.size())),
                                        HttpResponse.BodyHandlers.discarding());
                                if (r.statusCode() != 200) {
                                    non200.incrementAndGet();
                                }
                            } catch (IOException e) {
                                dropped.incrementAndGet();
                            }
                        }
                        next.compareAndSet(i, end);
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                pool.shutdown();
                next.set(end);
                double used = heapAfterGc() / 1048576.0;
                mb.add(used);
                heap.add(String.format(Locale.ROOT, "%dk:%.1f", end / 1000, used));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Least-squares slope over the samples after the first 10,000 (warm-up), in MB per 10,000 requests.
            int from = 1;
            int n = mb.size() - from;
            double mx = 0;
            double my = 0;
            for (int i = from; i < mb.size(); i++) {
                mx += i;
                my += mb.get(i);
            }
            mx /= n;
            my /= n;
            double sxy = 0;
            double sxx = 0;
            for (int i = from; i < mb.size(); i++) {
                sxy += (i - mx) * (mb.get(i) - my);
                sxx += (i - mx) * (i - mx);
            }
            System.out.printf(Locale.ROOT, "soak: %d requests on %d connections in %.1f s (%.0f/s), %d not 200, %d dropped;"
                            + " heap after GC (MB) %s; slope %.3f MB per 10k requests after warm-up%n", SOAK_REQUESTS,
                    SOAK_CONNECTIONS, seconds, SOAK_REQUESTS / seconds, non200.get(), dropped.get(), heap, sxy / sxx);
        }
    }

    /**
     * The cost of reading a request body inside Jetty, the way the service did before (InputStream.readNBytes,
     * which gathers 8 KiB chunks and copies them into the result) and the way it does now (read straight into one
     * array of the declared length): two Javalin routes that each time only their body read, alternating rounds.
     */
    private static void bodyRead(byte[] jpeg) throws Exception {
        io.javalin.Javalin app = io.javalin.Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 64L << 20;
            cfg.routes.post("/chunks", ctx -> {
                long t0 = System.nanoTime();
                byte[] b = ctx.req().getInputStream().readNBytes((int) ctx.req().getContentLengthLong());
                ctx.result(Long.toString(System.nanoTime() - t0 + (b.length == 0 ? 1 : 0)));
            });
            cfg.routes.post("/direct", ctx -> {
                long t0 = System.nanoTime();
                java.io.InputStream in = ctx.req().getInputStream();
                byte[] b = new byte[(int) ctx.req().getContentLengthLong()];
                for (int got = 0, n; got < b.length && (n = in.read(b, got, b.length - got)) > 0; ) {
                    got += n;
                }
                ctx.result(Long.toString(System.nanoTime() - t0 + (b.length == 0 ? 1 : 0)));
            });
        }).start("127.0.0.1", 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            Map<String, List<Double>> p50 = new TreeMap<>();
            for (int round = 0; round < 12; round++) {
                for (String route : round % 2 == 0 ? List.of("chunks", "direct") : List.of("direct", "chunks")) {
                    long[] t = new long[200];
                    for (int i = 0; i < t.length; i++) {
                        HttpRequest r = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port()
                                + "/" + route)).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build();
                        t[i] = Long.parseLong(client.send(r, HttpResponse.BodyHandlers.ofString()).body());
                    }
                    Arrays.sort(t);
                    if (round >= 2) {
                        p50.computeIfAbsent(route, k -> new ArrayList<>()).add(pct(t, 0.5));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "bodyread: %d-byte JPEG, 10 rounds x 200 after 2 warm-up rounds; median of"
                    + " round p50s: readNBytes %.3f ms, into one array %.3f ms (rounds: %s / %s)%n", jpeg.length,
                    median(p50.get("chunks")), median(p50.get("direct")), p50.get("chunks"), p50.get("direct"));
        } finally {
            app.stop();
        }
    }

    /**
     * A minimal HTTP/1.1 keep-alive client over one loopback socket: it writes the request's bytes and reads the
     * status line, the headers and a Content-Length body, and nothing more, so what the benchmark times is the
     * service rather than a general client's machinery (java.net.http's figures are printed beside it).
     */
    static final class RawHttp implements AutoCloseable {
        private static final int MAX_HEADER_BYTES = 64 << 10;
        private final String host;
        private final int port;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;
        private byte[] body = new byte[64 << 10];

        RawHttp(String host, int port) {
            this.host = host;
            this.port = port;
        }

        private void connect() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 << 10);
        }

        /** POSTs {@code payload}; the status (the body is read and dropped). */
        int post(String path, String type, byte[] payload) throws IOException {
            boolean reused = socket != null;
            if (!reused) {
                connect();
            }
            try {
                return exchange(path, type, payload);
            } catch (java.io.EOFException | java.net.SocketException e) {
                // The server closed a kept-alive connection while it was idle (Jetty's idle timeout, e.g. while
                // another side ran): once, on a fresh connection, as any keep-alive client does.
                close();
                if (!reused) {
                    throw e;
                }
                connect();
                return exchange(path, type, payload);
            }
        }

        private int exchange(String path, String type, byte[] payload) throws IOException {
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            String status = line(true);
            if (status == null) {
                throw new java.io.EOFException("the connection was closed before an answer");
            }
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: '" + status + "'");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean close = false;
            for (int headers = 0; ; headers++) {
                String h = line(false);
                if (h.isEmpty()) {
                    break;
                }
                if (headers > 200) {
                    throw new IOException("more than 200 header lines");
                }
                int colon = h.indexOf(':');
                String name = colon < 0 ? h : h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : h.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (length < 0) {
                throw new IOException("an answer without Content-Length (status " + code + ")");
            }
            if (length > body.length) {
                body = new byte[(int) length];
            }
            if (in.readNBytes(body, 0, (int) length) < length) {
                throw new IOException("the answer ended before its " + length + " bytes");
            }
            if (close) {
                close();
            }
            return code;
        }

        /** One line without its CRLF; null when the connection ends before the first byte of a status line. */
        private String line(boolean first) throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0 && b.length() == 0 && first) {
                    return null;
                }
                if (c < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (b.length() > MAX_HEADER_BYTES) {
                    throw new IOException("a header line over " + MAX_HEADER_BYTES + " bytes");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    /** One timed way of measuring the image. */
    @FunctionalInterface
    private interface Side {
        void once() throws Exception;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /**
     * One ~1 MP JPEG through each tier, one server worker: extraction alone (decode and features), in-process
     * {@link ContrastKit#predict}, HTTP over {@link RawHttp} and over java.net.http; after
     * {@value #BENCH_WARMUP} warm-up requests per side, {@value #BENCH_ROUNDS} rounds of {@value #BENCH_PER_ROUND}
     * requests per side, the sides alternating within each round. Per round p50 and p99; then the medians of the
     * rounds' p50s and p99s and their ratios to extraction alone.
     */
    private static void bench(Path model, byte[] jpeg) throws Exception {
        ContrastKit kit = ContrastKit.open(model);
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withRefit(0, 5000));
             RawHttp raw = new RawHttp("127.0.0.1", s.port())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> sides = List.of("extraction", "in-process", "http", "http-jdk");
            System.out.printf(Locale.ROOT, "bench: %d-byte JPEG, 1 server worker, %d warm-up requests per side, %d"
                    + " rounds x %d per side, alternating%n", jpeg.length, BENCH_WARMUP, BENCH_ROUNDS, BENCH_PER_ROUND);
            for (ContrastKit.Tier tier : ContrastKit.Tier.values()) {
                ExtractionOptions opts = kit.extraction(tier);
                ImageDecoder decoder = new ImageDecoder(opts);
                ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(opts);
                String path = "/v1/predict?tier=" + tier.id();
                HttpRequest request = post(s, path, jpeg);
                Map<String, Side> run = new java.util.LinkedHashMap<>();
                run.put("extraction", () -> extractor.extract(decoder.decode(jpeg)));
                run.put("in-process", () -> kit.predict(jpeg, tier));
                run.put("http", () -> {
                    int status = raw.post(path, "image/jpeg", jpeg);
                    if (status != 200) {
                        throw new IllegalStateException("HTTP " + status);
                    }
                });
                run.put("http-jdk", () -> {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        throw new IllegalStateException("HTTP " + status);
                    }
                });
                // Warm-up interleaved, so every side is compiled and the connections are in use throughout.
                for (int w = 0; w < BENCH_WARMUP; w++) {
                    for (String side : sides) {
                        run.get(side).once();
                    }
                }
                Map<String, List<Double>> p50 = new TreeMap<>();
                Map<String, List<Double>> p99 = new TreeMap<>();
                for (int round = 0; round < BENCH_ROUNDS; round++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "bench %s round %2d:", tier.id(),
                            round + 1));
                    // Each round starts from a different side, so no side always runs first or after another.
                    for (int k = 0; k < sides.size(); k++) {
                        String side = sides.get((k + round) % sides.size());
                        long[] t = new long[BENCH_PER_ROUND];
                        for (int i = 0; i < t.length; i++) {
                            long t0 = System.nanoTime();
                            run.get(side).once();
                            t[i] = System.nanoTime() - t0;
                        }
                        Arrays.sort(t);
                        p50.computeIfAbsent(side, x -> new ArrayList<>()).add(pct(t, 0.5));
                        p99.computeIfAbsent(side, x -> new ArrayList<>()).add(pct(t, 0.99));
                    }
                    for (String side : sides) {
                        line.append(String.format(Locale.ROOT, " %s %.2f/%.2f", side, p50.get(side).get(round),
                                p99.get(side).get(round)));
                    }
                    System.out.println(line.append(" ms (p50/p99)"));
                }
                double ex50 = median(p50.get("extraction"));
                double ex99 = median(p99.get("extraction"));
                for (String side : sides) {
                    double m50 = median(p50.get(side));
                    double m99 = median(p99.get(side));
                    System.out.printf(Locale.ROOT, "bench %s %-10s median of round p50s %.2f ms, of round p99s %.2f ms;"
                            + " vs extraction alone: p50 x%.3f, p99 x%.3f%n", tier.id(), side, m50, m99, m50 / ex50,
                            m99 / ex99);
                }
            }
        }
    }
}
