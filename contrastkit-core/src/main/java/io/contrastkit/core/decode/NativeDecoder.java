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
 * The native fast paths for JPEG, WebP and plain PNG: the system's libraries through JNA
 * ({@link NativeCodecs}, {@link PngRows}) where installed, else OpenCV's codecs from the Maven
 * artifact ({@link OpenCvCodecs}). One path per format, fixed for the process, so every row of a
 * format names the same decoder. They only ever handle the plain case: whatever they decline, the
 * Java path decodes and judges, so errors are the same with and without native decoders.
 *
 * <p>Where both are present, the system libraries win: they decode WebP to the same bytes as OpenCV
 * (and as the reference), and measured faster (WebP about 2.5x, PNG about 1.5x on 2-18 MP photos;
 * docs/DECODERS.md), partly because they decode into buffers kept per thread. JPEG never goes to
 * OpenCV (see the constructor).
 */
final class NativeDecoder {

    private static final int CHUNK_BYTES = 256 << 10;

    /** Which native decoder takes a format in this process. */
    enum Path {
        SYSTEM, OPENCV, NONE
    }

    private final ExtractionOptions options;
    private final Path jpeg;
    private final Path webp;
    private final Path png;
    /** OpenCV's name and version, why it did not load, or that no format needed it. */
    private final String opencvLine;

    /**
     * @param system whether the system libraries may be used (JNA is on the class path and allowed)
     * @param opencv whether the OpenCV artifact may be used
     */
    NativeDecoder(ExtractionOptions options, boolean system, boolean opencv) {
        this.options = options;
        boolean sysWebp = system && NativeCodecs.hasWebp();
        boolean sysPng = system && NativeCodecs.hasDeflate();
        // OpenCV is loaded only when a format needs it: loading copies a 65 MB library to a
        // temporary folder and takes about a second, which machines with the system libraries skip.
        boolean needed = opencv && (!sysWebp || !sysPng);
        boolean cv = needed && OpenCvCodecs.available();
        this.opencvLine = !needed ? "not needed" : cv ? OpenCvCodecs.DECODER : OpenCvCodecs.ERROR;
        // Never OpenCV for JPEG: its decoder keeps libjpeg's warnings to itself, so a cut or damaged
        // JPEG would become an image where the Java path (and libjpeg-turbo through TurboJPEG, which
        // reports them) says TRUNCATED or CORRUPT (OpenCvCodecsTest).
        this.jpeg = system && NativeCodecs.hasJpeg() ? Path.SYSTEM : Path.NONE;
        this.webp = sysWebp ? Path.SYSTEM : cv ? Path.OPENCV : Path.NONE;
        this.png = sysPng ? Path.SYSTEM : cv ? Path.OPENCV : Path.NONE;
    }

    Path pathOf(ImageFormat format) {
        return switch (format) {
            case JPEG -> jpeg;
            case WEBP -> webp;
            case PNG -> png;
            default -> Path.NONE;
        };
    }

    /** Whether any format decodes natively. */
    boolean any() {
        return jpeg != Path.NONE || webp != Path.NONE || png != Path.NONE;
    }

    /** The decoder that {@link #decode} used for a working image of this format, as rows record it. */
    String decoderOf(ImageFormat format) {
        Path path = pathOf(format);
        if (path == Path.OPENCV) {
            return OpenCvCodecs.DECODER;
        }
        if (path == Path.NONE) {
            throw new IllegalArgumentException("no native decoder for " + format);
        }
        return switch (format) {
            case JPEG -> NativeCodecs.jpegDecoder();
            case WEBP -> NativeCodecs.webpDecoder();
            case PNG -> NativeCodecs.pngDecoder();
            default -> throw new IllegalArgumentException("no native decoder for " + format);
        };
    }

    /**
     * Which decoder takes each format, with the reason for any left to Java.
     *
     * @param systemWhy why the system libraries are not used at all, or null when they may be
     */
    String describe(String systemWhy) {
        String cv = opencvLine;
        boolean sys = systemWhy == null;
        return "jpeg: " + name(jpeg, "libjpeg-turbo", sys ? NativeCodecs.jpegError() : systemWhy,
                "not OpenCV: it hides damage warnings")
                + "; webp: " + name(webp, "libwebp", sys ? NativeCodecs.webpError() : systemWhy, cv)
                + "; png: " + name(png, "libdeflate + Java unfiltering", sys ? NativeCodecs.deflateError() : systemWhy, cv);
    }

