package io.contrastkit.core.decode;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * The native fast paths for JPEG, WebP and plain PNG ({@link NativeCodecs}, {@link PngRows}). They
 * only ever handle the plain case: whatever they decline, the Java path decodes and judges, so
 * errors are the same with and without the native libraries.
 */
final class NativeDecoder {

    private static final int CHUNK_BYTES = 256 << 10;

    private final ExtractionOptions options;

    NativeDecoder(ExtractionOptions options) {
        this.options = options;
    }

    /** The decoder that {@link #decode} used for a working image of this format, as rows record it. */
    String decoderOf(ImageFormat format) {
        return switch (format) {
            case JPEG -> NativeCodecs.jpegDecoder();
            case WEBP -> NativeCodecs.webpDecoder();
            case PNG -> NativeCodecs.pngDecoder();
            default -> throw new IllegalArgumentException("no native decoder for " + format);
        };
    }

    /**
     * What was wanted ({@code Boolean.TRUE} for nothing), or null when the Java path must decide
     * (and, for PNG rasters, decode).
     *
     * @param format what the data's first bytes announce; null for none
     */
    Object decode(byte[] data, ImageFormat format, ImageDecoder.Want want) throws ImageError {
        if (format == ImageFormat.PNG) {
            return want == ImageDecoder.Want.RASTER ? null : decodePng(data, want == ImageDecoder.Want.WORKING_IMAGE);
        }
        if (format != ImageFormat.JPEG && format != ImageFormat.WEBP) {
            return null;
        }
        NativeCodecs.Pixels px;
        try {
            px = format == ImageFormat.JPEG
                    ? NativeCodecs.decodeJpeg(data, options.maxPixels())
                    : NativeCodecs.decodeWebp(data, options.maxPixels());
        } catch (NativeCodecs.TooLarge e) {
            throw FailureClassifier.tooManyPixels(format.id(), e.width, e.height, options.maxPixels());
        }
        if (px == null) {
            return null;
        }
        try {
            return switch (want) {
                case WORKING_IMAGE -> toWorkingImage(px, format.id());
                case RASTER -> toRaster(px);
                case NOTHING -> Boolean.TRUE;
            };
        } finally {
            NativeCodecs.release();
        }
    }

    /** Rows are copied out of native memory a cache-sized chunk at a time, then take the usual fused pass. */
    private LinearImage toWorkingImage(NativeCodecs.Pixels px, String format) {
        Feeder feeder = new Feeder(px.width, px.height, options.maxSide(), true);
        int stride = px.width * px.channels;
        int rowsPerChunk = Math.max(1, Math.min(px.height, CHUNK_BYTES / stride));
        byte[] chunk = new byte[rowsPerChunk * stride + PackedRowPass.RGB_SLACK];
        RowReader.Interleaved8 rows = RowReader.Interleaved8.packed(chunk, px.channels, px.width);
        for (int y0 = 0; y0 < px.height; y0 += rowsPerChunk) {
            int n = Math.min(rowsPerChunk, px.height - y0);
            px.memory.read((long) y0 * stride, chunk, 0, n * stride);
            for (int i = 0; i < n; i++) {
                feeder.add(rows, i);
            }
        }
        return feeder.builder.build(format);
    }

    /** The native pixels as an RGB or gray raster; null (Java decides) when they exceed an array. */
    private static BufferedImage toRaster(NativeCodecs.Pixels px) {
        long size = (long) px.width * px.height * px.channels;
        if (size > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] bytes = new byte[(int) size];
        px.memory.read(0, bytes, 0, bytes.length);
        int[] offsets = px.channels == 3 ? new int[] {0, 1, 2} : new int[] {0};
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bytes, bytes.length),
                px.width, px.height, px.width * px.channels, px.channels, offsets, null);
        ColorSpace space = ColorSpace.getInstance(px.channels == 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
        ColorModel cm = new ComponentColorModel(space, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    /** Plain 8-bit PNGs, row by row ({@link PngRows}); null when declined or bad, for ImageIO to decide. */
    private Object decodePng(byte[] data, boolean working) throws ImageError {
        PngRows.Plain png = PngRows.parse(data);
        if (png == null) {
            return null;
        }
        if ((long) png.width * png.height > options.maxPixels()) {
            throw FailureClassifier.tooManyPixels("png", png.width, png.height, options.maxPixels());
        }
        if (!working) {
            return PngRows.rows(png, 0, null) ? Boolean.TRUE : null;
        }
        Feeder feeder = new Feeder(png.width, png.height, options.maxSide(), true);
        // PngRows alternates between two row buffers; each keeps its reader (and the reader its packed pass).
        RowReader.Interleaved8[] readers = new RowReader.Interleaved8[2];
        boolean ok = PngRows.rows(png, PackedRowPass.RGB_SLACK, (row, buffer) -> {
            if (readers[buffer] == null) {
                readers[buffer] = RowReader.Interleaved8.packed(row, png.channels, png.width);
            }
            feeder.add(readers[buffer], 0);
        });
        return ok ? feeder.builder.build("png") : null;
    }
}
