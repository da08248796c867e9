package io.contrastkit.learn.pca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Names principal components by their top-loading features, e.g. {@code "+c_rms +std -mean"}: the
 * {@code top} features with the largest |component entry|, largest first (ties: feature order), each
 * prefixed with the sign of its entry.
 *
 * @param featureNames one name per input feature
 * @param top          how many features to name per component, at least 1
 */
public record ComponentDescriber(List<String> featureNames, int top) {
    public ComponentDescriber {
        if (featureNames == null || featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames is empty");
        }
        for (int i = 0; i < featureNames.size(); i++) {
            String name = featureNames.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("featureNames entry " + i + " is blank");
            }
        }
        if (top < 1) {
            throw new IllegalArgumentException("top is " + top + ", must be >= 1");
        }
        featureNames = List.copyOf(featureNames);
    }

    /** The description of component {@code c} of {@code pca}. */
    public String describe(PcaResult pca, int c) {
        if (pca.dimension() != featureNames.size()) {
            throw new IllegalArgumentException("PCA has " + pca.dimension() + " features but "
                    + featureNames.size() + " names were given");
        }
        double[] v = pca.component(c);
        Integer[] order = new Integer[v.length];
        for (int j = 0; j < v.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(v[j])));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(top, v.length); i++) {
            int j = order[i];
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(v[j] < 0 ? '-' : '+').append(featureNames.get(j));
        }
        return sb.toString();
    }

    /** Descriptions of every component, in component order. */
    public List<String> describeAll(PcaResult pca) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < pca.componentCount(); c++) {
            out.add(describe(pca, c));
        }
        return List.copyOf(out);
    }
}
