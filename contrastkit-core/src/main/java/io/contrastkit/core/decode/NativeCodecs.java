package io.contrastkit.core.decode;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system's libjpeg-turbo (TurboJPEG API), libwebp and libdeflate, called through JNA when they are
 * installed: the JPEG and WebP decoders OpenCV and Pillow use, about 2x (JPEG) to 24x (WebP) faster
 * than ImageIO and TwelveMonkeys on a 15 MP image, and a whole-buffer inflate for PNG ({@link PngRows}).
 * Optional by design: without the libraries, or for a decoder given {@link NativeDecoding#off}, everything
 * decodes in Java as before. Whether to use them is the caller's choice, never read here from the
 * environment, so one process can hold both kinds of decoder (as the tests and benchmarks do).
 *
 * <p>These decoders only ever handle the plain case: anything they decline or complain about (a
 * warning included, such as a truncated file) is decoded again by the Java path, which alone decides
 * what is an error and which kind. So errors are identical with and without the native libraries.
 */
final class NativeCodecs {

    private NativeCodecs() {
    }

    /** Why native decoding cannot work in this process at all, or null when it may be used. */
    private static final String OFF = offReason();

    private static String offReason() {
        try {
            // size_t and unsigned long are mapped as 64-bit below.
            if (Native.POINTER_SIZE != 8 || Platform.isWindows()) {
                return "only 64-bit Linux and macOS are supported";
            }
        } catch (LinkageError e) {
            // JNA could not load its own native part (a noexec temporary folder, say).
            return "JNA is unusable here: " + e;
        }
        return null;
    }

    /** RGB (or gray) bytes decoded into native memory, row after row without padding. */
    static final class Pixels extends NativePixels {
        final Memory memory;

        /** @param channels 3 for RGB, 1 for gray */
        Pixels(Memory memory, int width, int height, int channels) {
            super(width, height, channels, false);
            this.memory = memory;
        }

        @Override
        void rows(int y0, int n, byte[] into) {
            memory.read((long) y0 * width * channels, into, 0, n * width * channels);
        }
    }

    /** Thrown when an image's header says it is larger than the caller allows; no decoding was done. */
    static final class TooLarge extends Exception {
        final int width;
        final int height;

        TooLarge(int width, int height) {
            super(null, null, false, false);
            this.width = width;
            this.height = height;
        }
    }

    /** Which native decoders this process can use, with the reason for any that it cannot. */
    static String describe() {
        return String.format(Locale.ROOT, "jpeg: %s; webp: %s; png: %s",
                TurboJpeg.ERROR == null ? "libjpeg-turbo" : "Java (" + TurboJpeg.ERROR + ")",
                WebP.ERROR == null ? "libwebp" : "Java (" + WebP.ERROR + ")",
                Deflate.ERROR == null ? "libdeflate + Java unfiltering" : "Java (" + Deflate.ERROR + ")");
    }

    /**
     * The native JPEG decoder as recorded with each row: TurboJPEG 2.x has no version call, so the
     * version is the library file the loader resolved (its ABI version, e.g. {@code libturbojpeg.so.0.2.0}).
     */
    static String jpegDecoder() {
        return Names.JPEG;
    }

    /** The native WebP decoder as recorded with each row, with libwebp's own version (e.g. 1.2.4). */
    static String webpDecoder() {
        return WebpName.VALUE;
    }

    /** The native PNG path as recorded with each row: this project's unfiltering over libdeflate. */
    static String pngDecoder() {
        return Names.PNG;
    }

    /**
     * The names rows record, worked out once (every natively decoded image asks): each holder is initialised
     * on first use, so a library that is missing is never asked for its version.
     */
    private static final class Names {
        static final String JPEG = "libjpeg-turbo " + libraryFile(TurboJpeg.ERROR, "turbojpeg", "libturbojpeg");
        static final String PNG = "contrastkit-png+libdeflate " + libraryFile(Deflate.ERROR, "deflate", "libdeflate");

        private static String libraryFile(String error, String name, String fallback) {
            // Reading ERROR first binds the library (its class initialiser), which records its file.
            return error == null ? LIBRARY_FILES.getOrDefault(name, fallback) : fallback;
        }
    }

    /** libwebp's own version, asked once. */
    private static final class WebpName {
        static final String VALUE = webpVersion();

        private static String webpVersion() {
            int v = WebP.WebPGetDecoderVersion();
            return String.format(Locale.ROOT, "libwebp %d.%d.%d", (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
        }
    }

    /** Why libturbojpeg is not used, or null when it is; likewise {@link #webpError}, {@link #deflateError}. */
    static String jpegError() {
        return TurboJpeg.ERROR;
    }

    static String webpError() {
        return WebP.ERROR;
    }

    static String deflateError() {
        return Deflate.ERROR;
    }

    static boolean hasJpeg() {
        return TurboJpeg.ERROR == null;
    }

    static boolean hasWebp() {
        return WebP.ERROR == null;
    }

    // Each thread keeps its buffers: collections decode image after image of similar size, and fresh
    // multi-megabyte mallocs would page-fault all over again each time. JNA frees them when a thread's
    // buffers become garbage.
    private static final long KEEP_BYTES = 64L << 20;
    private static final ThreadLocal<Memory[]> BUFFERS = ThreadLocal.withInitial(() -> new Memory[2]);

    private static Memory buffer(int slot, long size) {
        Memory[] held = BUFFERS.get();
        Memory m = held[slot];
        if (m == null || m.size() < size) {
            if (m != null) {
                m.close();
            }
            m = new Memory(Math.max(size, 1));
            held[slot] = m;
        }
        return m;
    }

    /** Frees this thread's buffers if an unusually large image grew them; call once the pixels are used. */
    static void release() {
        Memory[] held = BUFFERS.get();
        for (int i = 0; i < held.length; i++) {
            if (held[i] != null && held[i].size() > KEEP_BYTES) {
                held[i].close();
                held[i] = null;
            }
        }
    }

    private static Memory input(byte[] data) {
        Memory in = buffer(0, data.length);
        in.write(0, data, 0, data.length);
        return in;
    }

    /**
     * Decodes a JPEG with libjpeg-turbo (accurate integer IDCT and fancy upsampling, as libjpeg and
     * Pillow do), or returns null when it declines: CMYK/YCCK, any warning or error.
     */
    static Pixels decodeJpeg(byte[] data, long maxPixels) throws TooLarge {
        if (TurboJpeg.ERROR != null) {
            return null;
        }
        // A handle per image, not per thread: creating one costs microseconds, and pool threads that
        // come and go (a long-running service) would otherwise leak theirs.
        Pointer handle = TurboJpeg.tjInitDecompress();
        if (handle == null) {
            return null;
        }
        try {
            return decodeJpeg(handle, data, maxPixels);
        } finally {
            TurboJpeg.tjDestroy(handle);
        }
    }

    private static Pixels decodeJpeg(Pointer handle, byte[] data, long maxPixels) throws TooLarge {
        Memory in = input(data);
        NativeLong size = new NativeLong(data.length);
        int[] w = new int[1];
        int[] h = new int[1];
        int[] subsampling = new int[1];
        int[] colourspace = new int[1];
        if (TurboJpeg.tjDecompressHeader3(handle, in, size, w, h, subsampling, colourspace) != 0) {
            return null;
        }
        if (w[0] < 1 || h[0] < 1) {
            return null;
        }
        if ((long) w[0] * h[0] > maxPixels) {
            throw new TooLarge(w[0], h[0]);
        }
        int format;
        int channels;
        switch (colourspace[0]) {
            case TurboJpeg.TJCS_GRAY -> {
                format = TurboJpeg.TJPF_GRAY;
                channels = 1;
            }
            case TurboJpeg.TJCS_RGB, TurboJpeg.TJCS_YCBCR -> {
                format = TurboJpeg.TJPF_RGB;
                channels = 3;
            }
            default -> {
                return null;
            }
        }
        long bytes = (long) w[0] * h[0] * channels;
        Memory out = buffer(1, bytes);
        int rc = TurboJpeg.tjDecompress2(handle, in, size, out, w[0], w[0] * channels, h[0], format, 0);
        return rc == 0 ? new Pixels(out, w[0], h[0], channels) : null;
    }

    /** Decodes a still WebP (lossy or lossless; alpha dropped) with libwebp, or returns null when it declines. */
    static Pixels decodeWebp(byte[] data, long maxPixels) throws TooLarge {
        if (WebP.ERROR != null) {
            return null;
        }
        Memory in = input(data);
        long size = data.length;
        int[] w = new int[1];
        int[] h = new int[1];
        if (WebP.WebPGetInfo(in, size, w, h) == 0 || w[0] < 1 || h[0] < 1) {
            return null;
        }
        if ((long) w[0] * h[0] > maxPixels) {
            throw new TooLarge(w[0], h[0]);
        }
        long bytes = (long) w[0] * h[0] * 3;
        Memory out = buffer(1, bytes);
        Pointer p = WebP.WebPDecodeRGBInto(in, size, out, bytes, w[0] * 3);
        return p == null ? null : new Pixels(out, w[0], h[0], 3);
    }

    /** The TurboJPEG 2.x C API (libturbojpeg.so.0), bound by JNA direct mapping. */
    private static final class TurboJpeg {
        static final int TJPF_RGB = 0;
        static final int TJPF_GRAY = 6;
        static final int TJCS_RGB = 0;
        static final int TJCS_YCBCR = 1;
        static final int TJCS_GRAY = 2;

        static final String ERROR = register(TurboJpeg.class, "turbojpeg", "libturbojpeg.so.0");
        static native Pointer tjInitDecompress();

        static native int tjDestroy(Pointer handle);

        static native int tjDecompressHeader3(Pointer handle, Pointer jpeg, NativeLong size, int[] width,
                                              int[] height, int[] subsampling, int[] colourspace);

        static native int tjDecompress2(Pointer handle, Pointer jpeg, NativeLong size, Pointer dst, int width,
                                        int pitch, int height, int pixelFormat, int flags);
    }

    /** libwebp's simple decoding API (libwebp.so.7), bound by JNA direct mapping. */
    private static final class WebP {
        static final String ERROR = register(WebP.class, "webp", "libwebp.so.7");

        static native int WebPGetDecoderVersion();

        static native int WebPGetInfo(Pointer data, long size, int[] width, int[] height);

        static native Pointer WebPDecodeRGBInto(Pointer data, long size, Pointer out, long outSize, int stride);
    }

    static boolean hasDeflate() {
        return Deflate.ERROR == null;
    }

    /**
     * Inflates a whole zlib stream (a PNG's IDAT data: the {@code chunks} pieces of {@code in} at
     * {@code offsets}, {@code lengths}, in order) with libdeflate into native memory of exactly
     * {@code expected} bytes; null when libdeflate is missing or the stream is bad,
     * short or long.
     */
    static Memory inflateZlib(byte[] in, int[] offsets, int[] lengths, int chunks, long expected) {
        if (Deflate.ERROR != null) {
            return null;
        }
        long length = 0;
        for (int i = 0; i < chunks; i++) {
            length += lengths[i];
        }
        Pointer d = Deflate.libdeflate_alloc_decompressor();
        if (d == null) {
            return null;
        }
        try {
            // The pieces go straight from the file's bytes to native memory: no heap copy of the stream.
            Memory src = buffer(0, Math.max(1, length));
            long at = 0;
            for (int i = 0; i < chunks; i++) {
                src.write(at, in, offsets[i], lengths[i]);
                at += lengths[i];
            }
            Memory out = buffer(1, expected);
            long[] actual = new long[1];
            int rc = Deflate.libdeflate_zlib_decompress(d, src, length, out, expected, actual);
            return rc == 0 && actual[0] == expected ? out : null;
        } finally {
            Deflate.libdeflate_free_decompressor(d);
        }
    }

    /** libdeflate's whole-buffer zlib decompressor (libdeflate.so.0), 2-3x faster than zlib's inflate. */
    private static final class Deflate {
        static final String ERROR = register(Deflate.class, "deflate", "libdeflate.so.0");
        static native Pointer libdeflate_alloc_decompressor();

        static native void libdeflate_free_decompressor(Pointer decompressor);

        static native int libdeflate_zlib_decompress(Pointer decompressor, Pointer in, long inBytes, Pointer out,
                                                     long outAvailable, long[] actualOut);
    }

    /** The file each bound library was loaded from (its real name, with the ABI version), by first name. */
    private static final Map<String, String> LIBRARY_FILES = new ConcurrentHashMap<>();

    /** Binds a class's native methods to the first library found; returns why not, or null on success. */
    private static String register(Class<?> type, String... names) {
        if (OFF != null) {
            return OFF;
        }
        String why = "not installed";
        for (String name : names) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(name);
                Native.register(type, library);
                LIBRARY_FILES.put(names[0], libraryFile(library));
                return null;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            }
        }
        return why;
    }

    /** The resolved file name of a loaded library (symbolic links followed), or its name when unknown. */
    private static String libraryFile(NativeLibrary library) {
        File f = library.getFile();
        if (f == null) {
            return library.getName();
        }
        try {
            return f.getCanonicalFile().getName();
        } catch (IOException | RuntimeException e) {
            return f.getName();
        }
    }
}
