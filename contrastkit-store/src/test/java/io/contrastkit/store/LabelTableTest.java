package io.contrastkit.store;

import static io.contrastkit.core.FeatureSchema.V1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One image's label read alone agrees with the full list, for human and propagated labels and none. */
class LabelTableTest {

    @TempDir
    Path dir;

    @Test
    void oneImagesLabelIsTheOneTheListHolds() {
        Path file = dir.resolve("s.duckdb");
        try (StoreSession s = StoreSession.open(file, V1, StoreSession.Access.CREATE)) {
            s.features().write(List.of(FeatureStoreTest.ok("/a.jpg", 1), FeatureStoreTest.ok("/b.jpg", 2),
                    FeatureStoreTest.ok("/c.jpg", 3)));
            LabelTable labels = s.labels();
            long a = labels.imageId("/a.jpg").orElseThrow();
            long b = labels.imageId("/b.jpg").orElseThrow();
            long c = labels.imageId("/c.jpg").orElseThrow();
            assertThat(labels.label(a)).isEmpty();
            labels.putHuman(a, "flat");
            labels.replacePropagated(List.of(new LabelTable.Prediction(a, "punchy", 0.9),
                    new LabelTable.Prediction(b, "punchy", 0.75)));
            for (long id : new long[] {a, b, c}) {
                assertThat(labels.label(id)).isEqualTo(
                        labels.labels().stream().filter(l -> l.imageId() == id).findFirst());
            }
            assertThat(labels.label(a).orElseThrow().label()).isEqualTo("flat");
            assertThat(labels.label(a).orElseThrow().source()).isEqualTo(LabelTable.Source.HUMAN);
            assertThat(labels.label(b).orElseThrow().source()).isEqualTo(LabelTable.Source.PROPAGATED);
            assertThat(labels.label(b).orElseThrow().confidence()).isEqualTo(0.75);
            assertThat(labels.label(c)).isEmpty();
            assertThat(labels.label(-1)).isEmpty();
        }
        try (StoreSession s = StoreSession.read(file, V1)) {
            assertThat(s.labels().label(s.labels().imageId("/a.jpg").orElseThrow()).orElseThrow().path())
                    .isEqualTo("/a.jpg");
        }
    }
}
