package io.contrastkit.app.stage;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.cache.SquareImages;
import io.contrastkit.deep.vae.ContrastVae;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One image's embedding by a trained deep model, from its encoded bytes: decoded to the model's square
 * working image exactly as {@code embed} prepares the store's images through the tensor cache, then one
 * forward pass. Thread-safe; close it to free the models' native memory.
 *
 * <p>DJL's predictors, and a block's forward pass over one NDManager, are not thread-safe, and
 * {@link SquareImages} keeps a decoder per size: so each call borrows a copy of the model and its decoder
 * from a pool, loaded the first time a thread finds none free, at most {@code copies} in all (the
 * service's worker count). A contrast VAE's weights are small (tens to hundreds of KB), so a copy per
 * worker costs less than serialising the workers on one.
 */
public final class ImageEmbedder implements AutoCloseable {

    /** What one image's embedding is: the model's id and its {@code mu}. */
    public record Embedding(String modelId, float[] vector) {

        public Embedding {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(vector, "vector");
        }

        /** Values in the vector. */
        public int size() {
            return vector.length;
        }
    }

    /** A loaded model and the decoder that prepares its input, used by one thread at a time. */
    private record Copy(ContrastVae vae, SquareImages squares) {
    }

    private final Path dir;
    private final EngineOptions engine;
    private final String modelId;
    private final int size;
    private final int imageSize;
    private final BlockingQueue<Copy> idle;
    private final List<Copy> all = new ArrayList<>();
    private final int copies;
    private boolean closed;

    private ImageEmbedder(Path dir, EngineOptions engine, int copies, Copy first) {
        this.dir = dir;
        this.engine = engine;
        this.copies = copies;
        this.modelId = first.vae().descriptor().id();
        this.size = first.vae().latentSize();
        this.imageSize = first.vae().descriptor().imageSize();
        this.idle = new ArrayBlockingQueue<>(copies);
        all.add(first);
        idle.add(first);
    }

    /**
     * Loads the model in {@code modelDir} (a directory {@code train vae} saved, {@code <run>/model}).
     *
     * @param copies the most threads that embed at once (a copy of the model each), at least 1
     * @throws DeepException naming the directory when it holds no model this version reads, or libtorch
     *                       cannot start
     */
    public static ImageEmbedder open(Path modelDir, EngineOptions engine, int copies) {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(engine, "engine");
        if (copies < 1) {
            throw new IllegalArgumentException("copies is " + copies + ", must be >= 1");
        }
        return new ImageEmbedder(modelDir, engine, copies, load(modelDir, engine));
    }

    private static Copy load(Path dir, EngineOptions engine) {
        ContrastVae vae = ContrastVae.load(dir, engine);
        // The options embed gives the tensor cache (EmbeddingService): the same decode, so the same pixels.
        return new Copy(vae, new SquareImages(vae.descriptor().imageSize(), ExtractionOptions.defaults()));
    }

    /** The model's id, the key of its embeddings in the store. */
    public String modelId() {
        return modelId;
    }

    /** Values per embedding. */
    public int size() {
        return size;
    }

    /** The side of the square image the model reads. */
    public int imageSize() {
        return imageSize;
    }

    /** Where the model was loaded from. */
    public Path modelDir() {
        return dir;
    }

    /**
     * The embedding of one encoded image, computed on the calling thread (waiting for a free copy of the
     * model when {@code copies} threads are already embedding).
     *
     * @throws ImageError when the bytes are not an image contrastkit can decode
     */
    public Embedding embed(byte[] image) throws ImageError {
        Objects.requireNonNull(image, "image");
        Copy c = borrow();
        try {
            float[] pixels = c.squares().channelsFirst(image);
            return new Embedding(modelId, c.vae().embed(pixels, 1)[0]);
        } finally {
            idle.add(c);
        }
    }

    private Copy borrow() {
        Copy c = idle.poll();
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the embedder of model " + dir + " is closed");
            }
            if (all.size() < copies) {
                Copy fresh = load(dir, engine);
                all.add(fresh);
                return fresh;
            }
        }
        try {
            // Bounded: a copy comes back as soon as its forward pass ends (milliseconds).
            while (true) {
                c = idle.poll(1, TimeUnit.SECONDS);
                if (c != null) {
                    return c;
                }
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("the embedder of model " + dir + " is closed");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a copy of model " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Copy c : all) {
            c.vae().close();
        }
    }

    @Override
    public String toString() {
        return "ImageEmbedder[" + modelId + ", " + dir + "]";
    }
}
