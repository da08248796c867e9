package io.contrastkit.learn.classify;

/**
 * Fits a {@link Classifier} from labelled rows (Tribuo's Trainer -> Model): the trainer holds only its
 * validated options, so one trainer can fit any number of times, and each fit returns a new classifier.
 */
public interface ClassifierTrainer {

    /**
     * Fits a classifier to {@code rows} (n x d, finite) and their {@code labels} (any ints, one per row).
     * The arrays are copied where the classifier keeps them, so changing them later changes nothing.
     *
     * @throws IllegalArgumentException when the rows are empty, ragged or not finite, or the counts differ
     */
    Classifier fit(double[][] rows, int[] labels);
}
