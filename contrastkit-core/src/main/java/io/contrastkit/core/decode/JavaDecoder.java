package io.contrastkit.core.decode;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes with ImageIO and the TwelveMonkeys plugins: every format, and the judge of every failure
 * (the native path hands whatever it declines to this one). Baseline JPEGs stream row by row into the
 * working image; everything else is read whole, then turned into it.
 */
final class JavaDecoder {

    static {
        // Plugins (TwelveMonkeys) must be registered even when the classpath is assembled unusually.
        ImageIO.scanForPlugins();
    }

    private final ExtractionOptions options;

    JavaDecoder(ExtractionOptions options) {
        this.options = options;
    }

    /**
     * The header as the reader that would decode the data reads it, with the bytes decoding will hold
     * (see {@link ImageHeader#decodedBytes()}).
     */
    ImageHeader probe(byte[] data, ImageFormat format) {
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new ImageHeader(format, 0, 0, data.length, data.length);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                boolean sized = w >= 1 && h >= 1;
                long pixels = (long) w * h;
                if (pixels <= 0 || pixels > options.maxPixels()) {
                    // Refused from the header alone: nothing big will be allocated.
                    return new ImageHeader(format, sized ? w : 0, sized ? h : 0, data.length, data.length);
                }
                String f = reader.getFormatName().toLowerCase(Locale.ROOT);
                // PNG and TIFF may carry 16-bit samples.
                int bytesPerPixel = f.contains("png") || f.contains("tif") ? 8 : 4;
                return new ImageHeader(format, sized ? w : 0, sized ? h : 0, data.length,
                        pixels * bytesPerPixel + data.length);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Nothing is known: count the encoded bytes ten times over.
            return new ImageHeader(format, 0, 0, data.length, data.length * 10L);
        }
    }
    /** The working image, or with {@code working} false the decoded raster alone. */
    Object decode(byte[] data, boolean working) throws ImageError {
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw FailureClassifier.notDecodable(data);
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
                throw FailureClassifier.tooManyPixels(format, w, h, options.maxPixels());
            }
            ImageReadParam param = rawParam(reader);
            StreamingListener streaming = null;
            if (working && "jpeg".equals(format) && param.getDestinationType() != null) {
                streaming = new StreamingListener(options.maxSide());
                reader.addIIOReadUpdateListener(streaming);
            }
            BufferedImage image = reader.read(0, param);
            ImageError condemned = FailureClassifier.byWarnings(format, data, warnings);
            if (condemned != null) {
                throw condemned;
            }
            if (!working) {
                return image;
            }
            LinearImage streamed = streaming == null ? null : streaming.result(image, format);
            return (streamed != null ? streamed : toWorkingImage(image, format)).withDecoder(decoderName(reader));
        } catch (ImageError e) {
            throw e;
        } catch (IOException e) {
            throw FailureClassifier.of(e, data, format, warnings);
        } catch (OutOfMemoryError e) {
            throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "ran out of memory decoding this " + format, e);
        } catch (RuntimeException e) {
            // Decoders throw assorted runtime exceptions on malformed data; none of them may end a batch.
            throw FailureClassifier.of(e, data, format, warnings);
        }
    }

    /**
     * The reader as rows record it: {@code twelvemonkeys-webp 3.12.0} for a plugin with a version in its
     * jar, {@code imageio-jpeg jdk-17.0.15} for the JDK's own readers (which change only with the JDK).
     */
    static String decoderName(ImageReader reader) {
        // Reflection and a version lookup per image would be waste: a reader class always gives the same name.
        return DECODER_NAMES.computeIfAbsent(reader.getClass(), type -> nameOf(reader));
    }

    private static final java.util.concurrent.ConcurrentHashMap<Class<?>, String> DECODER_NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String nameOf(ImageReader reader) {
        Class<?> type = reader.getClass();
        String format = formatName(reader);
        String family = type.getName().startsWith("com.twelvemonkeys.") ? "twelvemonkeys" : "imageio";
        Package pkg = type.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        if (version == null) {
            version = type.getClassLoader() == null || type.getName().startsWith("com.sun.")
                    ? "jdk-" + Runtime.version() : "unknown-version";
        }
        return family + "-" + format + " " + version.replace(' ', '_');
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

    /** An already decoded image as the working image: samples as stored, alpha dropped, gray replicated. */
    LinearImage toWorkingImage(BufferedImage image, String format) {
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
            this.feeder = new Feeder(image.getWidth(), image.getHeight(), maxSide, rows instanceof RowReader.Interleaved8);
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
}
