package io.contrastkit.learn.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test support: loads the golden JSON files (made by the scripts beside them) and the IQA score CSVs. */
final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /** Parses {@code /golden/validate/<name>} from the test classpath. */
    static JsonNode load(String name) {
        try (InputStream in = open("/golden/validate/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }

    /** One IQA fixture file: the MOS column and the metric's score column. */
    record IqaScores(String file, double[] mos, double[] score) {
    }

    /** Reads {@code /iqa-scores/<file>} (header {@code index,mos,<metric>}). */
    static IqaScores iqa(String file) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(open("/iqa-scores/" + file), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.startsWith("index,mos,")) {
                throw new IllegalStateException(file + ": unexpected header " + header);
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                rows.add(new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] mos = new double[rows.size()];
        double[] score = new double[rows.size()];
        for (int i = 0; i < mos.length; i++) {
            mos[i] = rows.get(i)[0];
            score[i] = rows.get(i)[1];
        }
        return new IqaScores(file, mos, score);
    }

    private static InputStream open(String resource) {
        InputStream in = Golden.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("test resource " + resource + " is missing");
        }
        return in;
    }
}
