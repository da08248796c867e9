package io.contrastkit.deep.vae;

import io.contrastkit.deep.DeepException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a checkpoint records besides the weights and moments ({@code state.json}): where training stood and the
 * options a resumed run must share.
 *
 * @param epoch     the last finished epoch
 * @param steps     Adam steps taken
 * @param bestEpoch the epoch with the best judged loss so far
 * @param bestLoss  that loss
 * @param stale     epochs since the best one
 * @param options   the model's options
 * @param seed      the run's seed
 * @param batchSize the batch size
 * @param holdOut   the held-back share
 * @param history   every epoch's report so far
 */
record CheckpointState(int epoch, long steps, int bestEpoch, double bestLoss, int stale, VaeOptions options,
                       long seed, int batchSize, double holdOut, List<EpochReport> history) {

    CheckpointState {
        history = List.copyOf(history);
    }

    /**
     * Refuses to resume with options that would make a different run: a resumed run must be the run that was
     * interrupted (the epoch count and patience may change).
     */
    void requireCompatible(VaeOptions asked, TrainingOptions training, Path dir) {
        if (!options.equals(asked)) {
            throw new DeepException("--resume: checkpoint " + dir + " was trained with " + options + ", not " + asked);
        }
        if (seed != training.seed() || batchSize != training.batchSize() || holdOut != training.holdOut()) {
            throw new DeepException("--resume: checkpoint " + dir + " was trained with --seed " + seed + " --batch "
                    + batchSize + " and hold-out " + holdOut + ", not --seed " + training.seed() + " --batch "
                    + training.batchSize() + " and hold-out " + training.holdOut());
        }
    }
}
