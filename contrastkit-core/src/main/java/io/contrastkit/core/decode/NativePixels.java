package io.contrastkit.core.decode;

/**
 * 8-bit pixels that a native decoder left outside the heap (JNA memory, an OpenCV Mat), row after row
 * without padding, read out a block of rows at a time: what {@link NativeDecoder} turns into the working
 * image or a raster, whichever library decoded them.
 */
abstract class NativePixels {
    final int width;
    final int height;
    /** 1 (gray), 3 (colour) or 4 (colour and alpha, dropped). */
    final int channels;
    /** Whether colour pixels are stored blue first (OpenCV's BGR) rather than red first. */
    final boolean blueFirst;

    NativePixels(int width, int height, int channels, boolean blueFirst) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.blueFirst = blueFirst;
    }

    /** Copies rows {@code y0} to {@code y0 + n - 1} into {@code into}, from index 0. */
    abstract void rows(int y0, int n, byte[] into);
}
