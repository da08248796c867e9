package io.contrastkit.app.explore;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.core.ImageError;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.ImageHeader;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG previews of stored images, upright (EXIF orientation of JPEG files honoured), at most
 * {@code maxSide} pixels, kept in a small least-recently-used cache.
 */
public final class Thumbnails {

    /**
     * Why a preview could not be made, with the HTTP status that says so: 404 the file is gone or
     * unreadable, 422 it is not a regular file or not a decodable image, 413 it is over the size or pixel
     * limits, 503 this process has not the memory to decode it now.
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
        return encode(upright(shrink(raster, maxSide), orientation(data)));
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
            byte[] data = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (data.length > MAX_FILE_BYTES) {
                throw new PreviewException("the file grew over the " + (MAX_FILE_BYTES >> 20) + " MB limit", 413);
            }
            return data;
        } catch (IOException e) {
            throw new PreviewException("the file cannot be read: " + e.getClass().getSimpleName(), 404);
        } catch (OutOfMemoryError e) {
            throw new PreviewException("the file is too large to read into this explorer's memory now", 503);
        }
    }

    /** The EXIF orientation (1..8) of JPEG bytes; 1 when absent, unreadable or not a JPEG. */
    static int orientation(byte[] data) {
        if (data.length < 4 || (data[0] & 0xff) != 0xff || (data[1] & 0xff) != 0xd8) {
            return 1;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(data))) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            InputStream body = exif.get(0).data();
            // The identifier is "Exif" followed by two NULs; the segment reader consumes one.
            if (body.read() < 0) {
                return 1;
            }
            Directory dir = new TIFFReader().read(ImageIO.createImageInputStream(body));
            Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
            if (e != null && e.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                return n.intValue();
            }
            return 1;
        } catch (IOException | RuntimeException e) {
            // A broken EXIF block should not hide a decodable picture: show it as stored.
            return 1;
        }
    }

    private static BufferedImage shrink(BufferedImage src, int maxSide) {
        int w = src.getWidth();
        int h = src.getHeight();
        double f = Math.min(1.0, maxSide / (double) Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Step down by halves first: one bilinear jump from a large photo aliases badly.
            BufferedImage cur = src;
            while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th && cur.getWidth() > 2 * maxSide) {
                BufferedImage half = new BufferedImage(cur.getWidth() / 2, cur.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
                Graphics2D hg = half.createGraphics();
                hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                hg.drawImage(cur, 0, 0, half.getWidth(), half.getHeight(), null);
                hg.dispose();
                cur = half;
            }
            g.drawImage(cur, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Applies EXIF orientation {@code o} so the picture shows upright. */
    static BufferedImage upright(BufferedImage img, int o) {
        if (o <= 1 || o > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = o >= 5;
        AffineTransform t = new AffineTransform();
        switch (o) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.translate(h, w); t.rotate(3 * Math.PI / 2); t.scale(1, -1); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
