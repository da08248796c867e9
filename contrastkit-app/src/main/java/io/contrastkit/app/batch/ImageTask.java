package io.contrastkit.app.batch;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.ImageHeader;
import io.contrastkit.core.decode.ImageSniffer;
import io.contrastkit.store.ImageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one candidate file into its store row: reads it, skips it when a folder walk met a file that is
 * no image, reserves memory for its decoded pixels, then decodes and extracts. Thread-safe.
 */
public final class ImageTask {

    /** Files larger than this are refused before reading, so one stray video cannot exhaust the heap. */
    static final long MAX_FILE_BYTES = 256L << 20;

    /**
     * The result for one file.
     *
     * @param record      the row to store; null when skipped as not an image, or decoded only
     * @param decodedOnly the image decoded and, in decode-only mode, was not measured
     */
    record Outcome(CollectionScanner.Candidate candidate, ImageRecord record, boolean decodedOnly) {
        Outcome(CollectionScanner.Candidate candidate, ImageRecord record) {
            this(candidate, record, false);
        }

        boolean skippedNotImage() {
            return record == null && !decodedOnly;
        }
    }

    private final ContrastFeatureExtractor extractor;
    private final ImageDecoder decoder;
    private final MemoryBudget budget;
    private final boolean decodeOnly;

    public ImageTask(ContrastFeatureExtractor extractor, MemoryBudget budget, boolean decodeOnly) {
        this.extractor = extractor;
        this.decoder = new ImageDecoder(extractor.options(), NativeSetting.current());
        this.budget = budget;
        this.decodeOnly = decodeOnly;
    }

    /** Which decoders handle JPEG, WebP and PNG in this process. */
    public String codecs() {
        return decoder.codecs();
    }

    Outcome run(CollectionScanner.Candidate c) throws InterruptedException {
        FeatureSchema schema = extractor.schema();
        Instant now = Instant.now();
        String path = c.path().toString();
        // Set once the bytes are read: failures after that (a corrupt file) carry it too.
        String hash = null;
        try {
            if (!c.regular()) {
                // Devices, pipes, sockets: reading could block or never end.
                return new Outcome(c, null);
            }
            byte[] data = read(c);
            if (data == null) {
                return new Outcome(c, null);
            }
            // The header is read once, here: its size reserves memory, and the decoder reuses it.
            ImageHeader header = decoder.probe(data);
            int reserved = budget.acquire(header.decodedBytes());
            try {
                if (decodeOnly) {
                    // The benchmark's baseline: the same reader and settings, no linearisation,
                    // downscaling or features.
                    decoder.decodeOnly(data, header);
                    return new Outcome(c, null, true);
                }
                hash = contentHash(data);
                LinearImage image = decoder.decode(data, header);
                FeatureVector v = extractor.extract(image);
                return new Outcome(c, ImageRecord.ok(path, c.size(), c.mtimeNs(), image.sourceWidth(), image.sourceHeight(),
                        image.format(), v, Instant.now()).withContentHash(hash));
            } finally {
                budget.release(reserved);
            }
        } catch (ImageError e) {
            return new Outcome(c, ImageRecord.failed(path, c.size(), c.mtimeNs(), e, schema.version(), now)
                    .withContentHash(hash));
        } catch (OutOfMemoryError e) {
            return new Outcome(c, ImageRecord.failed(path, c.size(), c.mtimeNs(),
                    new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "ran out of memory on this image"), schema.version(), now)
                    .withContentHash(hash));
        } catch (RuntimeException e) {
            // The extractor promises finite features; if it breaks that, this image fails, not the run.
            return new Outcome(c, ImageRecord.failed(path, c.size(), c.mtimeNs(),
                    new ImageError(ImageError.Kind.CORRUPT, "extraction failed: " + e), schema.version(), now)
                    .withContentHash(hash));
        }
    }

    /**
     * SHA-256 of the file's bytes in hex, as {@code sha256sum} prints it: finds the same picture under
     * two paths. About 1.3 GB/s here, under 1% of extraction.
     */
    static String contentHash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's documentation).
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes, or null when a walk met a file that neither looks nor is named like an image. */
    private static byte[] read(CollectionScanner.Candidate c) throws ImageError {
        try (InputStream in = Files.newInputStream(c.path())) {
            byte[] head = in.readNBytes(ImageSniffer.HEADER_BYTES);
            Optional<String> format = ImageSniffer.formatOf(head, head.length);
            if (format.isEmpty() && !c.named() && !ImageSniffer.hasImageExtension(c.path().toString())) {
                return null;
            }
            if (head.length == 0) {
                throw new ImageError(ImageError.Kind.EMPTY, "the file is empty (0 bytes)");
            }
            if (c.size() > MAX_FILE_BYTES) {
                throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                        "file is %.0f MB, over the %d MB limit for one image", c.size() / 1e6, MAX_FILE_BYTES >> 20));
            }
            byte[] rest = in.readNBytes((int) MAX_FILE_BYTES);
            byte[] all = Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, all, head.length, rest.length);
            return all;
        } catch (NoSuchFileException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, Files.isSymbolicLink(c.path())
                    ? "broken symbolic link" : "no such file (removed during the run?)", e);
        } catch (AccessDeniedException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "permission denied", e);
        } catch (IOException e) {
            throw new ImageError(ImageError.Kind.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
    }
}
