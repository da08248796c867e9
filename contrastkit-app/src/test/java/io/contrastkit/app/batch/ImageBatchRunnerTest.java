package io.contrastkit.app.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.app.TestImages;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.MemoryBudget;
import io.contrastkit.core.decode.NativeDecoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one image-batch runner: order, typed outcomes, the in-flight bound, and a sink that stops the run. */
class ImageBatchRunnerTest {

    @TempDir
    Path dir;

    private ImageBatchRunner runner(int threads, boolean ordered) {
        ExtractionOptions options = ExtractionOptions.defaults();
        return new ImageBatchRunner(new ImageBatchRunner.Options(threads, ordered, true),
                new ImageDecoder(options, NativeDecoding.off("test")), new MemoryBudget(64L << 20));
    }

    private List<CollectionScanner.Candidate> images(int n) {
        List<CollectionScanner.Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // sizes differ so that workers finish out of order
            out.add(CollectionScanner.Candidate.named(TestImages.write(dir.resolve("i" + i + ".png"),
                    8 + 17 * ((n - i) % 5), 8 + 13 * (i % 3), i, "png")));
        }
        return out;
    }

    @Test
    void orderedRunsHandOutcomesBackInInputOrder() throws Exception {
        List<CollectionScanner.Candidate> in = images(40);
        ImageBatchRunner r = runner(3, true);
        List<Path> seen = new ArrayList<>();
        ImageBatchRunner.Totals t = r.run(in, Measurement.work(r.decoder(), new ContrastFeatureExtractor()),
                o -> seen.add(o.candidate().path()));
        assertThat(seen).containsExactlyElementsOf(in.stream().map(CollectionScanner.Candidate::path).toList());
        assertThat(t).isEqualTo(new ImageBatchRunner.Totals(40, 0, 0));
    }

    @Test
    void eachFileGetsATypedOutcome() throws Exception {
        List<CollectionScanner.Candidate> in = new ArrayList<>(images(1));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");
        Path broken = Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        in.add(new CollectionScanner.Candidate(text, false, Files.size(text), 0, true)); // met in a walk
        in.add(CollectionScanner.Candidate.named(broken));
        in.add(CollectionScanner.Candidate.named(dir.resolve("missing.png")));
        in.add(new CollectionScanner.Candidate(dir.resolve("pipe"), true, 0, 0, false)); // a named FIFO
        ImageBatchRunner r = runner(2, true);
        List<ImageOutcome<?>> out = new ArrayList<>();
        ImageBatchRunner.Totals t = r.run(in, Measurement.work(r.decoder(), new ContrastFeatureExtractor()), out::add);
        assertThat(out.get(0)).isInstanceOf(ImageOutcome.Done.class);
        assertThat(((ImageOutcome.Done<?>) out.get(0)).contentHash()).hasSize(64);
        assertThat(out.get(1)).isInstanceOf(ImageOutcome.NotImage.class);
        assertThat(((ImageOutcome.Failed<?>) out.get(2)).error().kind()).isIn(ImageError.Kind.TRUNCATED, ImageError.Kind.CORRUPT);
        assertThat(((ImageOutcome.Failed<?>) out.get(2)).contentHash()).as("bytes were read").hasSize(64);
        assertThat(((ImageOutcome.Failed<?>) out.get(3)).error().kind()).isEqualTo(ImageError.Kind.UNREADABLE);
        assertThat(((ImageOutcome.Failed<?>) out.get(4)).error().reason()).contains("not a regular file");
        assertThat(t).isEqualTo(new ImageBatchRunner.Totals(1, 3, 1));
    }

    /** Issue 12 item 8: an empty file was stored with content_hash null. */
    @Test
    void anEmptyFileFailsAsEmptyWithTheHashOfNoBytes() throws Exception {
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        ImageBatchRunner r = runner(1, true);
        List<ImageOutcome<?>> out = new ArrayList<>();
        r.run(List.of(CollectionScanner.Candidate.named(empty)), Measurement.work(r.decoder(),
                new ContrastFeatureExtractor()), out::add);
        ImageOutcome.Failed<?> f = (ImageOutcome.Failed<?>) out.get(0);
        assertThat(f.error().kind()).isEqualTo(ImageError.Kind.EMPTY);
        assertThat(f.contentHash()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void atMostFourFilesPerThreadAreInFlight() throws Exception {
        List<CollectionScanner.Candidate> in = images(30);
        ImageBatchRunner r = runner(2, false);
        AtomicInteger started = new AtomicInteger();
        int[] maxAhead = new int[1];
        int[] delivered = new int[1];
        r.run(in, (c, data, header) -> {
            int s = started.incrementAndGet();
            synchronized (maxAhead) {
                maxAhead[0] = Math.max(maxAhead[0], s - delivered[0]);
            }
            return s;
        }, o -> {
            synchronized (maxAhead) {
                delivered[0]++;
            }
        });
        assertThat(maxAhead[0]).isBetween(1, 8);
    }

    @Test
    void aFailingSinkStopsTheRunAndItsErrorReachesTheCaller() {
        List<CollectionScanner.Candidate> in = images(20);
        ImageBatchRunner r = runner(2, true);
        int[] seen = new int[1];
        assertThatThrownBy(() -> r.run(in, (c, data, header) -> 1, o -> {
            if (++seen[0] == 3) {
                throw new IllegalStateException("disk full");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(seen[0]).isEqualTo(3);
    }

    @Test
    void optionsNameTheBadValue() {
        assertThatThrownBy(() -> new ImageBatchRunner.Options(0, true, false))
                .hasMessage("--threads must be >= 1, got 0");
    }
}
