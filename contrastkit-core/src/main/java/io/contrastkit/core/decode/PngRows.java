package io.contrastkit.core.decode;

import com.sun.jna.Memory;

/**
 * A fast path for the plain PNGs that photo collections hold (8-bit gray, gray+alpha, RGB or RGBA,
 * not interlaced): the IDAT stream is inflated whole by libdeflate ({@link NativeCodecs}), then each
 * row is unfiltered in Java and handed on while it is still in cache, so no full-resolution raster is
 * ever built. Anything else (palettes, 16-bit, interlacing, bad data of any kind) is declined, and
 * ImageIO then decodes the file and gives the verdict.
 */
final class PngRows {

    private static final long SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int CHUNK_BYTES = 256 << 10;

    /** What the header says, and where the compressed image data lies. */
    static final class Plain {
        final int width;
        final int height;
        /** Bytes per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
        final int channels;
        /** The file's bytes: IDAT chunks are read where they lie, not copied to a heap array first. */
        final byte[] data;
        /** Where each IDAT chunk's data starts in {@link #data}, and how long it is. */
        final int[] idatOffsets;
        final int[] idatLengths;
        final int idatChunks;

        private Plain(int width, int height, int channels, byte[] data, int[] idatOffsets, int[] idatLengths,
                      int idatChunks) {
            this.width = width;
            this.height = height;
            this.channels = channels;
            this.data = data;
            this.idatOffsets = idatOffsets;
            this.idatLengths = idatLengths;
            this.idatChunks = idatChunks;
        }
    }

    /** Receives each unfiltered row in order; the array (buffer 0 or 1, alternately) is reused after the call returns. */
    interface RowHandler {
        void row(byte[] row, int buffer);
    }

    private PngRows() {
    }

    /** The header and concatenated IDAT data of a plain 8-bit PNG, or null for anything else. */
    static Plain parse(byte[] d) {
        if (!NativeCodecs.hasDeflate() || d.length < 8 + 25 || readLong(d, 0) != SIGNATURE) {
            return null;
        }
        int p = 8;
        int width = -1;
        int height = -1;
        int channels = 0;
        // Chunk positions only: a copy of the compressed stream would double the heap a large PNG needs.
        int[] offsets = new int[16];
        int[] lengths = new int[16];
        int chunks = 0;
        boolean ended = false;
        while (p + 12 <= d.length) {
            long length = readInt(d, p) & 0xFFFFFFFFL;
            int type = readInt(d, p + 4);
            int data = p + 8;
            if (length > d.length - data - 4L) {
                return null; // cut short: ImageIO says how
            }
            int n = (int) length;
            if (p == 8) {
                if (type != 0x49484452 || n != 13) { // IHDR first
                    return null;
                }
                width = readInt(d, data);
                height = readInt(d, data + 4);
                int depth = d[data + 8];
                int colourType = d[data + 9];
                int interlace = d[data + 12];
                if (width < 1 || height < 1 || depth != 8 || interlace != 0 || d[data + 10] != 0 || d[data + 11] != 0) {
                    return null;
                }
                channels = switch (colourType) {
                    case 0 -> 1;
                    case 4 -> 2;
                    case 2 -> 3;
                    case 6 -> 4;
                    default -> 0; // palette and invalid types
                };
                if (channels == 0) {
                    return null;
                }
            } else if (type == 0x49444154) { // IDAT
                if (chunks == offsets.length) {
                    offsets = java.util.Arrays.copyOf(offsets, chunks * 2);
                    lengths = java.util.Arrays.copyOf(lengths, chunks * 2);
                }
                offsets[chunks] = data;
                lengths[chunks] = n;
                chunks++;
            } else if (type == 0x49454E44) { // IEND
                ended = true;
                break;
            }
            p = data + n + 4;
        }
        if (!ended || chunks == 0) {
            return null;
        }
        return new Plain(width, height, channels, d, offsets, lengths, chunks);
    }

    /**
     * Inflates and unfilters every row into {@code handler} (null: unfilter only, to measure
     * decoding). False when the data turns out bad, after which the caller must discard what it
     * received.
     */
    static boolean rows(Plain png, int slack, RowHandler handler) {
        int bpp = png.channels;
        int rowBytes = Math.multiplyExact(png.width, bpp);
        long stride = rowBytes + 1L;
        Memory raw = NativeCodecs.inflateZlib(png.data, png.idatOffsets, png.idatLengths, png.idatChunks,
                stride * png.height);
        if (raw == null) {
            return false;
        }
        try {
            int rowsPerChunk = (int) Math.max(1, Math.min(png.height, CHUNK_BYTES / stride));
            byte[] chunk = new byte[Math.toIntExact(rowsPerChunk * stride)];
            byte[][] buffers = {new byte[rowBytes + slack], new byte[rowBytes + slack]};
            int current = 0;
            for (int y0 = 0; y0 < png.height; y0 += rowsPerChunk) {
                int n = Math.min(rowsPerChunk, png.height - y0);
                raw.read(y0 * stride, chunk, 0, (int) (n * stride));
                for (int i = 0; i < n; i++) {
                    int src = (int) (i * stride);
                    byte[] cur = buffers[current];
                    if (!unfilter(chunk[src], chunk, src + 1, cur, buffers[1 - current], rowBytes, bpp)) {
                        return false;
                    }
                    if (handler != null) {
                        handler.row(cur, current);
                    }
                    current = 1 - current;
                }
            }
            return true;
        } finally {
            NativeCodecs.release();
        }
    }

