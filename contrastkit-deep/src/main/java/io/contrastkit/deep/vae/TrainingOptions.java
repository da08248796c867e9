package io.contrastkit.deep.vae;

/**
 * How a model is trained; validated on construction.
 *
 * @param epochs       passes over the training split (a resumed run continues up to this many)
 * @param batchSize    images per step
 * @param seed         the one seed of the run: split, batch order, noise and initial weights derive from it
 * @param holdOut      share of the images held back to judge each epoch and stop early, in [0, 0.5];
 *                     0 judges by the training loss and never stops early
 * @param patience     epochs without a better held-back loss after which training stops, at least 1
 */
public record TrainingOptions(int epochs, int batchSize, long seed, double holdOut, int patience) {

    /** The seed unless asked otherwise (DESIGN.md: every random choice takes a seed, default fixed). */
    public static final long DEFAULT_SEED = 42;

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs is " + epochs + ", must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch is " + batchSize + ", must be >= 1");
        }
        if (!(holdOut >= 0 && holdOut <= 0.5)) {
            throw new IllegalArgumentException("holdOut is " + holdOut + ", must be in [0, 0.5]");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience is " + patience + ", must be >= 1");
        }
    }

    /** 20 epochs, batch 32, seed 42, 10 % held back, patience 3. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(20, 32, DEFAULT_SEED, 0.1, 3);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, seed, holdOut, patience);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, seed, holdOut, patience);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(epochs, batchSize, value, holdOut, patience);
    }

    public TrainingOptions withHoldOut(double value) {
        return new TrainingOptions(epochs, batchSize, seed, value, patience);
    }

    public TrainingOptions withPatience(int value) {
        return new TrainingOptions(epochs, batchSize, seed, holdOut, value);
    }
}
