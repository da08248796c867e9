package io.contrastkit.learn.model;

/**
 * What a {@link ContrastModel} says about one image.
 *
 * @param group         group id, 0..k-1 (groups are numbered by rising mean contrast score)
 * @param groupName     the group's descriptive name
 * @param distance      Euclidean distance to the group's centroid in the scaled feature space
 * @param contrastScore the contrast score in [0, 100]
 * @param anomalyScore  the combined anomaly score in [0, 1]
 * @param anomaly       whether anomalyScore is at or above the model's threshold
 * @param mapX          x position in the 2-D map
 * @param mapY          y position in the 2-D map
 */
public record Prediction(int group, String groupName, double distance, double contrastScore, double anomalyScore,
                         boolean anomaly, double mapX, double mapY) {
}
