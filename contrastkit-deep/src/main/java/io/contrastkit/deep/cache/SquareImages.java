package io.contrastkit.deep.cache;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.ImageHeader;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns an encoded image into the cache's S x S x 3 sRGB bytes with core's decoder: the decoder's area
 * downscale brings the shorter side to S (or just above), then the centre square is kept. Public so that
 * one image served outside the cache ({@code contrastkit serve --embedding-model}) is prepared exactly as
 * the cache prepares the store's images. Not thread-safe (it keeps a decoder per size): one per thread.
 */
public final class SquareImages {

    private final int size;
    private final ExtractionOptions base;
    /** One decoder per longest side asked for: few distinct aspect ratios occur in a collection. */
    private final Map<Integer, ImageDecoder> decoders = new HashMap<>();

    /**
     * @param size the side S of the square
     * @param base decoder limits (the pixel limit; the longest side is chosen per image)
     */
    public SquareImages(int size, ExtractionOptions base) {
        this.size = size;
        this.base = base;
    }

    /** The side S of the squares it makes. */
    public int size() {
        return size;
    }

    /** Fills {@code out} (S*S*3 bytes, row-major, RGB interleaved) from {@code data}. */
    public void decode(byte[] data, byte[] out) throws ImageError {
        ImageDecoder probeDecoder = decoder(size);
        ImageHeader header = probeDecoder.probe(data);
        int maxSide = size;
        if (header.width() > 0) {
            int shortSide = Math.min(header.width(), header.height());
            int longSide = Math.max(header.width(), header.height());
            // The decoder scales the longest side to maxSide; this maxSide leaves the shorter side >= S.
            maxSide = (int) Math.min(Integer.MAX_VALUE, ((long) size * longSide + shortSide - 1) / shortSide);
        }
        ImageDecoder d = decoder(maxSide);
        LinearImage image = header.width() > 0 ? d.decode(data, header) : d.decode(data);
        square(image, out);
    }

    /**
     * {@code data} as the models read it: 3 x S x S floats in [0, 1], channels first, the values
     * {@link TensorCache#readChannelsFirst} gives for the same image once cached.
     */
    public float[] channelsFirst(byte[] data) throws ImageError {
        byte[] hwc = new byte[TensorCache.pixelBytes(size)];
        decode(data, hwc);
        float[] out = new float[hwc.length];
        toChannelsFirst(hwc, size, out, 0);
        return out;
    }

    /** S x S x 3 sRGB bytes to channels-first floats in [0, 1]; the one conversion the cache's reads use too. */
    static void toChannelsFirst(byte[] hwc, int size, float[] out, int at) {
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            out[at + p] = unit(hwc[3 * p]);
            out[at + plane + p] = unit(hwc[3 * p + 1]);
            out[at + 2 * plane + p] = unit(hwc[3 * p + 2]);
        }
    }

    /** An 8-bit code value as a float in [0, 1]. */
    static float unit(byte code) {
        return (code & 0xFF) / 255f;
    }

    private ImageDecoder decoder(int maxSide) {
        return decoders.computeIfAbsent(maxSide, m -> new ImageDecoder(base.withMaxSide(m)));
    }

    /**
     * The centre square of the working image, sampled to S x S: one-to-one when its shorter side is S
     * (the usual case), nearest-neighbour for images smaller than S or a side a rounding step above it.
     */
    void square(LinearImage image, byte[] out) {
        int w = image.width();
        int h = image.height();
        int side = Math.min(w, h);
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;
        double[] r = image.copyRed();
        double[] g = image.copyGreen();
        double[] b = image.copyBlue();
        int o = 0;
        for (int y = 0; y < size; y++) {
            int sy = y0 + (int) ((long) y * side / size);
            for (int x = 0; x < size; x++) {
                int i = sy * w + x0 + (int) ((long) x * side / size);
                out[o++] = srgb8(r[i]);
                out[o++] = srgb8(g[i]);
                out[o++] = srgb8(b[i]);
            }
        }
    }

    /**
     * Linear light back to 8-bit sRGB code values: the models see the perceptual encoding people judge
     * contrast in, and 8 bits in sRGB keep the shadows that 8 linear bits would crush.
     */
    static byte srgb8(double linear) {
        double v = linear <= 0 ? 0 : linear >= 1 ? 1 : linear;
        double c = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (byte) Math.round(c * 255);
    }
}
