package io.contrastkit.core.decode;

import io.contrastkit.core.LinearImage;

/**
 * Builds a {@link LinearImage} from full-resolution rows of linear RGB in one streaming pass: each
 * row is resampled horizontally, then added into the (at most two) output rows it overlaps. Only the
 * working-size planes and one row are held, never a full-resolution double copy.
 */
final class WorkingImageBuilder {

    private final int sourceWidth;
    private final int sourceHeight;
    private final int width;
    private final int height;
    private final AreaResampler horizontal;
    private final AreaResampler vertical;
    // For each source row: the output rows it contributes to and with which weight.
    private final int[][] rowTargets;
    private final double[][] rowWeights;
    private final double[] red;
    private final double[] green;
    private final double[] blue;
    private final double[] hr;
    private final double[] hg;
    private final double[] hb;
    private int nextRow;
    private long clippedPixels;

    WorkingImageBuilder(int sourceWidth, int sourceHeight, int maxSide) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        int[] size = AreaResampler.targetSize(sourceHeight, sourceWidth, maxSide);
        this.height = size[0];
        this.width = size[1];
        int n = Math.multiplyExact(width, height);
        this.red = new double[n];
        this.green = new double[n];
        this.blue = new double[n];
        this.horizontal = width == sourceWidth ? null : new AreaResampler(sourceWidth, width);
        this.vertical = height == sourceHeight ? null : new AreaResampler(sourceHeight, height);
        this.hr = new double[width];
        this.hg = new double[width];
        this.hb = new double[width];
        if (vertical != null) {
            int[] counts = new int[sourceHeight];
            for (int d = 0; d < height; d++) {
                for (int i = 0; i < vertical.weights[d].length; i++) {
                    counts[vertical.start[d] + i]++;
                }
            }
            rowTargets = new int[sourceHeight][];
            rowWeights = new double[sourceHeight][];
            for (int s = 0; s < sourceHeight; s++) {
                rowTargets[s] = new int[counts[s]];
                rowWeights[s] = new double[counts[s]];
                counts[s] = 0;
            }
            for (int d = 0; d < height; d++) {
                for (int i = 0; i < vertical.weights[d].length; i++) {
                    int s = vertical.start[d] + i;
                    rowTargets[s][counts[s]] = d;
                    rowWeights[s][counts[s]] = vertical.weights[d][i];
                    counts[s]++;
                }
            }
        } else {
            rowTargets = null;
            rowWeights = null;
        }
    }

    int sourceWidth() {
        return sourceWidth;
    }

    /** Working width: the length of rows given to {@link #addResampledRow}. */
    int width() {
        return width;
    }

    /** The horizontal resampler, or null when the width is kept. */
    AreaResampler horizontal() {
        return horizontal;
    }

    /** Adds the next full-resolution row (linear values, sourceWidth each; the arrays may be reused). */
    void addRow(double[] r, double[] g, double[] b, int clippedInRow) {
        if (horizontal == null) {
            addResampledRow(r, g, b, clippedInRow);
            return;
        }
        horizontal.resample(r, hr);
        horizontal.resample(g, hg);
        horizontal.resample(b, hb);
        addResampledRow(hr, hg, hb, clippedInRow);
    }

    /**
     * Adds the next source row already resampled to the working width (by {@link #horizontal()}),
     * which lets a decoder fuse linearisation and horizontal resampling in one pass over its samples.
     */
    void addResampledRow(double[] rr, double[] gg, double[] bb, int clippedInRow) {
        if (nextRow >= sourceHeight) {
            throw new IllegalStateException("all " + sourceHeight + " rows were already added");
        }
        clippedPixels += clippedInRow;
        if (vertical == null) {
            int o = nextRow * width;
            System.arraycopy(rr, 0, red, o, width);
            System.arraycopy(gg, 0, green, o, width);
            System.arraycopy(bb, 0, blue, o, width);
        } else {
            int[] targets = rowTargets[nextRow];
            double[] ws = rowWeights[nextRow];
            for (int t = 0; t < targets.length; t++) {
                int o = targets[t] * width;
                double w = ws[t];
                for (int x = 0; x < width; x++) {
                    red[o + x] += w * rr[x];
                    green[o + x] += w * gg[x];
                    blue[o + x] += w * bb[x];
                }
            }
        }
        nextRow++;
    }

    LinearImage build(String format) {
        if (nextRow != sourceHeight) {
            throw new IllegalStateException("only " + nextRow + " of " + sourceHeight + " rows were added");
        }
        double clipped = clippedPixels / ((double) sourceWidth * sourceHeight);
        return LinearImage.wrap(width, height, sourceWidth, sourceHeight, format, clipped, red, green, blue);
    }
}
