package io.contrastkit.deep.vae;

/** Told how training goes, for a progress bar or a log; called on the training thread. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** After each step: {@code batch} of {@code batches} (from 1) in {@code epoch}. */
    default void batchFinished(int epoch, int batch, int batches) {
    }

    /** After each epoch and its checkpoint. */
    default void epochFinished(EpochReport report) {
    }
}
