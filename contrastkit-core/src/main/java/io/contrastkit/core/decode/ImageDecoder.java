package io.contrastkit.core.decode;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Decodes encoded images held in memory (a file's bytes, an upload) into the {@link LinearImage}
 * working image of spec sections 1-2, in one streaming pass from the decoded raster (no
 * full-resolution double copies). Thread-safe. Every kind of bad input becomes an {@link ImageError};
 * nothing else escapes but programming errors. Reading files is the caller's business.
 *
 * <p>The front of the decode package: the native path ({@link NativeDecoder}) takes the plain JPEG,
 * WebP and PNG files it can, the Java path ({@link JavaDecoder}) everything else, and only the Java
 * path judges failures ({@link FailureClassifier}).
 */
public final class ImageDecoder {

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
    private final NativeDecoding nativeDecoding;
    private final JavaDecoder java;
    /** Null when everything decodes in Java. */
    private final NativeDecoder fast;

    /** A decoder that uses the system's libjpeg-turbo, libwebp and libdeflate when installed (see {@link #codecs()}). */
    public ImageDecoder(ExtractionOptions options) {
        this(options, NativeDecoding.WHEN_INSTALLED);
    }

    /**
     * @param nativeDecoding {@link NativeDecoding#off} decodes everything in Java even where native
     *                       decoders are installed (to compare the two; values agree within the spec's
     *                       tolerances)
     */
    public ImageDecoder(ExtractionOptions options, NativeDecoding nativeDecoding) {
        this.options = Objects.requireNonNull(options, "options");
        this.nativeDecoding = Objects.requireNonNull(nativeDecoding, "nativeDecoding");
        this.java = new JavaDecoder(options);
        this.fast = nativeDecoding.enabled() && JNA_PRESENT ? new NativeDecoder(options) : null;
    }

    /** Which decoder handles JPEG and WebP in this process, and why not the native one where it cannot. */
    public String codecs() {
        if (!nativeDecoding.enabled()) {
            return allJava(nativeDecoding.offReason());
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

    /**
     * Reads the header once, before decoding: the format, the size and the bytes decoding will hold
     * (for a memory budget). Never fails: what cannot be read is left unknown (see {@link ImageHeader}).
     */
    public ImageHeader probe(byte[] data) {
        return java.probe(data, ImageFormat.of(data, data.length).orElse(null));
    }

    /** Decodes an encoded image; the error names the kind of failure and says why in one line. */
    public LinearImage decode(byte[] data) throws ImageError {
        return (LinearImage) decodeWith(data, null, Want.WORKING_IMAGE);
    }

    /** {@link #decode(byte[])} of data already {@linkplain #probe probed}, without sniffing it again. */
    public LinearImage decode(byte[] data, ImageHeader header) throws ImageError {
        return (LinearImage) decodeWith(data, checked(data, header), Want.WORKING_IMAGE);
    }

    /**
     * The decoded raster as {@link #decode(byte[])} reads it (first image, samples as stored, the
     * same decoder), before linearisation and downscaling, with the same checks and errors: for
     * thumbnails.
     */
    public BufferedImage decodeRaster(byte[] data) throws ImageError {
        return (BufferedImage) decodeWith(data, null, Want.RASTER);
    }

    /**
     * Decodes with exactly the decoder {@link #decode(byte[])} would use (native or Java), with the
     * same checks and errors, and throws the pixels away: what decoding alone costs.
     */
    public void decodeOnly(byte[] data) throws ImageError {
        decodeWith(data, null, Want.NOTHING);
    }

    /** {@link #decodeOnly(byte[])} of data already {@linkplain #probe probed}. */
    public void decodeOnly(byte[] data, ImageHeader header) throws ImageError {
        decodeWith(data, checked(data, header), Want.NOTHING);
    }

    /**
     * Converts an already decoded image, e.g. one made in memory, into the working image: samples
     * are read as stored (no colour management), alpha dropped, gray replicated, palettes expanded.
     */
    public LinearImage fromBufferedImage(BufferedImage image) {
        return java.toWorkingImage(image, "raster");
    }

    /** What a decode is for: the working image, the raster, or nothing but the decoding itself. */
    enum Want {
        WORKING_IMAGE, RASTER, NOTHING
    }

    private static ImageHeader checked(byte[] data, ImageHeader header) {
        Objects.requireNonNull(header, "header");
        if (header.encodedBytes() != data.length) {
            throw new IllegalArgumentException("the header was probed from " + header.encodedBytes()
                    + " bytes, not from these " + data.length);
        }
        return header;
    }

    /** @param header the probed header, or null to sniff the format here when it is needed */
    private Object decodeWith(byte[] data, ImageHeader header, Want want) throws ImageError {
        if (data.length == 0) {
            throw new ImageError(ImageError.Kind.EMPTY, "the file is empty (0 bytes)");
        }
        ImageFormat format = header != null ? header.format() : ImageFormat.of(data, data.length).orElse(null);
        checkStructure(data, format, header);
        if (fast != null) {
            Object decoded;
            try {
                decoded = fast.decode(data, format, want);
            } catch (OutOfMemoryError e) {
                throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "ran out of memory decoding this image", e);
            } catch (RuntimeException e) {
                // A header with absurd numbers (a row longer than an int can index): the Java path decides.
                decoded = null;
            }
            if (decoded instanceof LinearImage image) {
                return image.withDecoder(fast.decoderOf(format));
            }
            if (decoded != null) {
                return decoded;
            }
        }
        return java.decode(data, want == Want.WORKING_IMAGE);
    }

    /**
     * Refuses, before either decoder runs, a BMP declaring more pixels than allowed (the JDK's reader
     * would call it corrupt) and a file that stops short of what its own structure declares
     * ({@link FileStructure}; decoders accept such files silently). A header over the pixel limit wins
     * over the truncation, as it does for every other format.
     */
    private void checkStructure(byte[] data, ImageFormat format, ImageHeader header) throws ImageError {
        if (format == ImageFormat.BMP) {
            int[] size = FileStructure.bmpSize(data);
            if (size != null && (long) size[0] * size[1] > options.maxPixels()) {
                throw FailureClassifier.tooManyPixels("bmp", size[0], size[1], options.maxPixels());
            }
        }
        ImageError cut = FileStructure.truncation(data, format);
        if (cut != null) {
            ImageHeader h = header != null ? header : probe(data);
            if ((long) h.width() * h.height() > options.maxPixels()) {
                throw FailureClassifier.tooManyPixels(format.id(), h.width(), h.height(), options.maxPixels());
            }
            throw cut;
        }
    }
}
