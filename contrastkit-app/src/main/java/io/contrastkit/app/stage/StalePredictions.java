package io.contrastkit.app.stage;

import io.contrastkit.store.PredictionTable;
import java.util.Optional;

/**
 * The one warning about predictions that describe features the store no longer holds (their images
 * were measured again after the model wrote them): said by extract and by every command that shows
 * predictions, so a person knows to run {@code cluster} again.
 */
public final class StalePredictions {

    private StalePredictions() {
    }

    /** The warning for the latest model's predictions, if any of them are stale. */
    public static Optional<String> latest(PredictionTable table) {
        return table.latestModel().flatMap(id -> of(table, id));
    }

    /** The warning for one model's predictions, if any of them are stale. */
    public static Optional<String> of(PredictionTable table, String modelId) {
        long n = table.staleCount(modelId);
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of("WARNING: " + n + (n == 1 ? " prediction" : " predictions") + " of model " + modelId
                + (n == 1 ? " is" : " are") + " stale: " + (n == 1 ? "its image was" : "their images were")
                + " measured again after the model predicted them; run contrastkit cluster to refresh them");
    }
}
