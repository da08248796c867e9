package io.contrastkit.app.batch;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import io.contrastkit.core.ImageError;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small upright JPEG pictures of collection images, the one way the report's thumbnails and the explorer's
 * previews are made: decoded by the project's decoder (every format extraction reads), scaled down in halving
 * steps, alpha flattened on white, turned upright as the JPEG's EXIF orientation says.
 */
public final class Thumbnailer {

    /** JPEG quality of every thumbnail and preview. */
    public static final float QUALITY = 0.85f;

    private Thumbnailer() {
    }

    /**
     * JPEG bytes of the image whose file bytes are {@code bytes} and whose decoded pixels are {@code decoded},
     * its longer side at most {@code maxSide}.
     */
    public static byte[] jpeg(BufferedImage decoded, byte[] bytes, int maxSide) {
        return encode(upright(shrink(decoded, maxSide), orientation(bytes)), QUALITY);
    }

    /** Decodes {@code bytes} with {@code decoder} and makes {@link #jpeg(BufferedImage, byte[], int)} of them. */
    public static byte[] jpeg(io.contrastkit.core.decode.ImageDecoder decoder, byte[] bytes, int maxSide)
            throws ImageError {
        return jpeg(decoder.decodeRaster(bytes), bytes, maxSide);
    }

    /** The EXIF Orientation (1..8) of JPEG bytes; 1 (as stored) when there is none or it cannot be read. */
    public static int orientation(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8) {
            return 1; // only JPEGs carry the EXIF segment we read; PNG/WebP orientation is rare enough to ignore
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            for (JPEGSegment segment : segments) {
                byte[] data = readAll(segment.data());
                int tiff = tiffHeader(data);
                if (tiff < 0) {
                    continue;
                }
                try (ImageInputStream exif = ImageIO.createImageInputStream(
                        new ByteArrayInputStream(data, tiff, data.length - tiff))) {
                    Directory dir = new TIFFReader().read(exif);
                    Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
                    if (e != null && e.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                        return n.intValue();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A broken EXIF block must not cost the thumbnail: show the pixels as stored.
        }
        return 1;
    }

    /** Where the TIFF header ("II*\0" or "MM\0*") starts: the segment's payload has "Exif\0" and padding first. */
    private static int tiffHeader(byte[] data) {
        for (int i = 0; i + 3 < Math.min(data.length, 16); i++) {
            if ((data[i] == 'I' && data[i + 1] == 'I' && data[i + 2] == 42 && data[i + 3] == 0)
                    || (data[i] == 'M' && data[i + 1] == 'M' && data[i + 2] == 0 && data[i + 3] == 42)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** Applies an EXIF orientation (1 = as stored, 2..8 = the flips and quarter turns of the TIFF spec). */
    public static BufferedImage upright(BufferedImage src, int orientation) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5 && orientation <= 8;
        // Each matrix maps a stored pixel (x, y) to where an upright viewer shows it (EXIF/TIFF 6.0 table);
        // AffineTransform's arguments are m00, m10, m01, m11, m02, m12.
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // needs a quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transversed
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // needs a quarter turn anticlockwise
            default -> null;
        };
        if (t == null) {
            return src;
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    /** Area-like downscale in halving steps (one bilinear jump from a large photo aliases), flattened to RGB. */
    public static BufferedImage shrink(BufferedImage src, int maxSide) {
        BufferedImage current = toRgb(src);
        int w = current.getWidth();
        int h = current.getHeight();
        double f = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        while (w != tw || h != th) {
            int nw = Math.max(tw, w / 2);
            int nh = Math.max(th, h / 2);
            BufferedImage next = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, nw, nh, null);
            g.dispose();
            current = next;
            w = nw;
            h = nh;
        }
        return current;
    }

    private static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /** JPEG bytes of {@code img} at {@code quality}. */
    static byte[] encode(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
