package io.contrastkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one loader of golden files (values computed by a reference tool, whose script or source sits
 * beside each file): JSON documents, little-endian float64 matrices and CSV tables, read from the test
 * classpath (or, for CSV, from a file), plus the IQA score fixtures this jar carries.
 *
 * <p>Resource names are classpath paths such as {@code "golden/validate/ladder.json"}; a leading
 * {@code /} is allowed. A missing resource fails with its name, never with a null stream.
 */
public final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /** Opens a classpath resource; the caller closes it. */
    public static InputStream open(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null) {
            in = Golden.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    /** Copies a classpath resource to {@code dir}/its file name and returns that file (for code that wants a path). */
    public static Path copyTo(String resource, Path dir) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        Path to = dir.resolve(name);
        try (InputStream in = open(resource)) {
            Files.createDirectories(dir);
            Files.copy(in, to);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a JSON resource. */
    public static JsonNode json(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }

    /** A JSON array of numbers as a new {@code double[]}. */
    public static double[] vector(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** A JSON array of integers as a new {@code int[]}. */
    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** A JSON array of number arrays as new rows (rows may differ in length). */
    public static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(rows.get(i));
        }
        return out;
    }

    /** A little-endian float64 row-major resource (numpy's {@code tofile}) with {@code columns} columns. */
    public static double[][] f64(String resource, int columns) {
        try (InputStream in = open(resource)) {
            ByteBuffer buf = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            if (buf.remaining() % (8 * columns) != 0) {
                throw new IllegalStateException(resource + ": " + buf.remaining() + " bytes is not whole rows of "
                        + columns + " float64");
            }
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

    /** A plain comma-separated table (no quoting) from the classpath. */
    public static Table csv(String resource) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            return Table.parse(resource, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain comma-separated table (no quoting) from a file. */
    public static Table csv(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Table.parse(file.toString(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A golden CSV: its header and its rows as strings, in file order; blank lines are skipped.
     *
     * @param source where it was read from, for messages
     * @param header the column names
     * @param rows the cells of each row
     */
    public record Table(String source, List<String> header, List<List<String>> rows) {

        /** Copies the lists. */
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }

        static Table parse(String source, BufferedReader r) throws IOException {
            String head = r.readLine();
            if (head == null) {
                throw new IllegalStateException(source + " is empty");
            }
            List<List<String>> rows = new ArrayList<>();
            int line = 1;
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                List<String> cells = Arrays.asList(s.split(",", -1));
                if (cells.size() != head.split(",", -1).length) {
                    throw new IllegalStateException(source + " line " + line + " has " + cells.size()
                            + " cells, the header " + head.split(",", -1).length);
                }
                rows.add(cells);
            }
            return new Table(source, Arrays.asList(head.split(",", -1)), rows);
        }

        /** This table, after checking that its header is exactly {@code expected}. */
        public Table requireHeader(List<String> expected) {
            if (!header.equals(expected)) {
                throw new IllegalStateException(source + " header " + String.join(",", header) + " is not "
                        + String.join(",", expected));
            }
            return this;
        }

        /** The values of one column, parsed as doubles, in row order. */
        public double[] column(String name) {
            int c = header.indexOf(name);
            if (c < 0) {
                throw new IllegalStateException(source + " has no column " + name + " (header "
                        + String.join(",", header) + ")");
            }
            return rows.stream().mapToDouble(row -> Double.parseDouble(row.get(c))).toArray();
        }

        /**
         * Rows keyed by their first cell (passed through {@code key}), the other cells parsed as doubles;
         * insertion order is file order and a repeated key is an error.
         */
        public Map<String, double[]> byFirstColumn(UnaryOperator<String> key) {
            Map<String, double[]> out = new LinkedHashMap<>();
            for (List<String> row : rows) {
                double[] v = new double[row.size() - 1];
                for (int i = 1; i < row.size(); i++) {
                    v[i - 1] = Double.parseDouble(row.get(i));
                }
                if (out.put(key.apply(row.get(0)), v) != null) {
                    throw new IllegalStateException(source + " has two rows for " + key.apply(row.get(0)));
                }
            }
            return out;
        }
    }

    /**
     * One IQA score fixture ({@code iqa-scores/<file>} on this jar's classpath, described in its
     * README): the human mean opinion scores and one published metric's scores, row by row.
     *
     * @param file the file name
     * @param mos the mean opinion scores
     * @param score the metric's scores
     */
    public record IqaScores(String file, double[] mos, double[] score) {
    }

    /** The classpath folder holding the IQA score fixtures. */
    public static final String IQA_SCORES = "iqa-scores/";

    /** Reads {@code iqa-scores/<file>} (header {@code index,mos,<metric>}). */
    public static IqaScores iqa(String file) {
        Table t = csv(IQA_SCORES + file);
        if (t.header().size() != 3 || !t.header().get(0).equals("index") || !t.header().get(1).equals("mos")) {
            throw new IllegalStateException(file + ": unexpected header " + String.join(",", t.header()));
        }
        return new IqaScores(file, t.column("mos"), t.column(t.header().get(2)));
    }
}
