package io.contrastkit.learn.model;

import java.util.List;
import java.util.Map;

/**
 * One contrast group: its id, descriptive name, size, the traits the name was built from, the mean
 * of each feature as a z-score against the whole collection, and its representatives.
 */
public record GroupProfile(int id, String name, int size, List<String> traits, Map<String, Double> profile,
                           List<Representative> representatives) {
    public GroupProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group " + id + " has no name");
        }
        traits = List.copyOf(traits);
        profile = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profile));
        representatives = List.copyOf(representatives);
    }
}
