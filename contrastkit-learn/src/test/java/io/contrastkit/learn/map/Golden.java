package io.contrastkit.learn.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the golden files under {@code golden/tsne/} (written by make_golden.py beside them). */
final class Golden {

    private Golden() {
    }

    static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = rows.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).doubleValue();
            }
        }
        return m;
    }

    /** A little-endian float64 row-major file, as sk_bench.py writes it. */
    static double[][] f64(String name, int columns) {
        try (InputStream in = open(name)) {
            ByteBuffer buf = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int n = buf.remaining() / 8 / columns;
            double[][] m = new double[n][columns];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < columns; j++) {
                    m[i][j] = buf.getDouble();
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = Golden.class.getResourceAsStream("/golden/tsne/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource golden/tsne/" + name);
        }
        return in;
    }
}
