package io.contrastkit.bench;

import io.contrastkit.learn.cluster.KMeans;
import io.contrastkit.learn.cluster.KMeansOptions;
import io.contrastkit.learn.cluster.KMeansResult;
import io.contrastkit.learn.metrics.ClusterMetrics;
import io.contrastkit.learn.pca.Pca;
import io.contrastkit.learn.pca.PcaResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Java side of the side-by-side learning benchmark against ../shared/anchors/sk_bench.py: reads the
 * same binary matrix (little-endian float64, row-major, N x 20) and runs the same operation with the
 * same settings, printing a line in sk_bench.py's format (seconds + a quality figure).
 *
 * <pre>
 *   LearnBench kmeans FILE K          k-means++ then Lloyd, nInit 1, maxIter 300, tol 1e-4, seed 0
 *   LearnBench silhouette FILE N K    exact silhouette (+ DB, CH) of k-means labels on the first N rows
 *   LearnBench pca FILE               full PCA, explained variance ratios
 * </pre>
 *
 * Each timed operation is preceded by untimed warm-up runs on the first rows (JMH-style) so the JIT
 * has compiled the hot loops, as the Python side's compiled code needs no warm-up; only the full
 * run is timed. Pass {@code --cold} first to skip the warm-up and time a fresh JVM.
 */
public final class LearnBench {
    private static final int COLUMNS = 20;
    private static final int WARMUP_ROWS = 20_000;

    private LearnBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LearnBench kmeans FILE K | silhouette FILE N K | pca FILE");
            System.exit(2);
        }
        boolean cold = args[0].equals("--cold");
        int warmups = cold ? 0 : 3;
        if (cold) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        double[][] x = load(Path.of(args[1]));
        switch (args[0]) {
            case "kmeans" -> kmeans(x, Integer.parseInt(args[2]), warmups);
            case "silhouette" -> silhouette(Arrays.copyOf(x, Integer.parseInt(args[2])), Integer.parseInt(args[3]), warmups);
            case "pca" -> pca(x, warmups);
            default -> {
                System.err.println("unknown operation " + args[0]);
                System.exit(2);
            }
        }
    }

    static double[][] load(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long bytes = ch.size();
            if (bytes % (8L * COLUMNS) != 0) {
                throw new IOException(file + " has " + bytes + " bytes, not a whole number of " + COLUMNS + "-double rows");
            }
            int n = (int) (bytes / (8L * COLUMNS));
            DoubleBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            double[][] x = new double[n][COLUMNS];
            for (double[] row : x) {
                buf.get(row);
            }
            return x;
        }
    }

    private static double[][] head(double[][] x, int rows) {
        return Arrays.copyOf(x, Math.min(rows, x.length));
    }

    private static void kmeans(double[][] x, int k, int warmups) {
        KMeansOptions options = new KMeansOptions(k, 1, 300, 1e-4, 0);
        for (int w = 0; w < warmups; w++) {
            KMeans.fit(head(x, WARMUP_ROWS), options);
        }
        long t0 = System.nanoTime();
        KMeansResult r = KMeans.fit(x, options);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "kmeans n=%d k=%d seconds=%.3f inertia=%.6g iters=%d%n",
                x.length, k, s, r.inertia(), r.iterations());
    }

    private static void silhouette(double[][] x, int k, int warmups) {
        int[] labels = KMeans.fit(x, new KMeansOptions(k, 1, 300, 1e-4, 0)).labels();
        double[][] warm = head(x, 4000);
        for (int w = 0; w < warmups; w++) {
            ClusterMetrics.silhouette(warm, Arrays.copyOf(labels, warm.length));
        }
        long t0 = System.nanoTime();
        double sil = ClusterMetrics.silhouette(x, labels);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "silhouette n=%d seconds=%.3f silhouette=%.6f db=%.6f ch=%.6g%n",
                x.length, s, sil, ClusterMetrics.daviesBouldin(x, labels), ClusterMetrics.calinskiHarabasz(x, labels));
    }

    private static void pca(double[][] x, int warmups) {
        for (int w = 0; w < warmups; w++) {
            Pca.fit(head(x, WARMUP_ROWS));
        }
        long t0 = System.nanoTime();
        PcaResult p = Pca.fit(x);
        double s = (System.nanoTime() - t0) / 1e9;
        double[] evr = Arrays.copyOf(p.explainedVarianceRatio(), 5);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < evr.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", evr[i]));
        }
        System.out.printf(Locale.ROOT, "pca n=%d seconds=%.3f evr=%s]%n", x.length, s, sb);
    }
}
