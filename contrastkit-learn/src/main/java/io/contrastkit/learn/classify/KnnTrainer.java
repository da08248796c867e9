package io.contrastkit.learn.classify;

/**
 * Trains k-nearest-neighbours classifiers: Euclidean distance, uniform votes, distance ties broken by
 * training order (a stable sort), probabilities the vote shares.
 */
public final class KnnTrainer implements ClassifierTrainer {

    private final KnnOptions options;

    /** A trainer with the given options. */
    public KnnTrainer(KnnOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /** The options it trains with. */
    public KnnOptions options() {
        return options;
    }

    @Override
    public Classifier fit(double[][] rows, int[] labels) {
        return new KnnClassifier(TrainingSet.of(rows, labels, options.standardise()), options);
    }

    @Override
    public String toString() {
        return "KnnTrainer[" + options + "]";
    }
}
