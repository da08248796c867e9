package io.contrastkit.core.decode;

import io.contrastkit.core.ImageError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The guards every image's bytes pass before and around decoding, whoever read them (a CLI worker, a
 * service request, a Spark task): the size limit, one header parse, a reservation of the decoded size
 * from a {@link MemoryBudget}, and every failure typed as an {@link ImageError}, so that one bad image
 * fails alone and fails the same way everywhere. Pure apart from the budget's blocking; no IO.
 */
public final class ImageGuards {

    /** Images larger than this are refused before decoding, so one stray video cannot exhaust the heap. */
    public static final long MAX_IMAGE_BYTES = 256L << 20;

    private ImageGuards() {
    }

    /** What to do with an image's bytes once its header is parsed and its decoded size reserved. */
    @FunctionalInterface
    public interface HeaderWork<R> {
        /** @throws ImageError when the image cannot be decoded or measured */
        R apply(ImageHeader header) throws ImageError, InterruptedException;
    }

    /** Parses an image's header: a decoder's {@link ImageDecoder#probe}, or one that also records its time. */
    @FunctionalInterface
    public interface HeaderProbe {
        /** @throws ImageError when the header is missing, cut or refused */
        ImageHeader probe(byte[] data) throws ImageError;
    }

    /**
     * Refuses a file of {@code bytes} over {@link #MAX_IMAGE_BYTES}, before it is read.
     *
     * @param what "file" or "image", for the reason
     */
    public static void requireWithinLimit(long bytes, String what) throws ImageError {
        if (bytes > MAX_IMAGE_BYTES) {
            throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                    "%s is %.0f MB, over the %d MB limit for one image", what, bytes / 1e6, MAX_IMAGE_BYTES >> 20));
        }
    }

    /**
     * Measures one image held in memory on the calling thread under every guard: empty and oversized
     * input refused, the header parsed once, its decoded size reserved from {@code budget} while
     * {@code work} runs, and any failure no decoder typed turned into an {@link ImageError}.
     * Thread-safe: any number of threads may call it at once.
     *
     * @throws ImageError for bad input; an interrupt while waiting for memory is {@code UNREADABLE}
     *                    ("interrupted") with the thread's interrupt flag set again
     */
    public static <R> R measure(byte[] data, ImageDecoder decoder, MemoryBudget budget, HeaderWork<R> work)
            throws ImageError {
        return measure(data, decoder::probe, budget, work);
    }

    /** {@link #measure(byte[], ImageDecoder, MemoryBudget, HeaderWork)} with the header parsed by {@code probe}. */
    public static <R> R measure(byte[] data, HeaderProbe probe, MemoryBudget budget, HeaderWork<R> work)
            throws ImageError {
        Objects.requireNonNull(data, "data");
        try {
            if (data.length == 0) {
                throw new ImageError(ImageError.Kind.EMPTY, "the image is empty (0 bytes)");
            }
            requireWithinLimit(data.length, "image");
            return reserved(data, probe, budget, work);
        } catch (ImageError e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageError(ImageError.Kind.UNREADABLE, "interrupted");
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Parses the header once, reserves its decoded size from {@code budget}, and runs {@code work} while it is held. */
    public static <R> R reserved(byte[] data, ImageDecoder decoder, MemoryBudget budget, HeaderWork<R> work)
            throws ImageError, InterruptedException {
        return reserved(data, decoder::probe, budget, work);
    }

    /** {@link #reserved(byte[], ImageDecoder, MemoryBudget, HeaderWork)} with the header parsed by {@code probe}. */
    public static <R> R reserved(byte[] data, HeaderProbe probe, MemoryBudget budget, HeaderWork<R> work)
            throws ImageError, InterruptedException {
        ImageHeader header = probe.probe(data);
        int reservation = budget.acquire(header.decodedBytes());
        try {
            return work.apply(header);
        } finally {
            budget.release(reservation);
        }
    }

    /** A failure no decoder typed: this image fails, never the run (nor, in a service, the process). */
    public static ImageError unexpected(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return new ImageError(ImageError.Kind.TOO_MANY_PIXELS, "ran out of memory on this image");
        }
        // The extractor promises finite features; if it breaks that, this image fails, not the run.
        return new ImageError(ImageError.Kind.CORRUPT, "extraction failed: " + t);
    }

    /**
     * SHA-256 of the bytes in hex, as {@code sha256sum} prints it (the store's {@code content_hash}): finds
     * the same picture under two paths.
     */
    public static String contentHash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's documentation).
            throw new IllegalStateException(e);
        }
    }
}
