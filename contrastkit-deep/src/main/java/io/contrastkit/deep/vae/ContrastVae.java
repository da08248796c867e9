package io.contrastkit.deep.vae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.Engines;
import io.contrastkit.deep.cache.TensorBatch;
import io.contrastkit.deep.cache.TensorBatches;
import io.contrastkit.deep.cache.TensorCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A trained contrast VAE, loaded from its directory: maps images to their embedding ({@code mu}). */
public final class ContrastVae implements AutoCloseable {

    /** The weights' name inside the model directory ({@code contrast-vae-0000.params}). */
    static final String WEIGHTS = "contrast-vae";

    private final Path dir;
    private final VaeDescriptor descriptor;
    private final Model model;
    private final VaeBlock block;

    private ContrastVae(Path dir, VaeDescriptor descriptor, Model model, VaeBlock block) {
        this.dir = dir;
        this.descriptor = descriptor;
        this.model = model;
        this.block = block;
    }

    /**
     * Loads the model in {@code dir} (as {@link VaeTrainer} saved it).
     *
     * @throws DeepException naming the directory when it holds no model, another kind or version, or broken weights
     */
    public static ContrastVae load(Path dir, EngineOptions engine) {
        // The descriptor first: a directory that holds no model is refused without starting libtorch.
        VaeDescriptor d = VaeDescriptor.read(dir);
        Engines.start(engine);
        Model model = Model.newInstance(WEIGHTS, Device.cpu(), Engines.PYTORCH);
        try {
            VaeBlock block = new VaeBlock(d.options());
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape(d.imageSize()));
            model.load(dir, WEIGHTS);
            return new ContrastVae(dir, d, model, block);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new DeepException("cannot load the weights of model " + dir + ": " + e.getMessage(), e);
        }
    }

    static Shape inputShape(int imageSize) {
        return new Shape(1, 3, imageSize, imageSize);
    }

    /** Where it was loaded from. */
    public Path dir() {
        return dir;
    }

    /** Its descriptor (id, sizes, options, training). */
    public VaeDescriptor descriptor() {
        return descriptor;
    }

    /** Size of each embedding. */
    public int latentSize() {
        return descriptor.latentSize();
    }

    /**
     * Embeds {@code n} images given as in {@link TensorBatch#pixels()} (3 x S x S floats in [0, 1] each).
     *
     * @return one embedding per image, newly allocated
     */
    public float[][] embed(float[] pixels, int n) {
        int s = descriptor.imageSize();
        if (pixels.length != n * 3 * s * s) {
            throw new IllegalArgumentException(pixels.length + " floats are not " + n + " images of 3x" + s + "x" + s);
        }
        return embed(block, model.getNDManager(), pixels, n, s, descriptor.latentSize());
    }

    /** Embeds the cached images {@code ids}, in that order, {@code batchSize} at a time. */
    public float[][] embed(TensorCache cache, long[] ids, int batchSize) {
        if (cache.imageSize() != descriptor.imageSize()) {
            throw new DeepException("tensor cache " + cache.file() + " holds " + cache.imageSize() + " px images, model "
                    + dir + " takes " + descriptor.imageSize() + " px");
        }
        Map<Long, Integer> slots = cache.slotsById();
        int[] order = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Integer slot = slots.get(ids[i]);
            if (slot == null) {
                throw new DeepException("image id " + ids[i] + " is not in tensor cache " + cache.file());
            }
            order[i] = slot;
        }
        float[][] out = new float[ids.length][];
        int at = 0;
        try (TensorBatches batches = new TensorBatches(cache, order, batchSize, false, 0, 0, false)) {
            for (TensorBatch b : batches) {
                float[][] e = embed(b.pixels(), b.size());
                System.arraycopy(e, 0, out, at, e.length);
                at += e.length;
            }
        }
        return out;
    }

    static float[][] embed(VaeBlock block, NDManager parent, float[] pixels, int n, int s, int latent) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = Tensors.owned(m, pixels, new Shape(n, 3, s, s));
            NDArray mu = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            float[] flat = mu.toFloatArray();
            float[][] out = new float[n][latent];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * latent, out[i], 0, latent);
            }
            return out;
        }
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "ContrastVae[" + descriptor.id() + ", " + dir + "]";
    }
}