    /** PNG filter reversal (filter method 0) of one row into {@code cur}; false for an unknown filter type. */
    static boolean unfilter(byte filter, byte[] in, int src, byte[] cur, byte[] prev, int n, int bpp) {
        switch (filter) {
            case 0 -> System.arraycopy(in, src, cur, 0, n);
            case 1 -> {
                System.arraycopy(in, src, cur, 0, Math.min(bpp, n));
                for (int i = bpp; i < n; i++) {
                    cur[i] = (byte) (in[src + i] + cur[i - bpp]);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    cur[i] = (byte) (in[src + i] + prev[i]);
                }
            }
            case 3 -> {
                for (int i = 0; i < Math.min(bpp, n); i++) {
                    cur[i] = (byte) (in[src + i] + ((prev[i] & 0xFF) >>> 1));
                }
                for (int i = bpp; i < n; i++) {
                    cur[i] = (byte) (in[src + i] + (((cur[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >>> 1));
                }
            }
            case 4 -> {
                for (int i = 0; i < Math.min(bpp, n); i++) {
                    cur[i] = (byte) (in[src + i] + prev[i]); // no left neighbour: Paeth picks up
                }
                if (bpp == 3 || bpp == 4) {
                    paethPixels(in, src, cur, prev, n, bpp);
                } else {
                    for (int i = bpp; i < n; i++) {
                        cur[i] = (byte) (in[src + i] + paeth(cur[i - bpp] & 0xFF, prev[i] & 0xFF, prev[i - bpp] & 0xFF));
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The Paeth predictor without branches: on photographs its choice is a coin toss, and
     * mispredicted branches made it 10 ns a byte.
     */
    private static int paeth(int a, int b, int c) {
        // libpng's formulation: the same choice as the standard's (ties to a, then b), with a
        // shorter dependency chain from a, and selects the compiler turns into conditional moves.
        int p = b - c;
        int q = a - c;
        int pa = Math.abs(p);
        int pb = Math.abs(q);
        int pc = Math.abs(p + q);
        int ab = pb < pa ? b : a;
        return pc < Math.min(pa, pb) ? c : ab;
    }

    /**
     * Paeth for 3- and 4-byte pixels with the left and upper-left pixels kept in registers: each
     * byte depends on the one a pixel before, and a round trip through memory lengthened that chain.
     */
    private static void paethPixels(byte[] in, int src, byte[] cur, byte[] prev, int n, int bpp) {
        int a0 = cur[0] & 0xFF;
        int a1 = cur[1] & 0xFF;
        int a2 = cur[2] & 0xFF;
        int a3 = bpp == 4 ? cur[3] & 0xFF : 0;
        int c0 = prev[0] & 0xFF;
        int c1 = prev[1] & 0xFF;
        int c2 = prev[2] & 0xFF;
        int c3 = bpp == 4 ? prev[3] & 0xFF : 0;
        for (int i = bpp; i + bpp <= n; i += bpp) {
            int b0 = prev[i] & 0xFF;
            int b1 = prev[i + 1] & 0xFF;
            int b2 = prev[i + 2] & 0xFF;
            a0 = (in[src + i] + paeth(a0, b0, c0)) & 0xFF;
            a1 = (in[src + i + 1] + paeth(a1, b1, c1)) & 0xFF;
            a2 = (in[src + i + 2] + paeth(a2, b2, c2)) & 0xFF;
            cur[i] = (byte) a0;
            cur[i + 1] = (byte) a1;
            cur[i + 2] = (byte) a2;
            c0 = b0;
            c1 = b1;
            c2 = b2;
            if (bpp == 4) {
                int b3 = prev[i + 3] & 0xFF;
                a3 = (in[src + i + 3] + paeth(a3, b3, c3)) & 0xFF;
                cur[i + 3] = (byte) a3;
                c3 = b3;
            }
        }
    }

    private static int readInt(byte[] d, int p) {
        return (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF);
    }

    private static long readLong(byte[] d, int p) {
        return (readInt(d, p) & 0xFFFFFFFFL) << 32 | (readInt(d, p + 4) & 0xFFFFFFFFL);
    }
}
