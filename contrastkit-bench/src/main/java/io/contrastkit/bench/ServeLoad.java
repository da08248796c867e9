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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * through the fast and hybrid tiers: extraction alone, in-process {@link ContrastKit#predict} and HTTP, in
 * alternating rounds; p50 and p99 and their ratios to extraction alone). Everything binds loopback, and every
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
    private static final int BENCH_PER_ROUND = 20;
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

    /** One ~1 MP JPEG: extraction alone, in-process and over HTTP, fast and hybrid, alternating rounds. */
    private static void bench(Path model, byte[] jpeg) throws Exception {
        ContrastKit kit = ContrastKit.open(model);
        try (PredictionServer s = PredictionServer.start(ServeOptions.defaults(model, 1).withRefit(0, 5000))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, List<Long>> times = new TreeMap<>();
            for (ContrastKit.Tier tier : ContrastKit.Tier.values()) {
                ExtractionOptions opts = kit.extraction(tier);
                ImageDecoder decoder = new ImageDecoder(opts);
                ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(opts);
                String path = "/v1/predict?tier=" + tier.id();
                for (int w = 0; w < 20; w++) {
                    extractor.extract(decoder.decode(jpeg));
                    kit.predict(jpeg, tier);
                    client.send(post(s, path, jpeg), HttpResponse.BodyHandlers.discarding());
                }
                for (int round = 0; round < BENCH_ROUNDS; round++) {
                    for (int i = 0; i < BENCH_PER_ROUND; i++) {
                        long t0 = System.nanoTime();
                        extractor.extract(decoder.decode(jpeg));
                        long t1 = System.nanoTime();
                        kit.predict(jpeg, tier);
                        long t2 = System.nanoTime();
                        HttpResponse<Void> r = client.send(post(s, path, jpeg), HttpResponse.BodyHandlers.discarding());
                        long t3 = System.nanoTime();
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode());
                        }
                        times.computeIfAbsent(tier.id() + " extraction", k -> new ArrayList<>()).add(t1 - t0);
                        times.computeIfAbsent(tier.id() + " in-process", k -> new ArrayList<>()).add(t2 - t1);
                        times.computeIfAbsent(tier.id() + " http", k -> new ArrayList<>()).add(t3 - t2);
                    }
                }
            }
            for (ContrastKit.Tier tier : ContrastKit.Tier.values()) {
                long[] ex = times.get(tier.id() + " extraction").stream().mapToLong(Long::longValue).sorted().toArray();
                for (String m : List.of("extraction", "in-process", "http")) {
                    long[] t = times.get(tier.id() + " " + m).stream().mapToLong(Long::longValue).sorted().toArray();
                    System.out.printf(Locale.ROOT, "bench %s %-10s n=%d p50 %.2f ms p99 %.2f ms; vs extraction: p50 x%.3f,"
                                    + " p99 x%.3f%n", tier.id(), m, t.length, pct(t, 0.5), pct(t, 0.99),
                            pct(t, 0.5) / pct(ex, 0.5), pct(t, 0.99) / pct(ex, 0.99));
                }
            }
        }
    }
}
