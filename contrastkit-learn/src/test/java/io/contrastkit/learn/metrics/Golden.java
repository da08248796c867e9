package io.contrastkit.learn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test support: reads the golden JSON files under resources/golden and compares with tolerances. */
public final class Golden {
    private Golden() {
    }

    /** Parses {@code /golden/<name>} from the test classpath. */
    public static JsonNode load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file /golden/" + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i));
        }
        return m;
    }

    public static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    public static int[] ints(JsonNode node) {
        int[] v = new int[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asInt();
        }
        return v;
    }

    /** |actual - expected| <= rel * max(|expected|, floor), so values near 0 get an absolute floor. */
    public static void assertRelClose(double actual, double expected, double rel, double floor, String what) {
        double tol = rel * Math.max(Math.abs(expected), floor);
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s expected %s (rel tol %s)", what, actual, expected, rel)
                .isLessThanOrEqualTo(tol);
    }

    /** Largest relative error seen, for reporting. */
    public static double relError(double actual, double expected) {
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    }
}
