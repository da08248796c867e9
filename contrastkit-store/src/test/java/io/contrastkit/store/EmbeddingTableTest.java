package io.contrastkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.FeatureSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings round-trip exactly, a model's rows are replaced as a whole, bad vectors and read-only writes are refused. */
class EmbeddingTableTest {

    private static final FeatureSchema V1 = FeatureSchema.V1;

    @TempDir
    Path dir;

    @Test
    void embeddingsRoundTripExactlyAndAModelIsReplacedWhole() {
        Path file = dir.resolve("s.duckdb");
        float[] a = {0.5f, -1.25f, Float.MIN_VALUE, 3.4028235e38f};
        float[] b = {1f, 2f, 3f, 4f};
        try (StoreSession s = StoreSession.open(file, V1, StoreSession.Access.CREATE)) {
            assertThat(s.embeddings().models()).isEmpty();
            s.embeddings().replace("vae-1", "/runs/a/model", 4, List.of(new EmbeddingTable.Row(7, a),
                    new EmbeddingTable.Row(3, b)));
            s.embeddings().replace("vae-2", null, 4, List.of(new EmbeddingTable.Row(7, b)));
            s.embeddings().replace("vae-1", "/runs/a/model", 4, List.of(new EmbeddingTable.Row(7, a)));
        }
        try (StoreSession s = StoreSession.open(file, V1, StoreSession.Access.READ)) {
            List<EmbeddingTable.Row> rows = s.embeddings().read("vae-1");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).imageId()).isEqualTo(7);
            assertThat(rows.get(0).vector()).containsExactly(a);
            assertThat(s.embeddings().read("vae-2").get(0).vector()).containsExactly(b);
            assertThat(s.embeddings().read("none")).isEmpty();
            assertThat(s.embeddings().models()).extracting(EmbeddingTable.ModelEntry::modelId)
                    .containsExactly("vae-1", "vae-2");
            EmbeddingTable.ModelEntry m = s.embeddings().models().get(0);
            assertThat(m.size()).isEqualTo(4);
            assertThat(m.rows()).isEqualTo(1);
            assertThat(m.modelDir()).isEqualTo("/runs/a/model");
            assertThatThrownBy(() -> s.embeddings().replace("vae-1", null, 4, List.of()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void aVectorOfTheWrongSizeOrNotFiniteIsRefusedNamingTheImageAndNothingIsWritten() {
        try (StoreSession s = StoreSession.open(dir.resolve("s.duckdb"), V1, StoreSession.Access.CREATE)) {
            assertThatThrownBy(() -> s.embeddings().replace("vae-1", null, 3,
                    List.of(new EmbeddingTable.Row(1, new float[] {1, 2, 3}), new EmbeddingTable.Row(2, new float[] {1}))))
                    .hasMessageContaining("image 2").hasMessageContaining("1 values").hasMessageContaining("makes 3");
            assertThatThrownBy(() -> s.embeddings().replace("vae-1", null, 2,
                    List.of(new EmbeddingTable.Row(5, new float[] {1, Float.NaN}))))
                    .hasMessageContaining("image 5").hasMessageContaining("NaN");
            assertThat(s.embeddings().read("vae-1")).isEmpty();
            assertThat(s.embeddings().models()).isEmpty();
        }
    }
}
