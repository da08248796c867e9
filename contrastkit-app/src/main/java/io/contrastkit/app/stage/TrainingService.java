package io.contrastkit.app.stage;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.cache.TensorCache;
import io.contrastkit.deep.cache.TensorCacheUpdate;
import io.contrastkit.deep.vae.EpochReport;
import io.contrastkit.deep.vae.TrainingListener;
import io.contrastkit.deep.vae.TrainingOptions;
import io.contrastkit.deep.vae.TrainingResult;
import io.contrastkit.deep.vae.VaeOptions;
import io.contrastkit.deep.vae.VaeTrainer;
import io.contrastkit.store.StoreSession;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The training stage: brings the store's tensor cache up to date, then trains a deep model on it. Every way
 * in (the {@code train} command today) calls this; it prints nothing and reports through a {@link ProgressSink}.
 */
public final class TrainingService {

    private TrainingService() {
    }

    /**
     * What to train and where.
     *
     * @param out      the run's directory: checkpoints and, at the end, {@code model/}
     * @param resume   continue the run checkpointed in {@code out}
     * @param model    the network and its loss
     * @param training epochs, batch size, seed, held-back share, patience
     * @param engine   device and threads
     */
    public record Options(Path out, boolean resume, VaeOptions model, TrainingOptions training, EngineOptions engine) {

        public Options {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(engine, "engine");
        }
    }

    /**
     * What a run did: the cache update before it and the training itself.
     *
     * @param cache    images decoded into the cache or reused from it, and those that could not be decoded
     * @param training epochs, losses, the saved model
     */
    public record Result(TensorCacheUpdate cache, TrainingResult training) {
    }

    /**
     * Trains a contrast VAE on every image of the store that the cache holds.
     *
     * @throws DeepException naming what is wrong (a run to resume or not, a GPU absent, the
     *                                           cache's size, a diverged run)
     */
    public static Result trainVae(Options options, StoreSession session, ProgressSink progress) {
        int size = options.model().imageSize();
        // Decoded once at S px beside the store; later runs (and other models) reuse it.
        progress.start("tensor cache", -1);
        TensorCacheUpdate update = TensorCache.update(session, size, ExtractionOptions.defaults(),
                done -> progress.advance(done, 0));
        progress.finish();
        progress.step(String.format(Locale.ROOT, "tensor cache %s: %d decoded, %d reused, %d failed",
                update.file(), update.decoded(), update.reused(), update.failures().size()));
        if (update.ids().length < 2) {
            throw new DeepException("the store holds " + update.ids().length
                    + " image(s) that could be decoded; training needs at least 2");
        }
        TrainingResult result;
        try (TensorCache cache = TensorCache.open(update.file(), size)) {
            VaeTrainer trainer = new VaeTrainer(options.engine(), options.model(), options.training());
            result = trainer.train(cache, update.ids(), FeatureSchema.V1.version(), options.out(), options.resume(),
                    new Listener(progress));
        }
        return new Result(update, result);
    }

    /** Each epoch is a counted phase over its batches; its losses and speed follow as a step. */
    private static final class Listener implements TrainingListener {

        private final ProgressSink progress;
        private int epoch;

        Listener(ProgressSink progress) {
            this.progress = progress;
        }

        @Override
        public void batchFinished(int epochNumber, int batch, int count) {
            if (epochNumber != epoch) {
                epoch = epochNumber;
                progress.start("epoch " + epochNumber, count);
            }
            progress.advance(batch, 0);
        }

        @Override
        public void epochFinished(EpochReport r) {
            progress.finish();
            progress.step(String.format(Locale.ROOT, "epoch %d/%d: train loss %.5f, held-back loss %.5f, %.1f images/s%s",
                    r.epoch(), r.epochs(), r.trainLoss(), r.heldBackLoss(), r.imagesPerSecond(),
                    r.best() ? " (best so far)" : ""));
        }
    }
}
