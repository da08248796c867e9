package io.contrastkit.app.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.learn.model.Prediction;

/**
 * The JSON fields of one prediction, as {@code contrastkit predict} prints them and the service answers
 * them: one place, so the two cannot drift apart.
 */
public final class PredictionJson {

    private PredictionJson() {
    }

    /**
     * Adds {@code features} (name to value), {@code group}, {@code group_name}, {@code distance},
     * {@code contrast_score}, {@code anomaly_score}, {@code is_anomaly} and {@code map} ({@code [x, y]}) to
     * {@code node}, in that order, and returns it.
     */
    public static ObjectNode fill(ObjectNode node, FeatureVector features, Prediction p) {
        ObjectNode fv = node.putObject("features");
        features.asMap().forEach(fv::put);
        node.put("group", p.group());
        node.put("group_name", p.groupName());
        node.put("distance", p.distance());
        node.put("contrast_score", p.contrastScore());
        node.put("anomaly_score", p.anomalyScore());
        node.put("is_anomaly", p.anomaly());
        node.putArray("map").add(p.mapX()).add(p.mapY());
        return node;
    }
}
