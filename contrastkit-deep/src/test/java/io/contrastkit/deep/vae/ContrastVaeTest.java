package io.contrastkit.deep.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.deep.DeepException;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.Engines;
import io.contrastkit.deep.TestStores;
import io.contrastkit.deep.cache.TensorCache;
import io.contrastkit.deep.cache.TensorCacheUpdate;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAE on 24 generated images at 16 px, a narrow network, CPU, one thread (so results are bit-repeatable). */
class ContrastVaeTest {

    private static final EngineOptions CPU1 = new EngineOptions(EngineOptions.Device.CPU, 1);
    private static final VaeOptions TINY = VaeOptions.defaults(16).withChannels(4).withLatentSize(6)
            .withLearningRate(3e-3);
    private static final TrainingOptions SHORT = TrainingOptions.defaults().withEpochs(3).withBatchSize(8)
            .withHoldOut(0.25).withPatience(50);
    private static final String V1 = FeatureSchema.V1.version();

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static TensorCache cache;
    private static long[] ids;

    @BeforeAll
    static void cacheImages() {
        Path store = TestStores.generated(shared.resolve("images"), 24, 32, 24, 11);
        TensorCacheUpdate u;
        try (StoreSession s = StoreSession.read(store, FeatureSchema.V1)) {
            u = TensorCache.update(s, 16, ExtractionOptions.defaults(), seen -> { });
        }
        cache = TensorCache.open(u.file(), 16);
        ids = u.ids();
    }

    @AfterAll
    static void closeCache() {
        cache.close();
    }

    private static TrainingResult train(VaeOptions o, TrainingOptions t, Path out, boolean resume,
                                        TrainingListener listener) {
        return new VaeTrainer(CPU1, o, t).train(cache, ids, V1, out, resume, listener);
    }

    private static float[][] embed(Path modelDir) {
        try (ContrastVae vae = ContrastVae.load(modelDir, CPU1)) {
            return vae.embed(cache, ids, 5);
        }
    }

    @Test
    void theLossFallsOverTrainingAndTheListenerHearsEveryEpochAndBatch() {
        List<EpochReport> reports = new ArrayList<>();
        int[] batches = new int[1];
        TrainingResult r = train(TINY, SHORT.withEpochs(12), dir.resolve("run"), false, new TrainingListener() {
            @Override
            public void batchFinished(int epoch, int batch, int count) {
                batches[0]++;
                assertThat(count).isEqualTo(2);
            }

            @Override
            public void epochFinished(EpochReport report) {
                reports.add(report);
            }
        });
        assertThat(r.trainImages()).isEqualTo(18);
        assertThat(r.heldBack()).isEqualTo(6);
        assertThat(reports).hasSize(12).isEqualTo(r.epochs());
        assertThat(batches[0]).isEqualTo(12 * 2);
        EpochReport first = r.epochs().get(0);
        assertThat(r.last().trainLoss()).isLessThan(0.8 * first.trainLoss());
        assertThat(r.last().heldBackLoss()).isLessThan(first.heldBackLoss());
        assertThat(r.epochs()).allSatisfy(e -> assertThat(e.imagesPerSecond()).isPositive());
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(r.epochs().get(r.bestEpoch() - 1).best()).isTrue();
        assertThat(Files.isDirectory(r.modelDir())).isTrue();
        assertThat(r.modelId()).matches("vae-[0-9a-f]{12}");
    }

