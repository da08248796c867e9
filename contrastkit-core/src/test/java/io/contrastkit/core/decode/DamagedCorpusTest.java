package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.Fixtures;
import io.contrastkit.core.ImageError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done means": a corpus of damaged files made here (truncations at many offsets and
 * seeded byte flips of JPEG, PNG, lossless and lossy WebP, TIFF, GIF and BMP), each decoded and
 * measured on both decoder paths, gives no ok result for a truncated file, never hangs, never
 * yields a non-finite feature, and fails only with the issue's kinds in one plain line.
 */
class DamagedCorpusTest {

    /** An undamaged fixture file. */
    private record Source(String name, byte[] data) {
    }

    /**
     * A damaged file.
     *
     * @param truncated cut short of data its format needs (not merely of trailing zeros)
     * @param flipped   complete, with bytes flipped
     */
    private record Sample(String label, byte[] data, boolean truncated, boolean flipped) {
    }

    private static final double[] CUTS = {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999};
    private static final int FLIP_SEEDS = 6;
    private static final long SECONDS_PER_DECODE = 10;
    private static final Set<ImageError.Kind> DAMAGE_KINDS = EnumSet.of(ImageError.Kind.TRUNCATED,
            ImageError.Kind.CORRUPT, ImageError.Kind.UNSUPPORTED_FORMAT, ImageError.Kind.TOO_MANY_PIXELS);

    private static ExecutorService worker;

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "damaged-corpus");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    static List<Source> sources() {
        return List.of(
                new Source("rocket.jpg", Fixtures.bytes("rocket.jpg")),
                new Source("progressive.jpg", decoding("progressive.jpg")),
                new Source("chelsea_small.png", decoding("chelsea_small.png")),
                new Source("gray_alpha.png", decoding("gray_alpha.png")),
                new Source("lossless.webp", decoding("lossless.webp")),
                new Source("lossy.webp", decoding("lossy.webp")),
                new Source("multipage.tif", decoding("multipage.tif")),
                new Source("gray16_predictor.tif", decoding("gray16_predictor.tif")),
                new Source("chessboard_GRAY_U16.tif", Fixtures.bytes("chessboard_GRAY_U16.tif")),
                new Source("no_time_for_that_tiny.gif", Fixtures.bytes("no_time_for_that_tiny.gif")),
                new Source("plain.bmp", decoding("plain.bmp")),
                new Source("palette4.bmp", decoding("palette4.bmp")));
    }

    /** Every cut of {@link #CUTS}, the file less its last byte, and {@link #FLIP_SEEDS} sets of 1-8 flipped bytes. */
    static List<Sample> corpus() {
        List<Sample> corpus = new ArrayList<>();
        for (Source s : sources()) {
            for (double f : CUTS) {
                int n = Math.max(1, (int) (s.data.length * f));
                corpus.add(new Sample(s.name + " cut to " + n + " bytes", Arrays.copyOf(s.data, n), cutsData(s.data, n),
                        false));
            }
            int last = s.data.length - 1;
            corpus.add(new Sample(s.name + " less its last byte", Arrays.copyOf(s.data, last),
                    cutsData(s.data, last), false));
            for (int seed = 0; seed < FLIP_SEEDS; seed++) {
                Random random = new Random(seed);
                byte[] flipped = s.data.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    // The first 16 bytes are the signature: flipped, the file is no longer this format at all.
                    int p = 16 + random.nextInt(flipped.length - 16);
                    flipped[p] ^= (byte) (1 + random.nextInt(255));
                }
                corpus.add(new Sample(s.name + " with " + flips + " bytes flipped (seed " + seed + ")", flipped, false, true));
            }
        }
        return corpus;
    }

    /**
     * Whether cutting the data to {@code n} bytes removes more than zeros: a TIFF may end in padding
     * after its last strip, which no reader needs (such a cut may be measured, or called TRUNCATED).
     */
    private static boolean cutsData(byte[] data, int n) {
        for (int i = n; i < data.length; i++) {
            if (data[i] != 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void damagedFilesAreNeverMeasuredWrongNeverHangAndFailWithTheIssuesKinds() throws Exception {
        List<Sample> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        ExtractionOptions options = ExtractionOptions.defaults();
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor(options);
        List<ImageDecoder> decoders = List.of(new ImageDecoder(options),
                new ImageDecoder(options, NativeDecoding.off("compared")));
        List<String> wrong = new ArrayList<>();
        int okFlips = 0;
        for (ImageDecoder decoder : decoders) {
            for (Sample sample : corpus) {
                String where = sample.label + " (" + decoder.codecs() + ")";
                Future<double[]> run = worker.submit(() -> extractor.extract(decoder.decode(sample.data)).toArray());
                try {
                    double[] features = run.get(SECONDS_PER_DECODE, TimeUnit.SECONDS);
                    if (sample.truncated) {
                        wrong.add(where + ": measured as good");
                    } else if (!Arrays.stream(features).allMatch(Double::isFinite)) {
                        wrong.add(where + ": non-finite features " + Arrays.toString(features));
                    } else if (sample.flipped) {
                        okFlips++;
                    }
                } catch (TimeoutException e) {
                    run.cancel(true);
                    throw new AssertionError(where + ": no answer within " + SECONDS_PER_DECODE + " s");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ImageError error)) {
                        wrong.add(where + ": threw " + e.getCause());
                        continue;
                    }
                    String reason = error.reason();
                    if (sample.truncated ? error.kind() != ImageError.Kind.TRUNCATED
                            : !DAMAGE_KINDS.contains(error.kind())) {
                        wrong.add(where + ": " + error);
                    } else if (reason.isBlank() || reason.contains("\n") || reason.contains("cannot be cast")
                            || reason.contains("numImages") || reason.contains("java.")) {
                        wrong.add(where + ": reason not in plain words: " + error);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        // Flips in pixel data go unnoticed (none of these formats checksums its pixels), but not all of them.
        assertThat(okFlips).isLessThan(2 * sources().size() * FLIP_SEEDS);
    }

    private static byte[] decoding(String name) {
        try {
            return Files.readAllBytes(DecodingTest.file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
