package io.contrastkit.learn.model;

import java.util.List;

/**
 * A fitted model with its predictions for the rows it was fitted on (input order). These differ from
 * {@code model.predict(row)} in two deliberate ways: map positions are the fitted ones for rows that
 * anchor the map, and a row of the kNN reference sample does not count itself as a neighbour.
 */
public record ContrastModelFit(ContrastModel model, List<Prediction> predictions) {
    public ContrastModelFit {
        predictions = List.copyOf(predictions);
    }
}
