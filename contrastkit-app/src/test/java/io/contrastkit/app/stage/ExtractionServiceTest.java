package io.contrastkit.app.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.app.TestImages;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.store.StoreSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extraction service without a command line: result record, progress sink, incremental re-runs. */
class ExtractionServiceTest {

    @TempDir
    Path dir;

    /** Records what a service reports, in order. */
    static final class Recorder implements ProgressSink {
        final List<String> events = new ArrayList<>();
        long lastDone = -1;

        @Override
        public void start(String phase, long total) {
            events.add("start " + phase + " " + total);
        }

        @Override
        public void advance(long done, long failed) {
            assertThat(done).isGreaterThan(lastDone);
            lastDone = done;
        }

        @Override
        public void finish() {
            events.add("finish");
        }
    }

    @Test
    void measuresIntoTheStoreAndSkipsUnchangedFilesTheSecondTime() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 5; i++) {
            TestImages.write(photos.resolve("p" + i + ".png"), 24 + i, 20, i, "png");
        }
        Files.write(photos.resolve("bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        Files.writeString(photos.resolve("notes.txt"), "not an image");
        var request = new ExtractionService.Request(List.of(photos.toString()), ExtractionOptions.defaults(), 2, false, 2);
        Recorder progress = new Recorder();
        ExtractionService.Result first;
        try (StoreSession s = StoreSession.open(dir.resolve("s.duckdb"), FeatureSchema.V1, StoreSession.Access.CREATE)) {
            first = ExtractionService.extract(request, s, progress);
        }
        assertThat(first.ok()).isEqualTo(5);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.notImages()).isEqualTo(1);
        assertThat(first.store().ok()).isEqualTo(5);
        assertThat(first.store().failed()).isEqualTo(1);
        assertThat(first.problems()).isEmpty();
        assertThat(progress.events).containsExactly("start extract 7", "finish");
        assertThat(progress.lastDone).isEqualTo(7);

        ExtractionService.Result second;
        try (StoreSession s = StoreSession.open(dir.resolve("s.duckdb"), FeatureSchema.V1, StoreSession.Access.CREATE)) {
            second = ExtractionService.extract(request, s, ProgressSink.NONE);
        }
        // the failed row is unchanged too: it is retried only when its file changes
        assertThat(second.unchanged()).isEqualTo(6);
        assertThat(second.ok() + second.failed()).isZero();
        assertThat(second.store()).isEqualTo(first.store());
    }

    @Test
    void aRequestNamesItsBadValue() {
        assertThatThrownBy(() -> new ExtractionService.Request(List.of("x"), ExtractionOptions.defaults(), 0, false, 1))
                .hasMessage("--threads must be >= 1, got 0");
        assertThatThrownBy(() -> new ExtractionService.Request(List.of("x"), ExtractionOptions.defaults(), 1, false, 0))
                .hasMessage("--batch-rows must be >= 1, got 0");
        assertThatThrownBy(() -> new ExtractionService.Request(List.of(), ExtractionOptions.defaults(), 1, false, 1))
                .hasMessage("extract needs at least one PATH");
    }
}
