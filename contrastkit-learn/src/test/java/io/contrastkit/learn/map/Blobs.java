package io.contrastkit.learn.map;

import java.util.Random;

/** Four well-separated Gaussian blobs in 10-D for map tests; deterministic in the seed. */
final class Blobs {

    static final long SEED = 20240601L;
    static final int COUNT = 4;
    static final int DIMENSIONS = 10;

    private Blobs() {
    }

    /** {@code perBlob} rows of each blob, blob by blob; the centres are the same for every seed. */
    static double[][] rows(long seed, int perBlob) {
        Random centresRandom = new Random(7);
        double[][] centres = new double[COUNT][DIMENSIONS];
        for (double[] c : centres) {
            for (int j = 0; j < DIMENSIONS; j++) {
                c[j] = 8 * centresRandom.nextGaussian();
            }
        }
        Random random = new Random(seed);
        double[][] x = new double[COUNT * perBlob][DIMENSIONS];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < DIMENSIONS; j++) {
                x[i][j] = centres[i / perBlob][j] + random.nextGaussian();
            }
        }
        return x;
    }

    static int[] labels(int perBlob) {
        int[] labels = new int[COUNT * perBlob];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perBlob;
        }
        return labels;
    }

    static double[][] centres(double[][] y, int[] labels) {
        double[][] c = new double[COUNT][2];
        int[] counts = new int[COUNT];
        for (int i = 0; i < y.length; i++) {
            c[labels[i]][0] += y[i][0];
            c[labels[i]][1] += y[i][1];
            counts[labels[i]]++;
        }
        for (int b = 0; b < COUNT; b++) {
            c[b][0] /= counts[b];
            c[b][1] /= counts[b];
        }
        return c;
    }

    static int nearest(double[][] centres, double[] p) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int b = 0; b < centres.length; b++) {
            double d = Math.hypot(p[0] - centres[b][0], p[1] - centres[b][1]);
            if (d < bestD) {
                bestD = d;
                best = b;
            }
        }
        return best;
    }
}
