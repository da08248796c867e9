package io.contrastkit.deep.vae;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run did.
 *
 * @param modelDir     the saved model (the best epoch's weights), loadable with {@link ContrastVae#load}
 * @param modelId      the model's id (kind and a digest of its weights), as its descriptor states it
 * @param resumedAfter the checkpointed epoch this run continued from, 0 for a fresh run
 * @param epochs       every epoch so far, the resumed-from ones included
 * @param bestEpoch    the epoch whose weights were saved
 * @param stoppedEarly whether the held-back loss stopped improving before the last epoch asked for
 * @param trainImages  images in the training split
 * @param heldBack     images held back
 */
public record TrainingResult(Path modelDir, String modelId, int resumedAfter, List<EpochReport> epochs,
                             int bestEpoch, boolean stoppedEarly, int trainImages, int heldBack) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's report. */
    public EpochReport last() {
        return epochs.get(epochs.size() - 1);
    }
}
