package io.contrastkit.core;

import java.util.Objects;

/**
 * The working image of spec section 2: linear-light RGB planes at working resolution (after the area
 * downscale), with what was measured on the full-resolution decode ({@link #clippedFraction()}).
 * Immutable; accessors return copies.
 */
public final class LinearImage {

    private final int width;
    private final int height;
    private final int sourceWidth;
    private final int sourceHeight;
    private final String format;
    private final double clippedFraction;
    /** Which decoder made the pixels ("name version"), or null when they were not decoded from a file. */
    private final String decoder;
    // Row-major planes of width*height linear values; never exposed without copying.
    final double[] red;
    final double[] green;
    final double[] blue;

    LinearImage(int width, int height, int sourceWidth, int sourceHeight, String format,
                double clippedFraction, double[] red, double[] green, double[] blue) {
        this(width, height, sourceWidth, sourceHeight, format, clippedFraction, null, red, green, blue);
    }

    private LinearImage(int width, int height, int sourceWidth, int sourceHeight, String format,
                        double clippedFraction, String decoder, double[] red, double[] green, double[] blue) {
        this.width = width;
        this.height = height;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.format = format;
        this.clippedFraction = clippedFraction;
        this.decoder = decoder;
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    /**
     * An image from linear RGB planes that are already at working resolution (copied), e.g. synthetic
     * test patterns. {@code clippedFraction} is taken as given.
     */
    public static LinearImage ofLinearRgb(int width, int height, double[] red, double[] green, double[] blue,
                                          double clippedFraction) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
        int n = Math.multiplyExact(width, height);
        for (double[] p : new double[][] {red, green, blue}) {
            Objects.requireNonNull(p, "plane");
            if (p.length != n) {
                throw new IllegalArgumentException("plane has " + p.length + " values, expected " + n);
            }
        }
        return new LinearImage(width, height, width, height, "synthetic", clippedFraction,
                red.clone(), green.clone(), blue.clone());
    }

    /**
     * An image that takes over the given planes, without copying: the decoder's way to hand over the
     * planes it has just built (a copy would cost as much as the downscale). The caller must not touch
     * the arrays afterwards; {@link #ofLinearRgb} is the copying way in.
     *
     * @param sourceWidth     width of the decoded image before downscaling
     * @param sourceHeight    height of the decoded image before downscaling
     * @param format          format name as the decoder reports it
     * @param clippedFraction share of full-resolution pixels clipped (spec 2.1)
     */
    public static LinearImage wrap(int width, int height, int sourceWidth, int sourceHeight, String format,
                                   double clippedFraction, double[] red, double[] green, double[] blue) {
        if (width < 1 || height < 1 || sourceWidth < width || sourceHeight < height) {
            throw new IllegalArgumentException("working size " + width + "x" + height
                    + " must be at least 1x1 and at most the source size " + sourceWidth + "x" + sourceHeight);
        }
        int n = Math.multiplyExact(width, height);
        for (double[] p : new double[][] {red, green, blue}) {
            Objects.requireNonNull(p, "plane");
            if (p.length != n) {
                throw new IllegalArgumentException("plane has " + p.length + " values, expected " + n);
            }
        }
        return new LinearImage(width, height, sourceWidth, sourceHeight, Objects.requireNonNull(format, "format"),
                clippedFraction, red, green, blue);
    }

    /** Working width in pixels. */
    public int width() {
        return width;
    }

    /** Working height in pixels. */
    public int height() {
        return height;
    }

    /** Width of the decoded image before downscaling. */
    public int sourceWidth() {
        return sourceWidth;
    }

    /** Height of the decoded image before downscaling. */
    public int sourceHeight() {
        return sourceHeight;
    }

    /** Format name as the decoder reports it (jpeg, png, gif, bmp, tiff, webp) or "synthetic". */
    public String format() {
        return format;
    }

    /**
     * Which decoder made the pixels, as {@code "name version"} (e.g. {@code "libwebp 1.2.4"}), or null for
     * an image that was not decoded from encoded bytes. Lossy formats decode slightly differently in
     * different decoders, so stores record it per row (see {@link #withDecoder}).
     */
    public String decoder() {
        return decoder;
    }

    /**
     * This image labelled with the decoder that made it. The planes are shared, not copied: both images
     * are immutable, so sharing is safe.
     *
     * @param decoder {@code "name version"}, the name without spaces
     */
    public LinearImage withDecoder(String decoder) {
        Objects.requireNonNull(decoder, "decoder");
        if (decoder.isBlank() || decoder.startsWith(" ")) {
            throw new IllegalArgumentException("decoder must be \"name version\", got '" + decoder + "'");
        }
        return new LinearImage(width, height, sourceWidth, sourceHeight, format, clippedFraction, decoder,
                red, green, blue);
    }

    /** Share of full-resolution pixels with all channels at 0 or all at the maximum code (spec 2.1). */
    public double clippedFraction() {
        return clippedFraction;
    }

    public double[] copyRed() {
        return red.clone();
    }

    public double[] copyGreen() {
        return green.clone();
    }

    public double[] copyBlue() {
        return blue.clone();
    }

    /** Linear luminance Y per pixel (spec 2.4), a new array. */
    public double[] luminance() {
        double[] y = new double[red.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Colour.luminance(red[i], green[i], blue[i]);
        }
        return y;
    }

    @Override
    public String toString() {
        return "LinearImage[" + width + "x" + height + " from " + format + " " + sourceWidth + "x" + sourceHeight
                + (decoder == null ? "" : " by " + decoder) + "]";
    }
}
