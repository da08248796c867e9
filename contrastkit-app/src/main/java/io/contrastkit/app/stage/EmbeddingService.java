package io.contrastkit.app.stage;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.cache.TensorCache;
import io.contrastkit.deep.cache.TensorCacheUpdate;
import io.contrastkit.deep.vae.ContrastVae;
import io.contrastkit.store.EmbeddingTable;
import io.contrastkit.store.StoreSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The embedding stage: a trained deep model's embedding of every image the store's tensor cache holds, written
 * into the store under the model's id (replacing that model's earlier embeddings). Prints nothing.
 */
public final class EmbeddingService {

    /** Images embedded between two progress reports. */
    private static final int CHUNK = 1024;

    private EmbeddingService() {
    }

    /**
     * @param modelDir a model directory as {@code train vae} saved it ({@code <run>/model})
     * @param batch    images per forward pass
     * @param engine   device and threads
     */
    public record Options(Path modelDir, int batch, EngineOptions engine) {

        public Options {
            Objects.requireNonNull(modelDir, "modelDir");
            Objects.requireNonNull(engine, "engine");
            if (batch < 1) {
                throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
            }
        }
    }

    /**
     * What was embedded.
     *
     * @param modelId the model's id, the key of its embeddings in the store
     * @param size    values per embedding
     * @param rows    images embedded
     * @param cache   the tensor cache update before embedding (images decoded, reused, failed)
     */
    public record Result(String modelId, int size, int rows, TensorCacheUpdate cache) {
    }

    /**
     * Embeds the store's images with the model in {@code options.modelDir()}.
     *
     * @throws DeepException naming the directory when it holds no model this version reads
     */
    public static Result embed(Options options, StoreSession session, ProgressSink progress) {
        try (ContrastVae vae = ContrastVae.load(options.modelDir(), options.engine())) {
            int size = vae.descriptor().imageSize();
            progress.start("tensor cache", -1);
            TensorCacheUpdate update = TensorCache.update(session, size, ExtractionOptions.defaults(),
                    done -> progress.advance(done, 0));
            progress.finish();
            long[] ids = update.ids();
            List<EmbeddingTable.Row> rows = new ArrayList<>(ids.length);
            try (TensorCache cache = TensorCache.open(update.file(), size)) {
                progress.start("embed", ids.length);
                for (int from = 0; from < ids.length; from += CHUNK) {
                    long[] chunk = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK));
                    float[][] e = vae.embed(cache, chunk, options.batch());
                    for (int i = 0; i < chunk.length; i++) {
                        rows.add(new EmbeddingTable.Row(chunk[i], e[i]));
                    }
                    progress.advance(from + chunk.length, 0);
                }
                progress.finish();
            }
            String id = vae.descriptor().id();
            session.embeddings().replace(id, options.modelDir().toAbsolutePath().normalize().toString(),
                    vae.latentSize(), rows);
            return new Result(id, vae.latentSize(), rows.size(), update);
        }
    }
}
