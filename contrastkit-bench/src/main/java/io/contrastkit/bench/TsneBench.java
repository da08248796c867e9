package io.contrastkit.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.contrastkit.learn.map.Trustworthiness;
import io.contrastkit.learn.map.Tsne;
import io.contrastkit.learn.map.TsneMap;
import io.contrastkit.learn.map.TsneOptions;

/**
 * Side-by-side twin of {@code sk_bench.py tsne FILE N}: t-SNE (Barnes-Hut, perplexity 30, PCA init) on the
 * first N rows of a little-endian float64 N x 20 matrix; prints seconds (PCA init + fit, as scikit-learn's
 * fit_transform) and trustworthiness (k=10).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.contrastkit.bench.TsneBench FILE N [THREADS]}; THREADS defaults
 * to $OMP_NUM_THREADS, else all processors.
 */
public final class TsneBench {

    private static final int COLUMNS = 20;

    private TsneBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TsneBench FILE N [THREADS]");
            System.exit(2);
        }
        double[][] x = read(Path.of(args[0]), Integer.parseInt(args[1]));
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads = args.length > 2 ? Integer.parseInt(args[2])
                : omp != null && !omp.isBlank() ? Integer.parseInt(omp.trim())
                : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        TsneMap map = Tsne.fit(x, Tsne.pcaInit(x), TsneOptions.defaults(), threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        double trust = Trustworthiness.of(x, map.embedding(), 10, threads);
        double trustSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("tsne n=%d seconds=%.3f trustworthiness=%.4f threads=%d kl=%.4f trust_seconds=%.3f%n",
                x.length, seconds, trust, threads, map.klDivergence(), trustSeconds);
    }

    /** The first {@code n} rows of a little-endian float64 row-major {@code ? x 20} file. */
    static double[][] read(Path file, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int available = buf.remaining() / 8 / COLUMNS;
        if (n > available) {
            throw new IllegalArgumentException(file + " holds " + available + " rows, asked for " + n);
        }
        double[][] x = new double[n][COLUMNS];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < COLUMNS; j++) {
                x[i][j] = buf.getDouble();
            }
        }
        return x;
    }
}
