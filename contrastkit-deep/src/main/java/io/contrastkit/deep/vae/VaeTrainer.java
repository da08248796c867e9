package io.contrastkit.deep.vae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.Engines;
import io.contrastkit.deep.Seeds;
import io.contrastkit.deep.cache.TensorBatch;
import io.contrastkit.deep.cache.TensorBatches;
import io.contrastkit.deep.cache.TensorCache;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Trains a {@link ContrastVae} on cached images: seeded split, batches and noise, a checkpoint per epoch that
 * a later run resumes from, early stopping on the held-back split, and the best epoch saved as the model.
 *
 * <p>The output directory holds {@code checkpoints/epoch-NNNN/} (the last finished epoch: weights, Adam's
 * moments, the best weights so far, state) and, once training ends, {@code model/} (DJL's {@code Model.save}
 * of the best weights plus {@code model.json}). Both are written to a temporary folder and renamed into place,
 * so a crash leaves the previous checkpoint whole.
 */
public final class VaeTrainer {

    private static final long SPLIT = 0x53504c49L;
    private static final long NOISE = 0x4e4f4953L;
    private static final long INIT = 0x494e4954L;
    /** Batches are filled ahead on a background thread. */
    private static final boolean IN_BACKGROUND = true;

    private final EngineOptions engine;
    private final VaeOptions options;
    private final TrainingOptions training;

