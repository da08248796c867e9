package io.contrastkit.core;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files into the {@link LinearImage} working image of spec sections 1-2, in one
 * streaming pass from the decoded raster (no full-resolution double copies). Thread-safe.
 * Every kind of bad input becomes an {@link ImageError}; nothing else escapes but programming errors.
 */
public final class ImageDecoder {

    static {
        // Plugins (TwelveMonkeys) must be registered even when the classpath is assembled unusually.
        ImageIO.scanForPlugins();
    }

    /** JNA is a dependency, but an application may leave it out: then everything decodes in Java. */
    private static final boolean JNA_PRESENT = classPresent("com.sun.jna.Native");

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, ImageDecoder.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private final ExtractionOptions options;
    private final boolean nativeCodecs;

    /** A decoder that uses the system's libjpeg-turbo and libwebp when installed (see {@link #codecs()}). */
    public ImageDecoder(ExtractionOptions options) {
        this(options, true);
    }

    /**
     * @param nativeCodecs false decodes everything in Java even where native decoders are installed
     *                     (to compare the two; values agree within the spec's tolerances)
     */
    public ImageDecoder(ExtractionOptions options, boolean nativeCodecs) {
        this.options = Objects.requireNonNull(options, "options");
        this.nativeCodecs = nativeCodecs;
    }

    /** Which decoder handles JPEG and WebP in this process, and why not the native one where it cannot. */
    public String codecs() {
        if (!nativeCodecs) {
            return allJava("native decoding not asked for");
        }
        return JNA_PRESENT ? NativeCodecs.describe() : allJava("JNA is not on the class path");
    }

    /** The codecs line when everything decodes in Java; kept out of NativeCodecs, which needs JNA to load. */
    private static String allJava(String why) {
        return "jpeg: Java; webp: Java; png: Java (" + why + ")";
    }

    public ExtractionOptions options() {
        return options;
    }