    private static String name(Path path, String system, String systemWhy, String cv) {
        return switch (path) {
            case SYSTEM -> system;
            case OPENCV -> cv;
            case NONE -> "Java (" + systemWhy + "; " + cv + ")";
        };
    }

    /**
     * What was wanted ({@code Boolean.TRUE} for nothing), or null when the Java path must decide
     * (and, for PNG rasters, decode).
     *
     * @param format what the data's first bytes announce; null for none
     * @param header the probed header; needed (and probed by the caller) only for the OpenCV path
     */
    Object decode(byte[] data, ImageFormat format, ImageHeader header, ImageDecoder.Want want) throws ImageError {
        Path path = format == null ? Path.NONE : pathOf(format);
        if (path == Path.OPENCV) {
            return decodeOpenCv(data, format, header, want);
        }
        if (path == Path.NONE) {
            return null;
        }
        if (format == ImageFormat.PNG) {
            return want == ImageDecoder.Want.RASTER ? null : decodePng(data, want == ImageDecoder.Want.WORKING_IMAGE);
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

    /** Whether the OpenCV path needs the header probed first (it reads no header of its own). */
    boolean needsHeader(ImageFormat format) {
        return format != null && pathOf(format) == Path.OPENCV;
    }

    /**
     * OpenCV's decode, after the size check from the probed header (OpenCV would allocate first). Its
     * pixels live in native memory: pixels x channels bytes, within {@link ImageHeader#decodedBytes}
     * (x 4 or x 8), plus the encoded copy it counts too; released as soon as they are read.
     */
    private Object decodeOpenCv(byte[] data, ImageFormat format, ImageHeader header, ImageDecoder.Want want)
            throws ImageError {
        if (header.width() < 1) {
            return null;
        }
        if ((long) header.width() * header.height() > options.maxPixels()) {
            throw FailureClassifier.tooManyPixels(format.id(), header.width(), header.height(), options.maxPixels());
        }
        if (format == ImageFormat.PNG && want == ImageDecoder.Want.RASTER) {
            // As on the system path: PNG rasters (thumbnails) come from ImageIO, palettes and all.
            return null;
        }
        OpenCvCodecs.Pixels px = OpenCvCodecs.decode(data);
        if (px == null) {
            return null;
        }
        try {
            if (px.width != header.width() || px.height != header.height()) {
                return null;
            }
            return switch (want) {
                case WORKING_IMAGE -> toWorkingImage(px, format.id());
                case RASTER -> px.channels == 4 ? null : toRaster(px);
                case NOTHING -> Boolean.TRUE;
            };
        } finally {
            px.mat.release();
        }
    }

    /**
     * Rows are copied out of native memory a cache-sized chunk at a time, then take the usual fused pass;
     * the same for every native decoder ({@link NativePixels}).
     */
    private LinearImage toWorkingImage(NativePixels px, String format) {
        Feeder feeder = new Feeder(px.width, px.height, options.maxSide(), true);
        int stride = px.width * px.channels;
        int rowsPerChunk = Math.max(1, Math.min(px.height, CHUNK_BYTES / stride));
        // The packed pass reads a little past a row's end; OpenCV's Mat.get wants a whole number of
        // pixels, so the slack is at least one pixel.
        byte[] chunk = new byte[rowsPerChunk * stride + Math.max(PackedRowPass.RGB_SLACK, px.channels)];
        RowReader.Interleaved8 rows = px.blueFirst && px.channels > 1
                ? new RowReader.Interleaved8(chunk, px.channels, stride, 2, 1, 0, px.width)
                : RowReader.Interleaved8.packed(chunk, px.channels, px.width);
        for (int y0 = 0; y0 < px.height; y0 += rowsPerChunk) {
            int n = Math.min(rowsPerChunk, px.height - y0);
            px.rows(y0, n, chunk);
            for (int i = 0; i < n; i++) {
                feeder.add(rows, i);
            }
        }
        return feeder.builder.build(format);
    }

    /** Native gray or colour pixels as an RGB or gray raster; null (Java decides) when they exceed an array. */
    private static BufferedImage toRaster(NativePixels px) {
        long size = (long) px.width * px.height * px.channels;
        if (size > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] bytes = new byte[(int) size];
        px.rows(0, px.height, bytes);
        int[] offsets = px.channels == 1 ? new int[] {0} : px.blueFirst ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
        return raster(bytes, px.width, px.height, px.channels, offsets);
    }

    private static BufferedImage raster(byte[] bytes, int width, int height, int channels, int[] offsets) {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bytes, bytes.length),
                width, height, width * channels, channels, offsets, null);
        ColorSpace space = ColorSpace.getInstance(channels == 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
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
