package io.contrastkit.learn.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Consistency of a model's outputs (contrast score, map axes, embedding columns) with handcrafted features:
 * the Pearson, Spearman and Kendall tau-b correlation of every output with every feature.
 */
public final class Consistency {

    private Consistency() {
    }

    /**
     * The three correlations of one output with one feature; each is NaN when either side is constant.
     *
     * @param pearson  linear correlation
     * @param spearman rank correlation (average ranks for ties)
     * @param kendall  Kendall tau-b
     */
    public record Correlations(double pearson, double spearman, double kendall) {
    }

    /**
     * Correlations of each output (rows of the outer map, in input order) with each feature (inner map, in
     * input order). Unmodifiable.
     */
    public record Result(Map<String, Map<String, Correlations>> byOutput) {

        public Result {
            Map<String, Map<String, Correlations>> copy = new LinkedHashMap<>();
            byOutput.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            byOutput = Collections.unmodifiableMap(copy);
        }

        /** The correlations of one output with one feature; the error names what is missing. */
        public Correlations get(String output, String feature) {
            Map<String, Correlations> m = byOutput.get(output);
            if (m == null || !m.containsKey(feature)) {
                throw new IllegalArgumentException("no correlation of output '" + output + "' with feature '" + feature + "'");
            }
            return m.get(feature);
        }
    }

    /**
     * Correlates every output column with every feature column.
     *
     * @param outputNames   names of the outputs
     * @param outputs       one column per output, paired by index with the feature rows (read, not kept)
     * @param featureNames  names of the features
     * @param features      n x d feature rows (read, not kept)
     */
    public static Result compute(List<String> outputNames, List<double[]> outputs, List<String> featureNames,
                                 double[][] features) {
        if (outputNames == null || outputs == null || featureNames == null || features == null) {
            throw new IllegalArgumentException("names, outputs and features must not be null");
        }
        if (outputNames.size() != outputs.size()) {
            throw new IllegalArgumentException(outputNames.size() + " output names for " + outputs.size() + " outputs");
        }
        int n = features.length;
        int d = featureNames.size();
        double[][] columns = new double[d][n];
        for (int i = 0; i < n; i++) {
            if (features[i] == null || features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has "
                        + (features[i] == null ? "no" : features[i].length) + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                columns[j][i] = features[i][j];
            }
        }
        for (int o = 0; o < outputs.size(); o++) {
            if (outputs.get(o).length != n) {
                throw new IllegalArgumentException("output " + outputNames.get(o) + " has " + outputs.get(o).length
                        + " values but there are " + n + " feature rows");
            }
        }
        Map<String, Map<String, Correlations>> byOutput = new LinkedHashMap<>();
        for (int o = 0; o < outputs.size(); o++) {
            double[] out = outputs.get(o);
            String name = outputNames.get(o);
            // features are independent of one another: one task each
            Correlations[] cells = new Correlations[d];
            IntStream.range(0, d).parallel().forEach(j -> {
                Correlation.check(name, out, featureNames.get(j), columns[j]);
                cells[j] = new Correlations(Correlation.pearsonUnchecked(out, columns[j]),
                        Correlation.spearmanUnchecked(out, columns[j]), Correlation.kendallUnchecked(out, columns[j]));
            });
            Map<String, Correlations> row = new LinkedHashMap<>();
            for (int j = 0; j < d; j++) {
                row.put(featureNames.get(j), cells[j]);
            }
            byOutput.put(name, row);
        }
        return new Result(byOutput);
    }
}
