package io.contrastkit.app.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrastkit.learn.validate.Interval;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validation report built once and written two ways: readable text, where every figure stands on one line
 * with a one-line meaning for a non-expert, and JSON, which holds the same figures (and their meanings) by key.
 * Building both from one structure is what keeps them from drifting apart.
 */
public final class Report {

    /**
     * One figure.
     *
     * @param key     JSON key, snake_case
     * @param label   short name shown in the text
     * @param value   a Double, Integer/Long, Boolean or String
     * @param ci      its interval, or null when it has none
     * @param meaning one line saying what the figure means for someone who is not a statistician
     */
    record Figure(String key, String label, Object value, Interval ci, String meaning) {
        Figure {
            if (key == null || label == null || meaning == null || meaning.isBlank()) {
                throw new IllegalArgumentException("figure " + key + " needs a key, a label and a meaning");
            }
            if (!(value instanceof Number || value instanceof Boolean || value instanceof String)) {
                throw new IllegalArgumentException("figure " + key + " has a value of unsupported type " + value);
            }
        }
    }

    /**
     * A matrix of figures (rows x columns), e.g. correlations of each model output with each feature. Each
     * column has a meaning; rows are named things (features, measures).
     */
    public record Table(String key, String title, String rowLabel, List<String> columns, List<String> columnMeanings,
                 List<String> rowNames, List<double[]> values) {
        public Table {
            if (columns.size() != columnMeanings.size()) {
                throw new IllegalArgumentException("table " + key + ": every column needs a meaning");
            }
            if (rowNames.size() != values.size()) {
                throw new IllegalArgumentException("table " + key + ": " + rowNames.size() + " row names for "
                        + values.size() + " rows");
            }
            for (double[] row : values) {
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("table " + key + ": a row has " + row.length + " values for "
                            + columns.size() + " columns");
                }
            }
            columns = List.copyOf(columns);
            columnMeanings = List.copyOf(columnMeanings);
            rowNames = List.copyOf(rowNames);
            values = List.copyOf(values);
        }
    }

    /** A titled group of figures and tables, with optional notes (why a check was skipped, what was joined). */
    public static final class Section {
        final String key;
        final String title;
        final String intro;
        final List<Figure> figures = new ArrayList<>();
        final List<Table> tables = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, Object> extra = new LinkedHashMap<>();

        Section(String key, String title, String intro) {
            this.key = key;
            this.title = title;
            this.intro = intro;
        }

        public Section figure(String key, String label, Object value, String meaning) {
            figures.add(new Figure(key, label, value, null, meaning));
            return this;
        }

        public Section figure(String key, String label, double value, Interval ci, String meaning) {
            figures.add(new Figure(key, label, value, ci, meaning));
            return this;
        }

        public Section table(Table table) {
            tables.add(table);
            return this;
        }

        public Section note(String note) {
            notes.add(note);
            return this;
        }

        /** JSON-only data that is not a figure (file names, per-family detail). */
        Section extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }
    }

    /** Values longer than this get their meaning on the next line. */
    private static final int LONG_VALUE = 40;

    private final String title;
    private final List<String> header = new ArrayList<>();
    private final Map<String, Object> headerJson = new LinkedHashMap<>();
    private final List<Section> sections = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    /** A line under the title, and its JSON form. */
    public Report header(String key, Object value, String line) {
        header.add(line);
        headerJson.put(key, value);
        return this;
    }

    public Section section(String key, String title, String intro) {
        Section s = new Section(key, title, intro);
        sections.add(s);
        return s;
    }

    List<Section> sections() {
        return sections;
    }

    /** Every figure of the report (tables aside), in order; tests check each has a meaning. */
    List<Figure> figures() {
        List<Figure> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.figures));
        return all;
    }

    // ---------------------------------------------------------------- text

    public void printText(PrintWriter out) {
        out.println(title);
        header.forEach(h -> out.println("  " + h));
        for (Section s : sections) {
            out.println();
            out.println(s.title);
            if (s.intro != null) {
                out.println("  " + s.intro);
            }
            int labelWidth = 0;
            int valueWidth = 0;
            List<String> values = new ArrayList<>();
            for (Figure f : s.figures) {
                labelWidth = Math.max(labelWidth, f.label().length());
                String v = formatValue(f.value()) + (f.ci() != null ? "  " + formatInterval(f.ci()) : "");
                values.add(v);
                if (v.length() <= LONG_VALUE) {
                    valueWidth = Math.max(valueWidth, v.length());
                }
            }
            for (int i = 0; i < s.figures.size(); i++) {
                Figure f = s.figures.get(i);
                String v = values.get(i);
                if (v.length() > LONG_VALUE) {
                    // a sentence-long value (a verdict) would push every meaning off the screen: meaning below it
                    out.println("  " + pad(f.label(), labelWidth) + "  " + v);
                    out.println("  " + " ".repeat(labelWidth) + "  " + f.meaning());
                } else {
                    out.println("  " + pad(f.label(), labelWidth) + "  " + pad(v, valueWidth) + "  " + f.meaning());
                }
            }
            for (Table t : s.tables) {
                printTable(out, t);
            }
            s.notes.forEach(n -> out.println("  note: " + n));
        }
        out.flush();
    }

    private static void printTable(PrintWriter out, Table t) {
        out.println("  " + t.title() + ":");
        int first = t.rowLabel().length();
        for (String r : t.rowNames()) {
            first = Math.max(first, r.length());
        }
        int[] widths = new int[t.columns().size()];
        StringBuilder head = new StringBuilder("    " + pad(t.rowLabel(), first));
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(8, t.columns().get(c).length());
            head.append("  ").append(padLeft(t.columns().get(c), widths[c]));
        }
        out.println(head);
        for (int r = 0; r < t.rowNames().size(); r++) {
            StringBuilder line = new StringBuilder("    " + pad(t.rowNames().get(r), first));
            double[] row = t.values().get(r);
            for (int c = 0; c < widths.length; c++) {
                line.append("  ").append(padLeft(formatDouble(row[c]), widths[c]));
            }
            out.println(line);
        }
        out.println("    where:");
        for (int c = 0; c < widths.length; c++) {
            out.println("      " + t.columns().get(c) + ": " + t.columnMeanings().get(c));
        }
    }

    static String formatValue(Object v) {
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }

    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        if (d != 0 && (Math.abs(d) >= 1e5 || Math.abs(d) < 1e-3)) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }

    static String formatInterval(Interval ci) {
        if (!ci.isDefined()) {
            return "[no interval]";
        }
        return "[" + formatDouble(ci.lo()) + ", " + formatDouble(ci.hi()) + "]";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    // ---------------------------------------------------------------- JSON

    /** The JSON form: header fields, then one object per section (figures by key, intervals as key_ci), then meanings. */
    Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>(headerJson);
        Map<String, Object> meanings = new LinkedHashMap<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Figure f : s.figures) {
                m.put(f.key(), f.value());
                if (f.ci() != null) {
                    m.put(f.key() + "_ci", f.ci().toList());
                }
                meanings.put(s.key + "." + f.key(), f.meaning());
            }
            for (Table t : s.tables) {
                Map<String, Object> rows = new LinkedHashMap<>();
                for (int r = 0; r < t.rowNames().size(); r++) {
                    Map<String, Object> cells = new LinkedHashMap<>();
                    for (int c = 0; c < t.columns().size(); c++) {
                        cells.put(t.columns().get(c), t.values().get(r)[c]);
                    }
                    rows.put(t.rowNames().get(r), cells);
                }
                m.put(t.key(), rows);
                for (int c = 0; c < t.columns().size(); c++) {
                    meanings.put(s.key + "." + t.key() + "[]." + t.columns().get(c), t.columnMeanings().get(c));
                }
            }
            m.putAll(s.extra);
            if (!s.notes.isEmpty()) {
                m.put("notes", List.copyOf(s.notes));
            }
            root.put(s.key, m);
        }
        root.put("meanings", meanings);
        return root;
    }

    public void printJson(PrintWriter out) {
        out.println(json(toMap()));
        out.flush();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Pretty JSON of maps, lists and scalars; NaN and infinities become null (JSON has no such numbers). */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(finite(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static Object finite(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k, finite(x)));
            return copy;
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            c.forEach(x -> copy.add(finite(x)));
            return copy;
        }
        if (v instanceof double[] a) {
            List<Object> copy = new ArrayList<>();
            for (double x : a) {
                copy.add(finite(x));
            }
            return copy;
        }
        return v;
    }
}
