package io.contrastkit.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One image's contrast feature vector: immutable values tagged with the schema they follow. */
public final class FeatureVector {

    private final FeatureSchema schema;
    private final double[] values;

    /**
     * @param values copied; must have one finite value per feature of the schema
     */
    public FeatureVector(FeatureSchema schema, double[] values) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (values.length != schema.size()) {
            throw new IllegalArgumentException(schema + " has " + schema.size() + " features, got "
                    + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("feature " + schema.names().get(i) + " is " + values[i]);
            }
        }
        this.values = values.clone();
    }

    public FeatureSchema schema() {
        return schema;
    }

    public double get(int i) {
        return values[i];
    }

    public double get(String name) {
        return values[schema.indexOf(name)];
    }

    /** A copy of the values in schema order. */
    public double[] toArray() {
        return values.clone();
    }

    /** Name to value, in schema order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(schema.names().get(i), values[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector f && f.schema == schema && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return schema + asMap().toString();
    }
}
