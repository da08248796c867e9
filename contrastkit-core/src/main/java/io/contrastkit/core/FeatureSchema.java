package io.contrastkit.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The identity of a contrast feature vector: its version id and the names of its features in order. */
public final class FeatureSchema {

    /** {@code contrast-features/v1}, defined by docs/contrast-features-v1.md. */
    public static final FeatureSchema V1 = new FeatureSchema("contrast-features/v1", List.of(
            "c_rms", "u_dr", "michelson", "entropy", "mean", "std", "skewness", "kurtosis",
            "low_freq_energy", "high_freq_energy", "freq_ratio", "spectral_slope",
            "mean_local_contrast", "std_local_contrast", "local_contrast_p99",
            "luminance_contrast", "chroma_contrast", "chroma_mean", "hue_diversity",
            "clipped_fraction"));

    private final String version;
    private final List<String> names;
    private final Map<String, Integer> index;

    private FeatureSchema(String version, List<String> names) {
        this.version = version;
        this.names = List.copyOf(names);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            idx.put(names.get(i), i);
        }
        this.index = Map.copyOf(idx);
    }

    /** The version id stored with every table and model, e.g. {@code contrast-features/v1}. */
    public String version() {
        return version;
    }

    /** Feature names in vector order (unmodifiable). */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** Position of a feature in the vector. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no feature named '" + name + "' in " + version
                    + " (known: " + String.join(", ", names) + ")");
        }
        return i;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /**
     * Fails unless {@code otherVersion} is this schema's version.
     *
     * @param where what carried the other version, for the message (a store path, a model file)
     */
    public void requireVersion(String otherVersion, String where) {
        if (!version.equals(otherVersion)) {
            throw new IllegalStateException(where + " was built with feature version '" + otherVersion
                    + "' but this contrastkit computes '" + version + "'; re-extract or refit with this version");
        }
    }

    /** The schema for a version id, or an error naming the versions this build knows. */
    public static FeatureSchema forVersion(String version) {
        if (V1.version.equals(Objects.requireNonNull(version, "version"))) {
            return V1;
        }
        throw new IllegalArgumentException("unknown feature version '" + version + "' (this build knows "
                + V1.version + ")");
    }

    @Override
    public String toString() {
        return version;
    }
}