    @Test
    void theSavedModelEmbedsExactlyAsTheTrainedWeightsAndSaysWhatItIs() throws IOException {
        Path out = dir.resolve("run");
        TrainingResult r = train(TINY, SHORT.withEpochs(2), out, false, TrainingListener.NONE);
        float[][] loaded = embed(r.modelDir());
        // The same weights as the trainer held them (block.saveParameters at the best epoch), in a fresh block.
        Path best = out.resolve("checkpoints").resolve("epoch-0002").resolve(Checkpoints.BEST);
        float[] pixels = new float[ids.length * 3 * 16 * 16];
        for (int i = 0; i < ids.length; i++) {
            cache.readChannelsFirst(cache.slotsById().get(ids[i]), pixels, i * 3 * 16 * 16);
        }
        float[][] direct;
        try (Model m = Model.newInstance("direct", Device.cpu(), Engines.PYTORCH)) {
            VaeBlock block = new VaeBlock(TINY);
            m.setBlock(block);
            block.initialize(m.getNDManager(), DataType.FLOAT32, ContrastVae.inputShape(16));
            VaeTrainer.readWeights(block, m.getNDManager(), best);
            direct = ContrastVae.embed(block, m.getNDManager(), pixels, ids.length, 16, 6);
        }
        assertThat(loaded).hasDimensions(24, 6);
        for (int i = 0; i < ids.length; i++) {
            assertThat(loaded[i]).containsExactly(direct[i]);
        }
        assertThat(loaded[0]).isNotEqualTo(loaded[1]);

        try (ContrastVae vae = ContrastVae.load(r.modelDir(), CPU1)) {
            VaeDescriptor d = vae.descriptor();
            assertThat(d.kind()).isEqualTo("contrast-vae");
            assertThat(d.id()).isEqualTo(r.modelId());
            assertThat(d.imageSize()).isEqualTo(16);
            assertThat(d.latentSize()).isEqualTo(6);
            assertThat(d.options()).isEqualTo(TINY);
            assertThat(d.training()).isEqualTo(SHORT.withEpochs(2));
            assertThat(d.featureVersion()).isEqualTo(V1);
            assertThat(d.engine()).contains("PyTorch");
        }
        Files.writeString(r.modelDir().resolve(VaeDescriptor.FILE),
                Files.readString(r.modelDir().resolve(VaeDescriptor.FILE)).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        assertThatThrownBy(() -> ContrastVae.load(r.modelDir(), CPU1)).isInstanceOf(DeepException.class)
                .hasMessageContaining("format version 7");
        assertThatThrownBy(() -> ContrastVae.load(dir, CPU1)).hasMessageContaining("no model at " + dir);
    }

    @Test
    void theSameSeedGivesTheSameEmbeddingAndAnotherSeedAnother() {
        TrainingResult a = train(TINY, SHORT, dir.resolve("a"), false, TrainingListener.NONE);
        TrainingResult b = train(TINY, SHORT, dir.resolve("b"), false, TrainingListener.NONE);
        TrainingResult c = train(TINY, SHORT.withSeed(7), dir.resolve("c"), false, TrainingListener.NONE);
        float[][] ea = embed(a.modelDir());
        float[][] eb = embed(b.modelDir());
        float[][] ec = embed(c.modelDir());
        for (int i = 0; i < ea.length; i++) {
            assertThat(eb[i]).containsExactly(ea[i]);
        }
        assertThat(b.modelId()).isEqualTo(a.modelId());
        assertThat(b.epochs()).isEqualTo(a.epochs().stream().map(e -> b.epochs().get(e.epoch() - 1)).toList());
        assertThat(ec[0]).isNotEqualTo(ea[0]);
        assertThat(c.modelId()).isNotEqualTo(a.modelId());
    }

    @Test
    void resumeAfterACrashContinuesFromTheCheckpointToTheSameResultAsAnUninterruptedRun() {
        TrainingOptions four = SHORT.withEpochs(4);
        TrainingResult whole = train(TINY, four, dir.resolve("whole"), false, TrainingListener.NONE);

        Path out = dir.resolve("crashed");
        TrainingListener crashAfterTwo = new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                if (report.epoch() == 2) {
                    throw new IllegalStateException("simulated crash after epoch 2");
                }
            }
        };
        assertThatThrownBy(() -> train(TINY, four, out, false, crashAfterTwo)).hasMessageContaining("simulated");
        assertThat(out.resolve("model")).doesNotExist();
        assertThatThrownBy(() -> train(TINY, four, out, false, TrainingListener.NONE))
                .hasMessageContaining("pass --resume");
        assertThatThrownBy(() -> train(TINY, four.withSeed(9), out, true, TrainingListener.NONE))
                .hasMessageContaining("--seed 42").hasMessageContaining("not --seed 9");

        List<Integer> epochsRun = new ArrayList<>();
        TrainingResult resumed = train(TINY, four, out, true, new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                epochsRun.add(report.epoch());
            }
        });
        assertThat(resumed.resumedAfter()).isEqualTo(2);
        assertThat(epochsRun).containsExactly(3, 4);
        assertThat(resumed.epochs()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(resumed.epochs().get(i).trainLoss()).isEqualTo(whole.epochs().get(i).trainLoss());
            assertThat(resumed.epochs().get(i).heldBackLoss()).isEqualTo(whole.epochs().get(i).heldBackLoss());
        }
        assertThat(resumed.modelId()).isEqualTo(whole.modelId());
        float[][] ew = embed(whole.modelDir());
        float[][] er = embed(resumed.modelDir());
        for (int i = 0; i < ew.length; i++) {
            assertThat(er[i]).containsExactly(ew[i]);
        }
        assertThatThrownBy(() -> train(TINY, four, out, true, TrainingListener.NONE))
                .hasMessageContaining("already holds a trained model");
    }

    @Test
    void aModelForAnotherSizeThanTheCacheIsRefused() {
        assertThatThrownBy(() -> train(VaeOptions.defaults(32).withChannels(4), SHORT, dir, false,
                TrainingListener.NONE)).isInstanceOf(DeepException.class)
                .hasMessageContaining("holds 16 px images").hasMessageContaining("32 px (--image-size)");
    }

    @Test
    void optionsNameTheValueTheyRefuse() {
        assertThatThrownBy(() -> VaeOptions.defaults(24)).hasMessageContaining("power of two")
                .hasMessageContaining("24");
        assertThatThrownBy(() -> TINY.withBeta(-1)).hasMessageContaining("beta is -1.0");
        assertThatThrownBy(() -> TINY.withContrastWeights(Double.NaN, 1)).hasMessageContaining("gradientWeight is NaN");
        assertThatThrownBy(() -> SHORT.withEpochs(0)).hasMessageContaining("--epochs is 0");
        assertThatThrownBy(() -> SHORT.withHoldOut(0.9)).hasMessageContaining("holdOut is 0.9");
    }
}