    public VaeTrainer(EngineOptions engine, VaeOptions options, TrainingOptions training) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.options = Objects.requireNonNull(options, "options");
        this.training = Objects.requireNonNull(training, "training");
    }

    /**
     * Trains on the cached images {@code ids} and saves the model under {@code out/model}.
     *
     * @param featureVersion the store's feature version, recorded in the descriptor
     * @param resume         continue from the last checkpoint in {@code out} (which must exist and match these
     *                       options); false refuses an {@code out} that holds an earlier run's checkpoints
     * @throws DeepException naming the directory or option on a mismatch, and naming files on IO failures
     */
    public TrainingResult train(TensorCache cache, long[] ids, String featureVersion, Path out, boolean resume,
                                TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (cache.imageSize() != options.imageSize()) {
            throw new DeepException("tensor cache " + cache.file() + " holds " + cache.imageSize() + " px images; the"
                    + " model is for " + options.imageSize() + " px (--image-size)");
        }
        if (ids.length < 2) {
            throw new DeepException("training needs at least 2 cached images, got " + ids.length);
        }
        Path modelDir = out.resolve("model");
        if (Files.exists(modelDir)) {
            throw new DeepException(out + " already holds a trained model (" + modelDir + "); choose another --out"
                    + " or delete it");
        }
        Checkpoints checkpoints = new Checkpoints(out.resolve("checkpoints"));
        Checkpoints.Saved last = checkpoints.latest();
        if (!resume && last != null) {
            throw new DeepException(out + " holds checkpoints of an earlier run (up to epoch " + last.state().epoch()
                    + "); pass --resume to continue it, or choose another --out");
        }
        if (resume && last == null) {
            throw new DeepException("--resume: " + out + " holds no checkpoint to resume from");
        }
        Engines.start(engine);
        int[][] split = split(cache, ids);
        int[] train = split[0];
        int[] held = split[1];
        try (Model model = Model.newInstance(ContrastVae.WEIGHTS, Device.cpu(), Engines.PYTORCH)) {
            NDManager manager = model.getNDManager();
            VaeBlock block = new VaeBlock(options);
            model.setBlock(block);
            seedWeights(block);
            block.initialize(manager, DataType.FLOAT32, ContrastVae.inputShape(options.imageSize()));
            Adam adam = new Adam(block.getParameters(), manager, options.learningRate());
            List<EpochReport> history = new ArrayList<>();
            int bestEpoch = 0;
            double bestLoss = Double.POSITIVE_INFINITY;
            int stale = 0;
            int resumedAfter = 0;
            if (last != null) {
                CheckpointState s = last.state();
                s.requireCompatible(options, training, last.dir());
                readWeights(block, manager, last.dir().resolve(Checkpoints.WEIGHTS));
                adam.restore(manager, Files.readAllBytes(last.dir().resolve(Checkpoints.MOMENTS)), s.steps());
                history.addAll(s.history());
                bestEpoch = s.bestEpoch();
                bestLoss = s.bestLoss();
                stale = s.stale();
                resumedAfter = s.epoch();
            }
            VaeLoss loss = new VaeLoss(options);
            boolean stoppedEarly = stale >= training.patience() && held.length > 0;
            for (int epoch = resumedAfter + 1; epoch <= training.epochs() && !stoppedEarly; epoch++) {
                long start = System.nanoTime();
                double sum = 0;
                int seen = 0;
                ParameterStore store = new ParameterStore(manager, false);
                try (TensorBatches batches = new TensorBatches(cache, train, training.batchSize(), true,
                        training.seed(), epoch, IN_BACKGROUND, true)) {
                    int batchCount = batches.batches();
                    for (TensorBatch b : batches) {
                        sum += step(block, store, manager, loss, adam, b, epoch) * b.size();
                        seen += b.size();
                        listener.batchFinished(epoch, b.index() + 1, batchCount);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double trainLoss = sum / seen;
                double heldLoss = held.length == 0 ? Double.NaN : evaluate(block, manager, loss, cache, held);
                double judged = held.length == 0 ? trainLoss : heldLoss;
                boolean best = judged < bestLoss;
                if (best) {
                    bestLoss = judged;
                    bestEpoch = epoch;
                    stale = 0;
                } else {
                    stale++;
                }
                EpochReport report = new EpochReport(epoch, training.epochs(), trainLoss, heldLoss,
                        seen / Math.max(seconds, 1e-9), best);
                history.add(report);
                stoppedEarly = held.length > 0 && stale >= training.patience() && epoch < training.epochs();
                CheckpointState state = new CheckpointState(epoch, adam.steps(), bestEpoch, bestLoss, stale, options,
                        training.seed(), training.batchSize(), training.holdOut(), history);
                checkpoints.write(state, dir -> writeWeights(block, dir.resolve(Checkpoints.WEIGHTS)),
                        dir -> Files.write(dir.resolve(Checkpoints.MOMENTS), adam.encodeMoments()), best);
                listener.epochFinished(report);
            }
            // The saved model holds the best epoch's weights, not necessarily the last one's.
            Checkpoints.Saved finalState = checkpoints.latest();
            readWeights(block, manager, finalState.dir().resolve(Checkpoints.BEST));
            String id = save(model, block, modelDir, featureVersion, bestEpoch, history.size());
            return new TrainingResult(modelDir, id, resumedAfter, history, bestEpoch, stoppedEarly, train.length,
                    held.length);
        } catch (IOException e) {
            throw new DeepException("training into " + out + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * One Adam step on one batch; returns the batch's mean loss. Every array it makes dies with its scope.
     *
     * @throws DeepException naming the epoch and batch when the loss or a gradient is not finite (the weights
     *                       stay as they were): the run diverged
     */
    @SuppressWarnings("try") // the NDScope is there to be closed: it frees every array made inside it
    private double step(VaeBlock block, ParameterStore store, NDManager manager, VaeLoss loss, Adam adam,
                        TensorBatch b, int epoch) {
        int s = options.imageSize();
        int latent = options.latentSize();
        float[] eps = new float[b.size() * latent];
        Random noise = new Random(Seeds.derive(training.seed(), NOISE, epoch, b.index()));
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) noise.nextGaussian();
        }
        String failure;
        try (NDScope scope = new NDScope()) {
            NDArray x = Tensors.owned(manager, b.pixels(), new Shape(b.size(), 3, s, s));
            NDArray e = Tensors.owned(manager, eps, new Shape(b.size(), latent));
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList outputs = block.forward(store, new NDList(x, e), true);
                NDArray total = loss.compute(x, outputs.get(0), outputs.get(1), outputs.get(2)).total();
                collector.backward(total);
                value = total.getFloat();
            }
            if (Float.isFinite(value)) {
                try {
                    adam.step();
                    return value;
                } catch (IllegalStateException ex) {
                    failure = ex.getMessage();
                }
            } else {
                failure = "the loss became " + value;
            }
        }
        throw new DeepException(failure + " in epoch " + epoch + ", batch " + (b.index() + 1)
                + "; lower the learning rate (now " + options.learningRate() + ")");
    }

    /** Mean loss over {@code slots} with z = mu (no noise), so the judgement of an epoch is repeatable. */
    @SuppressWarnings("try") // as in step: the NDScope frees the batch's arrays
    private double evaluate(VaeBlock block, NDManager manager, VaeLoss loss, TensorCache cache, int[] slots) {
        int s = options.imageSize();
        double sum = 0;
        ParameterStore store = new ParameterStore(manager, false);
        try (TensorBatches batches = new TensorBatches(cache, slots, training.batchSize(), false, 0, 0, IN_BACKGROUND)) {
            for (TensorBatch b : batches) {
                try (NDScope scope = new NDScope()) {
                    NDArray x = Tensors.owned(manager, b.pixels(), new Shape(b.size(), 3, s, s));
                    NDArray e = manager.zeros(new Shape(b.size(), options.latentSize()));
                    NDList outputs = block.forward(store, new NDList(x, e), false);
                    sum += loss.compute(x, outputs.get(0), outputs.get(1), outputs.get(2)).total().getFloat()
                            * b.size();
                }
            }
        }
        return sum / slots.length;
    }

    /** Training and held-back cache slots: a seeded shuffle of {@code ids}, the held-back share taken first. */
    private int[][] split(TensorCache cache, long[] ids) {
        Map<Long, Integer> slots = cache.slotsById();
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        Random random = new Random(Seeds.derive(training.seed(), SPLIT, 0));
        for (int i = sorted.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        int held = training.holdOut() == 0 ? 0
                : (int) Math.max(1, Math.min(sorted.length - 1, Math.round(training.holdOut() * sorted.length)));
        int[] heldSlots = new int[held];
        int[] trainSlots = new int[sorted.length - held];
        for (int i = 0; i < sorted.length; i++) {
            Integer slot = slots.get(sorted[i]);
            if (slot == null) {
                throw new DeepException("image id " + sorted[i] + " is not in tensor cache " + cache.file()
                        + "; update the cache first");
            }
            if (i < held) {
                heldSlots[i] = slot;
            } else {
                trainSlots[i - held] = slot;
            }
        }
        return new int[][] {trainSlots, heldSlots};
    }

    /**
     * Initial weights from the run's seed, not from PyTorch's process-wide generator: He-uniform,
     * +-sqrt(6 / fan-in), for the ReLU layers (and the heads, which read ReLU outputs), biases zero. Set as the
     * blocks' initializers before {@code initialize}, so each array is made once, in memory PyTorch owns.
     */
    private void seedWeights(VaeBlock block) {
        int[] calls = {0};
        block.setInitializer((manager, shape, type) -> {
            float[] values = new float[Math.toIntExact(shape.size())];
            long fanIn = shape.size() / shape.get(0);
            double bound = Math.sqrt(6.0 / fanIn);
            // Initialisation visits parameters in the block's fixed order, so the call count names the parameter.
            Random random = new Random(Seeds.derive(training.seed(), INIT, calls[0]++));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            return Tensors.owned(manager, values, shape);
        }, Parameter.Type.WEIGHT);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    }

    static void writeWeights(VaeBlock block, Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file));
             DataOutputStream out = new DataOutputStream(os)) {
            block.saveParameters(out);
        }
    }

    static void readWeights(VaeBlock block, NDManager manager, Path file) throws IOException {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(is)) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new DeepException("checkpoint weights " + file + " do not fit this model: " + e.getMessage(), e);
        }
        // Loaded arrays are new leaves: training must see them as such.
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** {@code Model.save} into a fresh folder (it never overwrites), the descriptor beside it, then renamed. */
    private String save(Model model, VaeBlock block, Path modelDir, String featureVersion, int bestEpoch,
                        int epochsRun) throws IOException {
        Path tmp = Files.createTempDirectory(modelDir.getParent(), ".model-");
        model.save(tmp, ContrastVae.WEIGHTS);
        String id;
        try (var files = Files.list(tmp)) {
            Path weights = files.filter(f -> f.getFileName().toString().endsWith(".params")).findFirst()
                    .orElseThrow(() -> new DeepException("Model.save wrote no weights into " + tmp));
            id = "vae-" + HexFormat.of().formatHex(sha256(Files.readAllBytes(weights))).substring(0, 12);
        }
        Engine e = Engine.getEngine(Engines.PYTORCH);
        new VaeDescriptor(VaeDescriptor.KIND, VaeDescriptor.FORMAT_VERSION, id, featureVersion, options.imageSize(),
                options.latentSize(), options, training, bestEpoch, epochsRun,
                e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ")").write(tmp);
        Files.move(tmp, modelDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