    /** Decodes a file; the error names the kind of failure and says why in one line. */
    public LinearImage decode(Path file) throws ImageError {
        byte[] data;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageError(ImageError.Kind.UNREADABLE, file + " is a directory");
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "permission denied", e);
        } catch (IOException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "file too large to read into memory", e);
        }
        return decode(data);
    }

    /** Decodes an encoded image held in memory (a file's bytes, an upload). */
    public LinearImage decode(byte[] data) throws ImageError {
        return (LinearImage) decodeWith(data, Want.WORKING_IMAGE);
    }

    /**
     * The decoded raster as {@link #decode(byte[])} reads it (first image, samples as stored, the
     * same decoder), before linearisation and downscaling, with the same checks and errors: for
     * thumbnails.
     */
    public BufferedImage decodeRaster(byte[] data) throws ImageError {
        return (BufferedImage) decodeWith(data, Want.RASTER);
    }

    /**
     * Decodes with exactly the decoder {@link #decode(byte[])} would use (native or Java), with the
     * same checks and errors, and throws the pixels away: what decoding alone costs.
     */
    public void decodeOnly(byte[] data) throws ImageError {
        decodeWith(data, Want.NOTHING);
    }

    /** What a decode is for: the working image, the raster, or nothing but the decoding itself. */
    private enum Want {
        WORKING_IMAGE, RASTER, NOTHING
    }

    private Object decodeWith(byte[] data, Want want) throws ImageError {
        if (data.length == 0) {
            throw new ImageError(ImageError.Kind.EMPTY, "the file is empty (0 bytes)");
        }
        if (nativeCodecs && JNA_PRESENT) {
            Object fast;
            try {
                fast = decodeNative(data, want);
            } catch (OutOfMemoryError e) {
                throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "ran out of memory decoding this image", e);
            } catch (RuntimeException e) {
                // A header with absurd numbers (a row longer than an int can index): the Java path decides.
                fast = null;
            }
            if (fast != null) {
                return fast;
            }
        }
        return decodeJava(data, want == Want.WORKING_IMAGE);
    }

    /**
     * The native fast paths for JPEG, WebP and plain PNG: what was wanted ({@code Boolean.TRUE} for
     * nothing), or null when the Java path must decide (and, for PNG rasters, decode).
     */
    private Object decodeNative(byte[] data, Want want) throws ImageError {
        String format = ImageSniffer.formatOf(data, Math.min(data.length, ImageSniffer.HEADER_BYTES)).orElse("");
        if (format.equals("png")) {
            return want == Want.RASTER ? null : decodePng(data, want == Want.WORKING_IMAGE);
        }
        NativeCodecs.Pixels px;
        try {
            px = switch (format) {
                case "jpeg" -> NativeCodecs.decodeJpeg(data, options.maxPixels());
                case "webp" -> NativeCodecs.decodeWebp(data, options.maxPixels());
                default -> null;
            };
        } catch (NativeCodecs.TooLarge e) {
            throw tooManyPixels(format, e.width, e.height);
        }
        if (px == null) {
            return null;
        }
        try {
            return switch (want) {
                case WORKING_IMAGE -> toWorkingImage(px, format);
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
        Interleaved8 rows = Interleaved8.packed(chunk, px.channels, px.width);
        for (int y0 = 0; y0 < px.height; y0 += rowsPerChunk) {
            int n = Math.min(rowsPerChunk, px.height - y0);
            px.memory.read((long) y0 * stride, chunk, 0, n * stride);
            for (int i = 0; i < n; i++) {
                feeder.add(rows, i);
            }
        }
        return feeder.builder.build(format);
    }

    private static final int CHUNK_BYTES = 256 << 10;

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
            throw tooManyPixels("png", png.width, png.height);
        }
        if (!working) {
            return PngRows.rows(png, 0, null) ? Boolean.TRUE : null;
        }
        Feeder feeder = new Feeder(png.width, png.height, options.maxSide(), true);
        // PngRows alternates between two row buffers; each keeps its reader (and the reader its packed pass).
        Interleaved8[] readers = new Interleaved8[2];
        boolean ok = PngRows.rows(png, PackedRowPass.RGB_SLACK, (row, buffer) -> {
            if (readers[buffer] == null) {
                readers[buffer] = Interleaved8.packed(row, png.channels, png.width);
            }
            feeder.add(readers[buffer], 0);
        });
        return ok ? feeder.builder.build("png") : null;
    }

    /**
     * Adds rows to a working image. 8-bit rows larger than the working width (the common case) are
     * linearised and resampled in one fused pass; anything else is read whole and resampled after.
     */
    private static final class Feeder {
        final WorkingImageBuilder builder;
        private final boolean fused;
        private final double[] r;
        private final double[] g;
        private final double[] b;

        /** @param eightBit whether the rows will come from {@link Interleaved8} readers */
        Feeder(int width, int height, int maxSide, boolean eightBit) {
            builder = new WorkingImageBuilder(width, height, maxSide);
            fused = eightBit && builder.horizontal() != null;
            int len = fused ? builder.width() : width;
            r = new double[len];
            g = new double[len];
            b = new double[len];
        }

        void add(RowReader rows, int y) {
            if (fused) {
                builder.addResampledRow(r, g, b, ((Interleaved8) rows).readResampled(y, builder.horizontal(), r, g, b));
            } else {
                builder.addRow(r, g, b, rows.read(y, r, g, b));
            }
        }
    }

    private ImageError tooManyPixels(String format, int w, int h) {
        long pixels = (long) w * h;
        return new ImageError(ImageError.Kind.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                "%s header says %dx%d = %.1f MP, over the limit of %.1f MP", format, w, h,
                pixels / 1e6, options.maxPixels() / 1e6));
    }

    private Object decodeJava(byte[] data, boolean working) throws ImageError {
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notDecodable(data);
            }
            ImageReader reader = readers.next();
            try {
                return read(reader, in, data, working);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // Only close() can get here; the stream is in memory.
            throw new ImageError(ImageError.Kind.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The working image, or with {@code working} false the decoded raster alone. */
    private Object read(ImageReader reader, ImageInputStream in, byte[] data, boolean working) throws ImageError {
        String format = formatName(reader);
        List<String> warnings = new ArrayList<>();
        try {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w < 1 || h < 1) {
                throw new ImageError(ImageError.Kind.CORRUPT, format + " header gives an empty size " + w + "x" + h);
            }
            if ((long) w * h > options.maxPixels()) {
                throw tooManyPixels(format, w, h);
            }
            ImageReadParam param = rawParam(reader);
            StreamingListener streaming = null;
            if (working && "jpeg".equals(format) && param.getDestinationType() != null) {
                streaming = new StreamingListener(options.maxSide());
                reader.addIIOReadUpdateListener(streaming);
            }
            BufferedImage image = reader.read(0, param);
            for (String warning : warnings) {
                if (isTruncationWarning(warning)) {
                    throw new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early: " + warning);
                }
            }
            if (!working) {
                return image;
            }
            LinearImage streamed = streaming == null ? null : streaming.result(image, format);
            return streamed != null ? streamed : toWorkingImage(image, format);
        } catch (ImageError e) {
            throw e;
        } catch (IOException e) {
            // A decoder that hits the end of a cut file often complains about whatever it read last
            // ("Bogus Huffman table"), so the file's own ending decides first.
            if (endsEarly(data, format, warnings)) {
                throw new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early ("
                        + data.length + " bytes): " + describe(e), e);
            }
            throw classify(e, format);
        } catch (OutOfMemoryError e) {
            throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "ran out of memory decoding this " + format, e);
        } catch (RuntimeException e) {
            // Decoders throw assorted runtime exceptions on malformed data; none of them may end a batch.
            if (hasCause(e, EOFException.class) || endsEarly(data, format, warnings)) {
                throw new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early", e);
            }
            throw new ImageError(ImageError.Kind.CORRUPT, format + " decoder failed: " + describe(e), e);
        }
    }

    /**
     * Asks for the samples as stored: without it, JPEGs with an embedded ICC profile (Adobe RGB, say)
     * come back converted to sRGB, while the spec (like OpenCV) takes the codes as they are.
     * CMYK and other non-RGB raw types keep the decoder's conversion to RGB.
     */
    private static ImageReadParam rawParam(ImageReader reader) {
        ImageReadParam param = reader.getDefaultReadParam();
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            if (raw != null) {
                int space = raw.getColorModel().getColorSpace().getType();
                if (space == ColorSpace.TYPE_RGB || space == ColorSpace.TYPE_GRAY) {
                    param.setDestinationType(raw);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No raw type on offer: the default destination is all we can have.
        }
        return param;
    }

    /**
     * Converts an already decoded image, e.g. one made in memory, into the working image: samples
     * are read as stored (no colour management), alpha dropped, gray replicated, palettes expanded.
     */
    public LinearImage fromBufferedImage(BufferedImage image) {
        return toWorkingImage(image, "raster");
    }

    private LinearImage toWorkingImage(BufferedImage image, String format) {
        RowSink sink = new RowSink(image, options.maxSide());
        sink.accept(0, image.getHeight());
        return sink.build(format);
    }

    /** Turns rows of one decoded image, in order, into the working image. */
    private static final class RowSink {
        private final BufferedImage image;
        private final RowReader rows;
        private final Feeder feeder;
        private int next;

        RowSink(BufferedImage image, int maxSide) {
            this.image = image;
            this.rows = RowReader.of(image);
            this.feeder = new Feeder(image.getWidth(), image.getHeight(), maxSide, rows instanceof Interleaved8);
        }

        /** Processes rows [from, to); they must follow the rows already processed. */
        void accept(int from, int to) {
            if (from != next) {
                throw new IllegalStateException("rows must arrive in order: expected " + next + ", got " + from);
            }
            for (int y = from; y < to; y++) {
                feeder.add(rows, y);
            }
            next = to;
        }

        boolean complete() {
            return next == image.getHeight();
        }

        LinearImage build(String format) {
            return feeder.builder.build(format);
        }
    }

    /**
     * Processes rows while the decoder delivers them (baseline JPEG reports each scanline), so each
     * row is read back from cache instead of from a 40 MB raster after the fact. Anything unusual
     * (a second progressive pass, rows out of order, a different image object) abandons streaming,
     * and the finished image is then processed whole.
     */
    private static final class StreamingListener implements IIOReadUpdateListener {
        private final int maxSide;
        private BufferedImage seen;
        private RowSink sink;
        private boolean broken;

        StreamingListener(int maxSide) {
            this.maxSide = maxSide;
        }

        /** The working image if every row was streamed from exactly this final image, else null. */
        LinearImage result(BufferedImage finalImage, String format) {
            if (broken || sink == null || seen != finalImage || !sink.complete()) {
                return null;
            }
            return sink.build(format);
        }

        @Override
        public void imageUpdate(ImageReader source, BufferedImage theImage, int minX, int minY, int width,
                                int height, int periodX, int periodY, int[] bands) {
            if (broken) {
                return;
            }
            try {
                if (sink == null) {
                    seen = theImage;
                    sink = new RowSink(theImage, maxSide);
                }
                if (theImage != seen || minX != 0 || width != theImage.getWidth() || periodX != 1 || periodY != 1
                        || bands != null && bands.length != theImage.getRaster().getNumBands()) {
                    broken = true;
                    return;
                }
                sink.accept(minY, minY + height);
            } catch (RuntimeException e) {
                broken = true;
            }
        }

        @Override
        public void passStarted(ImageReader source, BufferedImage theImage, int pass, int minPass, int maxPass,
                                int minX, int minY, int periodX, int periodY, int[] bands) {
            // Progressive and interlaced images revisit rows: only the finished image is right.
            broken = true;
        }

        @Override
        public void passComplete(ImageReader source, BufferedImage theImage) {
        }

        @Override
        public void thumbnailPassStarted(ImageReader source, BufferedImage theThumbnail, int pass, int minPass,
                                         int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailUpdate(ImageReader source, BufferedImage theThumbnail, int minX, int minY, int width,
                                    int height, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailPassComplete(ImageReader source, BufferedImage theThumbnail) {
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            String f = reader.getFormatName();
            return f == null ? "image" : f.toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /** Whether a failed decode is explained by the file stopping short of its format's end marker. */
    private static boolean endsEarly(byte[] d, String format, List<String> warnings) {
        if (warnings.stream().anyMatch(ImageDecoder::isTruncationWarning)) {
            return true;
        }
        int n = d.length;
        if (startsWith(d, 0xFF, 0xD8)) {
            // JPEG ends with EOI (FF D9); a few trailing bytes after it are tolerated.
            for (int i = n - 2; i >= Math.max(0, n - 64); i--) {
                if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0xD9) {
                    return false;
                }
            }
            return true;
        }
        if (startsWith(d, 0x89, 'P', 'N', 'G')) {
            // PNG ends with the IEND chunk: "IEND" then its CRC.
            return n < 12 || !(d[n - 8] == 'I' && d[n - 7] == 'E' && d[n - 6] == 'N' && d[n - 5] == 'D');
        }
        if (startsWith(d, 'G', 'I', 'F')) {
            return (d[n - 1] & 0xFF) != 0x3B;
        }
        return false;
    }

    private static boolean isTruncationWarning(String w) {
        String s = w.toLowerCase(Locale.ROOT);
        return s.contains("premature end") || s.contains("truncated") || s.contains("unexpected end");
    }

    private static ImageError classify(IOException e, String format) {
        String msg = describe(e);
        String lower = msg.toLowerCase(Locale.ROOT);
        if (hasCause(e, EOFException.class) || lower.contains("premature end") || lower.contains("eof")
                || lower.contains("truncated") || lower.contains("unexpected end")) {
            return new ImageError(ImageError.Kind.TRUNCATED, format + " data ends early: " + msg, e);
        }
        if (lower.contains("unsupported") || lower.contains("not supported")) {
            return new ImageError(ImageError.Kind.UNSUPPORTED_FORMAT, "unsupported " + format + " variant: " + msg, e);
        }
        return new ImageError(ImageError.Kind.CORRUPT, format + " decoder failed: " + msg, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null && sb.length() < 300; c = c.getCause()) {
            String m = c.getMessage();
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m != null && !m.isBlank() ? m : c.getClass().getSimpleName());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    /** Tells an image format we do not decode from content that is no image at all, by magic bytes. */
    static ImageError notDecodable(byte[] d) {
        String known = knownUnsupportedFormat(d);
        if (known != null) {
            return new ImageError(ImageError.Kind.UNSUPPORTED_FORMAT, known + " images are not supported "
                    + "(supported: JPEG, PNG, BMP, GIF, WebP, TIFF)");
        }
        if (startsWith(d, 0xFF, 0xD8)) {
            return new ImageError(ImageError.Kind.CORRUPT, "starts like a JPEG but no decoder accepts it");
        }
        if (startsWith(d, 0x89, 'P', 'N', 'G')) {
            return new ImageError(ImageError.Kind.CORRUPT, "starts like a PNG but no decoder accepts it");
        }
        return new ImageError(ImageError.Kind.NOT_AN_IMAGE, "not an image: content starts with "
                + preview(d) + " (" + d.length + " bytes)");
    }

    private static String knownUnsupportedFormat(byte[] d) {
        if (d.length >= 12 && d[4] == 'f' && d[5] == 't' && d[6] == 'y' && d[7] == 'p') {
            String brand = new String(d, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("avi")) {
                return "AVIF";
            }
            if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev")) {
                return "HEIF/HEIC";
            }
            if (brand.startsWith("jp2") || brand.startsWith("jpx")) {
                return "JPEG 2000";
            }
        }
        if (startsWith(d, 0x00, 0x00, 0x00, 0x0C, 'j', 'P')) {
            return "JPEG 2000";
        }
        if (startsWith(d, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000 codestream";
        }
        if (startsWith(d, 0xFF, 0x0A) || startsWith(d, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L')) {
            return "JPEG XL";
        }
        if (startsWith(d, '8', 'B', 'P', 'S')) {
            return "Photoshop (PSD)";
        }
        if (startsWith(d, 0x76, 0x2F, 0x31, 0x01)) {
            return "OpenEXR";
        }
        if (startsWith(d, 0x00, 0x00, 0x01, 0x00)) {
            return "ICO";
        }
        if (startsWith(d, 'D', 'D', 'S', ' ')) {
            return "DDS";
        }
        if (d.length >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7') {
            return "Netpbm (PNM)";
        }
        String head = new String(d, 0, Math.min(d.length, 256), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.contains("<svg")) {
            return "SVG";
        }
        return null;
    }

    private static boolean startsWith(byte[] d, int... magic) {
        if (d.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((d[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] d) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(d.length, 12); i++) {
            int c = d[i] & 0xFF;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return sb.append('"').toString();
    }

    /**
     * Reads rows of a decoded raster as linear RGB, counting clipped pixels on the integer codes.
     * Interleaved 8- and 16-bit rasters (what JPEG, PNG, TIFF and WebP decode to) take a direct path;
     * anything else goes through the raster's generic accessors.
     */
    abstract static class RowReader {
        abstract int read(int y, double[] r, double[] g, double[] b);

        static RowReader of(BufferedImage image) {
            Raster raster = image.getRaster();
            ColorModel cm = image.getColorModel();
            SampleModel sm = raster.getSampleModel();
            if (cm instanceof IndexColorModel icm) {
                return new Indexed(raster, icm);
            }
            int bands = raster.getNumBands();
            boolean uniform = true;
            for (int i = 1; i < bands; i++) {
                uniform &= sm.getSampleSize(i) == sm.getSampleSize(0);
            }
            int colourBands = cm.getNumColorComponents();
            boolean simple = uniform && (colourBands == 1 || colourBands == 3) && bands >= colourBands
                    && sm.getDataType() != DataBuffer.TYPE_FLOAT && sm.getDataType() != DataBuffer.TYPE_DOUBLE;
            if (simple && sm instanceof ComponentSampleModel csm && raster.getParent() == null
                    && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
                DataBuffer db = raster.getDataBuffer();
                if (db.getNumBanks() == 1 && csm.getSampleSize(0) == 8 && db instanceof DataBufferByte bb) {
                    return new Interleaved8(bb.getData(), csm, colourBands);
                }
                if (db.getNumBanks() == 1 && csm.getSampleSize(0) == 16 && db instanceof DataBufferUShort us) {
                    return new Interleaved16(us.getData(), csm, colourBands);
                }
            }
            if (simple && sm.getSampleSize(0) <= 16) {
                return new Generic(raster, colourBands, sm.getSampleSize(0));
            }
            return new Argb(image);
        }
    }

    /** Byte samples, pixel-interleaved (or banded) in one bank: JPEG, 8-bit PNG/TIFF/WebP/BMP. */
    static final class Interleaved8 extends RowReader {
        private final byte[] data;
        private final int pixelStride;
        private final int scanlineStride;
        private final int o0;
        private final int o1;
        private final int o2;
        private final int width;
        private PackedRowPass packed;
        private AreaResampler packedFor;

        Interleaved8(byte[] data, ComponentSampleModel sm, int colourBands) {
            this(data, sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets()[0],
                    sm.getBandOffsets()[colourBands == 3 ? 1 : 0], sm.getBandOffsets()[colourBands == 3 ? 2 : 0],
                    sm.getWidth());
        }

        /** Rows of {@code width} pixels of 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) bytes, one after another. */
        static Interleaved8 packed(byte[] data, int channels, int width) {
            boolean colour = channels >= 3;
            return new Interleaved8(data, channels, width * channels, 0, colour ? 1 : 0, colour ? 2 : 0, width);
        }

        Interleaved8(byte[] data, int pixelStride, int scanlineStride, int o0, int o1, int o2, int width) {
            this.data = data;
            this.pixelStride = pixelStride;
            this.scanlineStride = scanlineStride;
            this.o0 = o0;
            this.o1 = o1;
            this.o2 = o2;
            this.width = width;
        }

        /**
         * Linearises and horizontally resamples row y straight from the bytes into working-width
         * rows, counting clipped pixels ({@link PackedRowPass}).
         */
        int readResampled(int y, AreaResampler hz, double[] r, double[] g, double[] b) {
            if (packedFor != hz) {
                packed = new PackedRowPass(hz);
                packedFor = hz;
            }
            int row = y * scanlineStride;
            if (pixelStride == 4) {
                return packed.rgba(data, row, o0, o1, o2, r, g, b);
            }
            if (pixelStride == 3 && row + 3 * width + PackedRowPass.RGB_SLACK <= data.length) {
                return packed.rgb(data, row, o0, o1, o2, r, g, b);
            }
            // Gray, gray+alpha, and a raster's very last RGB row (no byte to spare after it).
            return packed.bytes(data, row, pixelStride, o0, o1, o2, r, g, b);
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            double[] lut = Colour.LINEAR_8;
            int p = y * scanlineStride;
            int clipped = 0;
            for (int x = 0; x < width; x++, p += pixelStride) {
                int cr = data[p + o0] & 0xFF;
                int cg = data[p + o1] & 0xFF;
                int cb = data[p + o2] & 0xFF;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                int or = cr | cg | cb;
                int and = cr & cg & cb;
                if (or == 0 || and == 0xFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** 16-bit samples in one bank: 16-bit PNG and TIFF. */
    private static final class Interleaved16 extends RowReader {
        private final short[] data;
        private final int pixelStride;
        private final int scanlineStride;
        private final int o0;
        private final int o1;
        private final int o2;
        private final int width;

        Interleaved16(short[] data, ComponentSampleModel sm, int colourBands) {
            this.data = data;
            this.pixelStride = sm.getPixelStride();
            this.scanlineStride = sm.getScanlineStride();
            int[] offsets = sm.getBandOffsets();
            this.o0 = offsets[0];
            this.o1 = colourBands == 3 ? offsets[1] : offsets[0];
            this.o2 = colourBands == 3 ? offsets[2] : offsets[0];
            this.width = sm.getWidth();
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            double[] lut = Colour.LINEAR_16;
            int p = y * scanlineStride;
            int clipped = 0;
            for (int x = 0; x < width; x++, p += pixelStride) {
                int cr = data[p + o0] & 0xFFFF;
                int cg = data[p + o1] & 0xFFFF;
                int cb = data[p + o2] & 0xFFFF;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                if ((cr | cg | cb) == 0 || (cr & cg & cb) == 0xFFFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** Any integer raster with 1 or 3 colour bands of equal depth (e.g. 1-, 2-, 4-bit gray PNG). */
    private static final class Generic extends RowReader {
        private final Raster raster;
        private final int bands;
        private final int colourBands;
        private final int maxCode;
        private final double[] lut;
        private final int[] buf;

        Generic(Raster raster, int colourBands, int bits) {
            this.raster = raster;
            this.bands = raster.getNumBands();
            this.colourBands = colourBands;
            this.maxCode = (1 << bits) - 1;
            this.lut = bits == 8 ? Colour.LINEAR_8 : bits == 16 ? Colour.LINEAR_16 : Colour.linearTable(maxCode);
            this.buf = new int[raster.getWidth() * bands];
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            int w = raster.getWidth();
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, buf);
            int clipped = 0;
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                int cr = buf[p];
                int cg = colourBands == 3 ? buf[p + 1] : cr;
                int cb = colourBands == 3 ? buf[p + 2] : cr;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                if ((cr | cg | cb) == 0 || (cr == maxCode && cg == maxCode && cb == maxCode)) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** Palette images (PNG, GIF, BMP, 1-bit): indices expanded through the palette's 8-bit RGB. */
    private static final class Indexed extends RowReader {
        private final Raster raster;
        private final int[] rgb;
        private final int[] buf;

        Indexed(Raster raster, IndexColorModel icm) {
            this.raster = raster;
            this.rgb = new int[icm.getMapSize()];
            icm.getRGBs(rgb);
            this.buf = new int[raster.getWidth()];
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            int w = raster.getWidth();
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, buf);
            double[] lut = Colour.LINEAR_8;
            int clipped = 0;
            for (int x = 0; x < w; x++) {
                int idx = buf[x];
                int c = idx < rgb.length ? rgb[idx] : 0;
                int cr = (c >> 16) & 0xFF;
                int cg = (c >> 8) & 0xFF;
                int cb = c & 0xFF;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                if ((c & 0xFFFFFF) == 0 || (c & 0xFFFFFF) == 0xFFFFFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** Last resort for exotic rasters (float TIFF, odd band layouts): the image's own sRGB conversion. */
    private static final class Argb extends RowReader {
        private final BufferedImage image;
        private final int[] buf;

        Argb(BufferedImage image) {
            this.image = image;
            this.buf = new int[image.getWidth()];
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            int w = image.getWidth();
            image.getRGB(0, y, w, 1, buf, 0, w);
            double[] lut = Colour.LINEAR_8;
            int clipped = 0;
            for (int x = 0; x < w; x++) {
                int c = buf[x];
                r[x] = lut[(c >> 16) & 0xFF];
                g[x] = lut[(c >> 8) & 0xFF];
                b[x] = lut[c & 0xFF];
                if ((c & 0xFFFFFF) == 0 || (c & 0xFFFFFF) == 0xFFFFFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }
}
