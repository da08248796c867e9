package io.contrastkit.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.app.stage.TrainingService;
import io.contrastkit.deep.cache.TensorCache;
import io.contrastkit.deep.vae.EpochReport;
import io.contrastkit.deep.vae.TrainingOptions;
import io.contrastkit.deep.vae.TrainingResult;
import io.contrastkit.deep.vae.VaeOptions;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit train}: trains a deep contrast model on a store's images (today: {@code vae}). */
@Command(name = "train", header = "Train a deep contrast model on a store's images.", mixinStandardHelpOptions = true,
        description = {"Train a deep model whose embedding follows the images' contrast.",
                "The store's images are decoded once into a tensor cache beside the",
                "store (<store>.tensors), reused by later runs. Each epoch is",
                "checkpointed under --out; --resume continues a run. Runs offline,",
                "on the CPU unless --device gpu."},
        subcommands = {TrainCommand.Vae.class})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name the model to train: vae");
    }

    /** {@code contrastkit train vae}. */
    @Command(name = "vae", header = "Train the contrast VAE.", mixinStandardHelpOptions = true,
            description = {"A convolutional VAE with a contrast-aware loss (pixel MSE +",
                    "gradient difference + luminance-histogram distance + beta KL);",
                    "its mean code is the embedding.",
                    "Progress goes to stderr. Exit code: 0 trained, 2 usage error, a",
                    "store that cannot be used, a run to --resume or not, or a run",
                    "that diverged."})
    public static final class Vae implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StoreOption storeOption = new StoreOption();

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "Run directory: checkpoints/ per epoch, model/ at the end.")
        Path out;

        @Option(names = "--resume", description = "Continue the run checkpointed in --out.")
        boolean resume;

        @Option(names = "--image-size", paramLabel = "N", defaultValue = "" + TensorCache.DEFAULT_IMAGE_SIZE,
                description = "Side of the square images the model sees, a power of two >= 16. Default: ${DEFAULT-VALUE}.")
        int imageSize;

        @Option(names = "--latent", paramLabel = "N", defaultValue = "" + VaeOptions.DEFAULT_LATENT_SIZE,
                description = "Size of the embedding. Default: ${DEFAULT-VALUE}.")
        int latent;

        @Option(names = "--epochs", paramLabel = "E", defaultValue = "30", description = "Epochs at most. Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Images per step. Default: ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--patience", paramLabel = "P", defaultValue = "5",
                description = "Stop after this many epochs without a better held-back loss. Default: ${DEFAULT-VALUE}.")
        int patience;

        @CommandLine.Mixin
        SeedOption seedOption = new SeedOption();

        @CommandLine.Mixin
        EngineOption engineOption = new EngineOption();

        @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TrainingService.Options options;
            try {
                VaeOptions model = VaeOptions.defaults(imageSize).withLatentSize(latent);
                TrainingOptions training = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(batch)
                        .withSeed(seedOption.value()).withPatience(patience);
                options = new TrainingService.Options(out, resume, model, training, engineOption.value());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            TrainingService.Result r;
            try (StoreSession session = storeOption.open(StoreSession.Access.READ, err)) {
                r = TrainingService.trainVae(options, session, new CliProgress("train vae", err));
            }
            TrainingResult t = r.training();
            EpochReport best = t.epochs().get(t.bestEpoch() - 1);
            if (json) {
                ObjectNode node = new ObjectMapper().createObjectNode();
                node.put("model_dir", t.modelDir().toString());
                node.put("model_id", t.modelId());
                node.put("epochs", t.epochs().size());
                node.put("best_epoch", t.bestEpoch());
                node.put("best_held_back_loss", best.heldBackLoss());
                node.put("stopped_early", t.stoppedEarly());
                node.put("resumed_after", t.resumedAfter());
                node.put("train_images", t.trainImages());
                node.put("held_back_images", t.heldBack());
                node.put("cache_decoded", r.cache().decoded());
                node.put("cache_reused", r.cache().reused());
                node.put("cache_failed", r.cache().failures().size());
                stdout.println(new ObjectMapper().writeValueAsString(node));
            } else {
                stdout.printf(Locale.ROOT, "trained %s: %d epochs%s, best %d (held-back loss %.5f), %d training images,"
                                + " %d held back%n", t.modelId(), t.epochs().size(),
                        t.stoppedEarly() ? " (stopped early)" : "", t.bestEpoch(), best.heldBackLoss(),
                        t.trainImages(), t.heldBack());
                stdout.printf("model: %s%n", t.modelDir());
            }
            for (var f : r.cache().failures()) {
                err.println("not cached: " + f.path() + ": " + f.reason());
            }
            return ExitCode.OK;
        }
    }
}
