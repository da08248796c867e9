package io.contrastkit.app.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's counters in the Prometheus text exposition format (version 0.0.4): requests by route, method
 * and status, and a latency histogram by route. Lock-free on the request path (adders); rendering reads a
 * moment's values, each counter on its own, which the format allows.
 */
final class ServiceMetrics {

    /** Upper bounds of the latency buckets, in seconds: from a cached answer to a timed-out 30 s request. */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    /** One route's latency histogram: counts per bucket (not cumulative; summed when rendered), sum, count. */
    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void add(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sum.add(seconds);
        }
    }

    private record Key(String route, String method, int status) {
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

    /**
     * Counts one answered request.
     *
     * @param route the route's path template, or {@code other} for paths the service does not have (so a client
     *              cannot grow the label set without bound)
     */
    void record(String route, String method, int status, double seconds) {
        requests.computeIfAbsent(new Key(route, method, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, r -> new Histogram()).add(Math.max(0, seconds));
    }

    /** Requests counted so far for a route and status (tests). */
    long count(String route, int status) {
        long n = 0;
        for (Map.Entry<Key, LongAdder> e : requests.entrySet()) {
            if (e.getKey().route.equals(route) && e.getKey().status == status) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    /** Every route, method and status answered so far, as {@code METHOD route status} (tests). */
    java.util.Set<String> answered() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Key k : requests.keySet()) {
            out.add(k.method + " " + k.route + " " + k.status);
        }
        return out;
    }

    /** A gauge line set the service adds to the counters (model version, queue, buffer, drift). */
    record Gauge(String name, String help, List<String[]> samples) {
        /** One unlabelled sample. */
        static Gauge of(String name, String help, double value) {
            return new Gauge(name, help, List.<String[]>of(new String[] {"", format(value)}));
        }
    }

    /** The exposition text: the counters, the histogram, then the gauges. */
    String render(List<Gauge> gauges) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# HELP contrastkit_http_requests_total Requests answered, by route, method and status.\n");
        b.append("# TYPE contrastkit_http_requests_total counter\n");
        List<Map.Entry<Key, LongAdder>> rows = new ArrayList<>(requests.entrySet());
        rows.sort((x, y) -> {
            int c = x.getKey().route.compareTo(y.getKey().route);
            c = c != 0 ? c : x.getKey().method.compareTo(y.getKey().method);
            return c != 0 ? c : Integer.compare(x.getKey().status, y.getKey().status);
        });
        for (Map.Entry<Key, LongAdder> e : rows) {
            Key k = e.getKey();
            b.append("contrastkit_http_requests_total{route=\"").append(escape(k.route)).append("\",method=\"")
                    .append(escape(k.method)).append("\",status=\"").append(k.status).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
        }
        b.append("# HELP contrastkit_http_request_duration_seconds Time from a request's arrival to its answer.\n");
        b.append("# TYPE contrastkit_http_request_duration_seconds histogram\n");
        List<String> routes = new ArrayList<>(latency.keySet());
        routes.sort(null);
        for (String route : routes) {
            Histogram h = latency.get(route);
            String label = "route=\"" + escape(route) + "\"";
            long cumulative = 0;
            for (int i = 0; i < h.counts.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < BUCKETS.length ? format(BUCKETS[i]) : "+Inf";
                b.append("contrastkit_http_request_duration_seconds_bucket{").append(label).append(",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            b.append("contrastkit_http_request_duration_seconds_sum{").append(label).append("} ")
                    .append(format(h.sum.sum())).append('\n');
            b.append("contrastkit_http_request_duration_seconds_count{").append(label).append("} ").append(cumulative)
                    .append('\n');
        }
        for (Gauge g : gauges) {
            b.append("# HELP ").append(g.name).append(' ').append(g.help).append('\n');
            b.append("# TYPE ").append(g.name).append(" gauge\n");
            for (String[] s : g.samples) {
                b.append(g.name).append(s[0].isEmpty() ? "" : "{" + s[0] + "}").append(' ').append(s[1]).append('\n');
            }
        }
        return b.toString();
    }

    /** A label value as the format wants it: backslash, quote and newline escaped. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample value: integers without a fraction, others in full precision, NaN as the format spells it. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
