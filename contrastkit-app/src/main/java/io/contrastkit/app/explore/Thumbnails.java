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
import io.contrastkit.core.decode.ImageDecoder;
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

    /** Why a preview could not be made: the file is gone, or it is not a decodable image. */
    public static final class PreviewException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean missing;

        PreviewException(String message, boolean missing) {
            super(message);
            this.missing = missing;
        }

        /** Whether the file no longer exists or cannot be read (as opposed to undecodable). */
        public boolean missing() {
            return missing;
        }
    }

    private static final long CACHE_BYTES = 64L << 20;
    private final ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults(), NativeSetting.current());
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
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PreviewException("the file cannot be read: " + e.getClass().getSimpleName(), true);
        }
        BufferedImage raster;
        try {
            raster = decoder.decodeRaster(data);
        } catch (ImageError e) {
            throw new PreviewException("the file is not a decodable image: " + e.getMessage(), false);
        } catch (RuntimeException e) {
            throw new PreviewException("the file is not a decodable image: " + e.getClass().getSimpleName(), false);
        }
        byte[] jpeg = encode(upright(shrink(raster, maxSide), orientation(data)));
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
