package io.contrastkit.app.batch;

import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.ImageGuards;
import io.contrastkit.core.decode.ImageHeader;
import io.contrastkit.core.decode.ImageSniffer;
import io.contrastkit.core.decode.MemoryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one runner for everything that measures images (extract, features, predict, ladder, validate
 * --ladder): it reads each candidate file (refusing files over {@link #MAX_FILE_BYTES} before reading
 * and never opening pipes or devices), parses its header once, reserves the decoded size from a shared
 * {@link MemoryBudget}, runs the caller's {@link Work} on a pool of threads, and hands every file's typed
 * {@link ImageOutcome} to a {@link Sink} on the calling thread, so a sink that owns a store or an output
 * stream needs no locking.
 *
 * <p>At most {@code 4 x threads} files are in flight: a slow sink or a huge folder cannot pile up
 * results. With {@code ordered} the sink sees outcomes in input order (a command's output follows its
 * arguments); otherwise in completion order.
 */
public final class ImageBatchRunner {

    /** Files larger than this are refused before reading, so one stray video cannot exhaust the heap. */
    public static final long MAX_FILE_BYTES = ImageGuards.MAX_IMAGE_BYTES;

    /** How often an idle sink hears from the runner, so that it can flush by time. */
    private static final long IDLE_MILLIS = 100;

    /**
     * Settings of a run.
     *
     * @param threads worker threads, at least 1
     * @param ordered deliver outcomes in input order
     * @param hash    compute each read file's SHA-256 (the store's {@code content_hash})
     */
    public record Options(int threads, boolean ordered, boolean hash) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }
    }

    /** What to do with one image's bytes, on a worker thread, while its decoded size is reserved. */
    @FunctionalInterface
    public interface Work<R> {
        /**
         * @param header the header, parsed once; pass it to the decoder so it does not parse again
         * @throws ImageError when the image cannot be decoded or measured (the outcome is then failed)
         */
        R apply(CollectionScanner.Candidate candidate, byte[] data, ImageHeader header)
                throws ImageError, InterruptedException;
    }

    /** What to do with the bytes of one image held in memory, while its decoded size is reserved. */
    @FunctionalInterface
    public interface BytesWork<R> {
        /**
         * @param header the header, parsed once; pass it to the decoder so it does not parse again
         * @throws ImageError when the image cannot be decoded or measured
         */
        R apply(byte[] data, ImageHeader header) throws ImageError, InterruptedException;
    }

    /** Receives outcomes on the thread that called {@link #run}. */
    public interface Sink<R> {
        /** One file's outcome. An exception stops the run (files in flight are abandoned) and is rethrown. */
        void accept(ImageOutcome<R> outcome);

        /** Called while no outcome is ready, about every 100 ms: a store writer flushes by time here. */
        default void idle() {
        }
    }

    /** What a run did: outcomes by kind. */
    public record Totals(long done, long failed, long notImages) {
        /** Every file that was handled. */
        public long processed() {
            return done + failed + notImages;
        }
    }

    private final Options options;
    private final ImageDecoder decoder;
    private final MemoryBudget budget;
    private final StageTimes times = new StageTimes();

    /**
     * @param decoder parses each header (its memory estimate reserves the budget); the work decodes with it
     * @param budget  shared by every run of this process, so concurrent runs cannot exceed it together
     */
    public ImageBatchRunner(Options options, ImageDecoder decoder, MemoryBudget budget) {
        this.options = Objects.requireNonNull(options, "options");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** A runner on this process's shared {@link MemoryBudget#process() memory budget}. */
    public ImageBatchRunner(Options options, ImageDecoder decoder) {
        this(options, decoder, MemoryBudget.process());
    }

    /**
     * Where this runner's time went: it times reading, hashing and headers; the work and the sink add
     * their own stages (decode, features, store).
     */
    public StageTimes times() {
        return times;
    }

    /** The decoder the runner probes headers with. */
    public ImageDecoder decoder() {
        return decoder;
    }

    /**
     * Runs {@code work} over {@code inputs} and returns the totals once the sink has seen every outcome.
     *
     * @throws InterruptedException when the calling thread is interrupted; files in flight are abandoned
     */
    public <R> Totals run(Iterable<CollectionScanner.Candidate> inputs, Work<R> work, Sink<R> sink)
            throws InterruptedException {
        AtomicInteger workerNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "image-worker-" + workerNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int window = options.threads() * 4;
        LinkedBlockingQueue<Sequenced<R>> completed = new LinkedBlockingQueue<>();
        Map<Long, ImageOutcome<R>> waiting = new HashMap<>();
        long submitted = 0;
        long delivered = 0;
        long done = 0;
        long failed = 0;
        long notImages = 0;
        Iterator<CollectionScanner.Candidate> it = inputs.iterator();
        try {
            while (true) {
                while (it.hasNext() && submitted - delivered < window) {
                    CollectionScanner.Candidate c = it.next();
                    long seq = submitted++;
                    pool.execute(() -> completed.add(new Sequenced<>(seq, runSafely(c, work))));
                }
                if (delivered == submitted) {
                    break;
                }
                Sequenced<R> next = completed.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (next == null) {
                    sink.idle();
                    continue;
                }
                waiting.put(next.seq(), next.outcome());
                while (true) {
                    ImageOutcome<R> o = options.ordered() ? waiting.remove(delivered)
                            : waiting.isEmpty() ? null : waiting.remove(waiting.keySet().iterator().next());
                    if (o == null) {
                        break;
                    }
                    delivered++;
                    if (o instanceof ImageOutcome.Done<R>) {
                        done++;
                    } else if (o instanceof ImageOutcome.Failed<R>) {
                        failed++;
                    } else {
                        notImages++;
                    }
                    sink.accept(o);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Totals(done, failed, notImages);
    }

    private record Sequenced<R>(long seq, ImageOutcome<R> outcome) {
    }

    /** Never throws: the calling thread must hear about every file, or it waits for it forever. */
    private <R> ImageOutcome<R> runSafely(CollectionScanner.Candidate c, Work<R> work) {
        String hash = null;
        try {
            if (!c.regular()) {
                // Devices, pipes, sockets: reading could block or never end. Named or met in a folder, each
                // is reported (as a broken link is), never opened and never skipped without a line.
                return new ImageOutcome.Failed<>(c, new ImageError(ImageError.Kind.UNREADABLE,
                        "not a regular file (a pipe, device or socket); not read"), null);
            }
            long t = System.nanoTime();
            byte[] data = read(c);
            if (data == null) {
                return new ImageOutcome.NotImage<>(c);
            }
            t = times.since(StageTimes.Stage.READ, t);
            if (options.hash()) {
                hash = contentHash(data);
                t = times.since(StageTimes.Stage.HASH, t);
            }
            if (data.length == 0) {
                // After the hash: an empty file has one too (that of no bytes), like any file that was read.
                throw new ImageError(ImageError.Kind.EMPTY, "the file is empty (0 bytes)");
            }
            return new ImageOutcome.Done<>(c, ImageGuards.reserved(data, timedProbe(t), budget,
                    header -> work.apply(c, data, header)), hash);
        } catch (ImageError e) {
            return new ImageOutcome.Failed<>(c, e, hash);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ImageOutcome.Failed<>(c, new ImageError(ImageError.Kind.UNREADABLE, "interrupted"), hash);
        } catch (Throwable t) {
            return new ImageOutcome.Failed<>(c, unexpected(t), hash);
        }
    }

    /**
     * Measures one image already in memory (a request body, an application's bytes) on the calling thread,
     * under the guards a file gets: the {@link #MAX_FILE_BYTES} limit, one header parse, the shared memory
     * budget, and every failure typed. Thread-safe: any number of threads may call it at once.
     *
     * @throws ImageError for bad input; an interrupt while waiting for memory is {@code UNREADABLE}
     *                    ("interrupted") with the thread's interrupt flag set again
     */
    public <R> R measure(byte[] data, BytesWork<R> work) throws ImageError {
        Objects.requireNonNull(data, "data");
        return ImageGuards.measure(data, timedProbe(System.nanoTime()), budget, header -> work.apply(data, header));
    }

    /** The decoder's header parse, its time (since {@code started}) counted as this run's header stage. */
    private ImageGuards.HeaderProbe timedProbe(long started) {
        return data -> {
            ImageHeader header = decoder.probe(data);
            times.since(StageTimes.Stage.HEADER, started);
            return header;
        };
    }

    /** A failure no decoder typed: this image fails, never the run (nor, in a service, the process). */
    private static ImageError unexpected(Throwable t) {
        return ImageGuards.unexpected(t);
    }

    /** SHA-256 of the file's bytes in hex, as {@code sha256sum} prints it: finds the same picture under two paths. */
    static String contentHash(byte[] data) {
        return ImageGuards.contentHash(data);
    }

    /**
     * The file's bytes (none for an empty file), or null when a walk met a file that neither looks nor is
     * named like an image.
     */
    private static byte[] read(CollectionScanner.Candidate c) throws ImageError {
        try (InputStream in = Files.newInputStream(c.path())) {
            byte[] head = in.readNBytes(ImageSniffer.HEADER_BYTES);
            Optional<String> format = ImageSniffer.formatOf(head, head.length);
            if (format.isEmpty() && !c.named() && !ImageSniffer.hasImageExtension(c.path().toString())) {
                return null;
            }
            if (head.length == 0) {
                return head;
            }
            ImageGuards.requireWithinLimit(c.size(), "file");
            // One array of the file's size: readNBytes(max) would buffer it in pieces, then copy them
            // together and again behind the header, holding about three times a large file at its peak.
            byte[] all = Arrays.copyOf(head, (int) Math.max(head.length, c.size()));
            int filled = head.length + in.readNBytes(all, head.length, all.length - head.length);
            byte[] more = in.readNBytes((int) (MAX_FILE_BYTES - filled + 1));
            if (more.length == 0) {
                return filled == all.length ? all : Arrays.copyOf(all, filled);
            }
            // The file grew while being read: take what is there now, up to the limit.
            if (filled + (long) more.length > MAX_FILE_BYTES) {
                throw new ImageError(ImageError.Kind.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                        "file grew over the %d MB limit for one image while being read", MAX_FILE_BYTES >> 20));
            }
            byte[] grown = Arrays.copyOf(all, filled + more.length);
            System.arraycopy(more, 0, grown, filled, more.length);
            return grown;
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
