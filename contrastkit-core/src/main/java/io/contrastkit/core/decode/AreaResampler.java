package io.contrastkit.core.decode;

/**
 * Separable area resampling along one axis (spec 2.3): output cell d of a source of length n and a
 * target of length m covers [d*n/m, (d+1)*n/m) and is the overlap-weighted mean of the source cells
 * it touches. Weights are computed exactly as the reference script does, so results agree to rounding.
 */
final class AreaResampler {

    final int source;
    final int target;
    /** First source index of each output cell. */
    final int[] start;
    /** Weights of output cell d over source cells start[d]..start[d]+weights[d].length-1, summing to 1. */
    final double[][] weights;
    /** The weight shared by the whole source cells inside output cell d (all but its two ends). */
    final double[] interiorWeight;

    AreaResampler(int source, int target) {
        if (source < 1 || target < 1 || target > source) {
            throw new IllegalArgumentException("area resampling needs 1 <= target <= source, got "
                    + target + " from " + source);
        }
        this.source = source;
        this.target = target;
        this.start = new int[target];
        this.weights = new double[target][];
        this.interiorWeight = new double[target];
        double scale = source / (double) target;
        for (int d = 0; d < target; d++) {
            double lo = d * scale;
            double hi = (d + 1) * scale;
            int first = (int) Math.floor(lo);
            int end = Math.min(source, (int) Math.ceil(hi));
            double[] ov = new double[Math.max(0, end - first)];
            double total = 0;
            int firstPositive = -1;
            int lastPositive = -1;
            for (int s = first; s < end; s++) {
                double o = Math.min(hi, s + 1) - Math.max(lo, s);
                ov[s - first] = o;
                if (o > 0) {
                    total += o;
                    if (firstPositive < 0) {
                        firstPositive = s;
                    }
                    lastPositive = s;
                }
            }
            double[] w = new double[lastPositive - firstPositive + 1];
            for (int s = firstPositive; s <= lastPositive; s++) {
                double o = ov[s - first];
                w[s - firstPositive] = o > 0 ? o / total : 0;
            }
            start[d] = firstPositive;
            weights[d] = w;
            // Interior overlaps are all exactly 1, so their normalised weights are one number.
            interiorWeight[d] = w.length > 2 ? w[1] : 0;
            for (int i = 1; i < w.length - 1; i++) {
                if (w[i] != interiorWeight[d]) {
                    throw new AssertionError("unequal interior weights in cell " + d + " of " + source + "->" + target);
                }
            }
        }
    }

    /** Resamples one line: {@code out[d] = sum_i weights[d][i] * in[start[d] + i]}. */
    void resample(double[] in, double[] out) {
        for (int d = 0; d < target; d++) {
            double[] w = weights[d];
            int s = start[d];
            double acc = 0;
            for (int i = 0; i < w.length; i++) {
                acc += w[i] * in[s + i];
            }
            out[d] = acc;
        }
    }

    /** Target length {@code max(1, floor(n*s + 0.5))} for {@code s = maxSide / max(h, w)} (spec 2.3). */
    static int[] targetSize(int height, int width, int maxSide) {
        if (maxSide <= 0 || Math.max(height, width) <= maxSide) {
            return new int[] {height, width};
        }
        double scale = maxSide / (double) Math.max(height, width);
        int h2 = Math.max(1, (int) Math.floor(height * scale + 0.5));
        int w2 = Math.max(1, (int) Math.floor(width * scale + 0.5));
        return new int[] {h2, w2};
    }
}
