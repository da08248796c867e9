package io.contrastkit.app.explore;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.core.ImageError;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.Thumbnailer;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.ImageHeader;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explorer's JPEG previews of stored images ({@link Thumbnailer} pictures), at most {@code maxSide} pixels,
 * kept in a small least-recently-used cache, refused with an HTTP status when a file cannot be shown.
 */
public final class Thumbnails {

    /**
     * Why a preview could not be made, with the HTTP status that says so: 404 the file is gone or
     * unreadable, 422 it is not a regular file or not a decodable image, 413 it is over the size or pixel
     * limits, 409 it grew while being read, 503 this process has not the memory to decode it now.
     */
    public static final class PreviewException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        PreviewException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The HTTP status to answer. */
        public int status() {
            return status;
        }
    }

    /** The largest file a preview reads (the batch runner's limit for one image). */
    static final long MAX_FILE_BYTES = ImageBatchRunner.MAX_FILE_BYTES;

    private static final long CACHE_BYTES = 64L << 20;
    private final ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults(), NativeSetting.current());
    private final long heapBytes;
    /** Large decodes take turns, so two cannot together outgrow a heap each would fit. */
    private final Object largeDecode = new Object();

    /** Previews within this JVM's maximum heap. */
    public Thumbnails() {
        this(Runtime.getRuntime().maxMemory());
    }

    /** Previews as if the heap were {@code heapBytes} (tests). */
    Thumbnails(long heapBytes) {
        this.heapBytes = heapBytes;
    }
    private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    /** JPEG bytes of the image at {@code file}, its longer side at most {@code maxSide}. */
    public byte[] preview(Path file, int maxSide) throws PreviewException {
        String key = maxSide + ":" + file;
        synchronized (cache) {
            byte[] hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        byte[] data = read(file);
        ImageHeader header = decoder.probe(data);
        long pixels = (long) header.width() * header.height();
        if (pixels > ExtractionOptions.DEFAULT_MAX_PIXELS) {
            throw new PreviewException(String.format(Locale.ROOT, "%dx%d is over the %d MP limit for a preview",
                    header.width(), header.height(), ExtractionOptions.DEFAULT_MAX_PIXELS / 1_000_000), 413);
        }
        // The decoded raster, the RGB copy drawing makes of it and the first halving step.
        long need = pixels * 9 + data.length;
        byte[] jpeg;
        try {
            if (need > LARGE_BYTES) {
                synchronized (largeDecode) {
                    requireMemory(need, header);
                    jpeg = render(data, maxSide);
                }
            } else {
                jpeg = render(data, maxSide);
            }
        } catch (OutOfMemoryError e) {
            throw new PreviewException(String.format(Locale.ROOT, "%dx%d needs more memory than this explorer"
                    + " has now; start it with a larger -Xmx", header.width(), header.height()), 503);
        }
        synchronized (cache) {
            cache.put(key, jpeg);
            cachedBytes += jpeg.length;
            var it = cache.entrySet().iterator();
            while (cachedBytes > CACHE_BYTES && it.hasNext()) {
                cachedBytes -= it.next().getValue().length;
                it.remove();
            }
        }
        return jpeg;
    }

    private static final long LARGE_BYTES = 64L << 20;

    private byte[] render(byte[] data, int maxSide) throws PreviewException {
        BufferedImage raster;
        try {
            raster = decoder.decodeRaster(data);
        } catch (ImageError e) {
            throw new PreviewException("the file is not a decodable image: " + e.getMessage(), 422);
        } catch (RuntimeException e) {
            throw new PreviewException("the file is not a decodable image: " + e.getClass().getSimpleName(), 422);
        }
        return Thumbnailer.jpeg(raster, data, maxSide);
    }

    /** 503 unless about {@code need} bytes fit in the heap beside what it holds now. */
    private void requireMemory(long need, ImageHeader header) throws PreviewException {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (heapBytes - used < need) {
            System.gc(); // garbage of earlier previews counts as used until collected; a large one is rare
            used = rt.totalMemory() - rt.freeMemory();
        }
        if (heapBytes - used < need) {
            throw new PreviewException(String.format(Locale.ROOT, "%dx%d needs about %d MB to preview and this"
                    + " explorer has %d MB free of %d MB; start it with a larger -Xmx", header.width(),
                    header.height(), need >> 20, Math.max(0, heapBytes - used) >> 20, heapBytes >> 20), 503);
        }
    }

    /** The file's bytes: a regular file only (a pipe would block), at most {@link #MAX_FILE_BYTES}. */
    private static byte[] read(Path file) throws PreviewException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new PreviewException("the file cannot be read: " + e.getClass().getSimpleName(), 404);
        }
        if (!a.isRegularFile()) {
            throw new PreviewException("not a regular file (a pipe, device, socket or folder); not read", 422);
        }
        if (a.size() > MAX_FILE_BYTES) {
            throw new PreviewException(String.format(Locale.ROOT, "the file is %.0f MB, over the %d MB limit",
                    a.size() / 1e6, MAX_FILE_BYTES >> 20), 413);
        }
        try (InputStream in = Files.newInputStream(file)) {
            // One array of the file's size: readNBytes(limit) would buffer a large file in pieces and copy them
            // together, holding about three times the file at its peak.
            byte[] data = new byte[(int) a.size()];
            int filled = in.readNBytes(data, 0, data.length);
            if (in.read() >= 0) {
                throw new PreviewException("the file grew while being read; try again when it is written", 409);
            }
            return filled == data.length ? data : java.util.Arrays.copyOf(data, filled);
        } catch (IOException e) {
            throw new PreviewException("the file cannot be read: " + e.getClass().getSimpleName(), 404);
        } catch (OutOfMemoryError e) {
            throw new PreviewException("the file is too large to read into this explorer's memory now", 503);
        }
    }
}
