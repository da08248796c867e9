package io.contrastkit.core;

/**
 * Options of the v1 extractor.
 *
 * @param maxSide longest side of the working image in pixels; larger images are area-downscaled to it,
 *                {@code 0} keeps the native resolution (spec section 2.3)
 * @param window  side of the square local-contrast window in pixels, odd (spec section 3)
 * @param maxPixels images whose header claims more pixels than this are refused before decoding
 */
public record ExtractionOptions(int maxSide, int window, long maxPixels) {

    public static final int DEFAULT_MAX_SIDE = 512;
    public static final int DEFAULT_WINDOW = 11;
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    public ExtractionOptions {
        if (maxSide < 0) {
            throw new IllegalArgumentException("maxSide must be >= 0 (0 = native resolution), got " + maxSide);
        }
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be an odd number of pixels >= 1, got " + window);
        }
        if (window > 4095) {
            throw new IllegalArgumentException("window must be at most 4095 pixels, got " + window);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
    }

    /** maxSide 512, window 11, 100 MP limit. */
    public static ExtractionOptions defaults() {
        return new ExtractionOptions(DEFAULT_MAX_SIDE, DEFAULT_WINDOW, DEFAULT_MAX_PIXELS);
    }

    public ExtractionOptions withMaxSide(int newMaxSide) {
        return new ExtractionOptions(newMaxSide, window, maxPixels);
    }

    public ExtractionOptions withWindow(int newWindow) {
        return new ExtractionOptions(maxSide, newWindow, maxPixels);
    }

    public ExtractionOptions withMaxPixels(long newMaxPixels) {
        return new ExtractionOptions(maxSide, window, newMaxPixels);
    }
}
