package io.contrastkit.app.stage;

import io.contrastkit.learn.validate.Interval;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a validation found: sections of figures, each with a one-line meaning for a non-expert, plus the ladder
 * images that could not be measured. It prints two ways, readable text and JSON with the same figures (and
 * meanings) by key; building both from one structure is what keeps them from drifting apart.
 *
 * @param title         the first line of the text form
 * @param header        lines under the title, each with its JSON form
 * @param sections      the checks, in order
 * @param ladderFailures ladder variants that could not be read or measured, in ladder.csv order
 */
public record ValidationResult(String title, List<HeaderLine> header, List<Section> sections,
                               List<LadderCheck.Failure> ladderFailures) {

    public ValidationResult {
        header = List.copyOf(header);
        sections = List.copyOf(sections);
        ladderFailures = List.copyOf(ladderFailures);
    }

    /** How many ladder variants could not be measured (the command's exit code says whether any). */
    public int ladderFailed() {
        return ladderFailures.size();
    }

    /**
     * A line under the title.
     *
     * @param key   its JSON key
     * @param value its JSON value (may be null)
     * @param line  its text
     */
    public record HeaderLine(String key, Object value, String line) {
    }

    /**
     * One figure.
     *
     * @param key     JSON key, snake_case
     * @param label   short name shown in the text
     * @param value   a Double, Integer/Long, Boolean or String
     * @param ci      its interval, or null when it has none
     * @param meaning one line saying what the figure means for someone who is not a statistician
     */
    public record Figure(String key, String label, Object value, Interval ci, String meaning) {
        public Figure {
            if (key == null || label == null || meaning == null || meaning.isBlank()) {
                throw new IllegalArgumentException("figure " + key + " needs a key, a label and a meaning");
            }
            if (!(value instanceof Number || value instanceof Boolean || value instanceof String)) {
                throw new IllegalArgumentException("figure " + key + " has a value of unsupported type " + value);
            }
        }

        /** The value as the text form shows it, with its interval when it has one. */
        public String formatted() {
            return formatValue(value) + (ci != null ? "  " + formatInterval(ci) : "");
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

    /**
     * A titled group of figures and tables, with notes (why a check was skipped, what was joined).
     *
     * @param intro a line under the title, or null
     */
    public record Section(String key, String title, String intro, List<Figure> figures, List<Table> tables,
                          List<String> notes) {
        public Section {
            figures = List.copyOf(figures);
            tables = List.copyOf(tables);
            notes = List.copyOf(notes);
        }
    }

    /** Every figure of the result (tables aside), in order. */
    public List<Figure> figures() {
        List<Figure> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.figures()));
        return all;
    }

    // ---------------------------------------------------------------- building

    /** Collects header lines and sections while the checks run; {@link #build} freezes them. */
    public static final class Builder {
        private final String title;
        private final List<HeaderLine> header = new ArrayList<>();
        private final List<SectionBuilder> sections = new ArrayList<>();
        private final List<LadderCheck.Failure> ladderFailures = new ArrayList<>();

        public Builder(String title) {
            this.title = title;
        }

        /** A line under the title, and its JSON form. */
        public Builder header(String key, Object value, String line) {
            header.add(new HeaderLine(key, value, line));
            return this;
        }

        /** Starts a section; it keeps its place in the result however it is filled later. */
        public SectionBuilder section(String key, String title, String intro) {
            SectionBuilder s = new SectionBuilder(key, title, intro);
            sections.add(s);
            return s;
        }

        /** Adds ladder variants that could not be measured. */
        public Builder ladderFailures(List<LadderCheck.Failure> failures) {
            ladderFailures.addAll(failures);
            return this;
        }

        public ValidationResult build() {
            return new ValidationResult(title, header, sections.stream().map(SectionBuilder::build).toList(),
                    ladderFailures);
        }
    }

    /** Collects one section's figures, tables and notes. */
    public static final class SectionBuilder {
        private final String key;
        private final String title;
        private final String intro;
        private final List<Figure> figures = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        SectionBuilder(String key, String title, String intro) {
            this.key = key;
            this.title = title;
            this.intro = intro;
        }

        public SectionBuilder figure(String key, String label, Object value, String meaning) {
            figures.add(new Figure(key, label, value, null, meaning));
            return this;
        }

        public SectionBuilder figure(String key, String label, double value, Interval ci, String meaning) {
            figures.add(new Figure(key, label, value, ci, meaning));
            return this;
        }

        public SectionBuilder table(Table table) {
            tables.add(table);
            return this;
        }

        public SectionBuilder note(String note) {
            notes.add(note);
            return this;
        }

        Section build() {
            return new Section(key, title, intro, figures, tables, notes);
        }
    }

    // ---------------------------------------------------------------- text

    /** Values longer than this get their meaning on the next line. */
    private static final int LONG_VALUE = 40;

    /** The text form: every figure on one line with its meaning; tables with a legend of their columns. */
    public void printText(PrintWriter out) {
        out.println(title);
        header.forEach(h -> out.println("  " + h.line()));
        for (Section s : sections) {
            out.println();
            out.println(s.title());
            if (s.intro() != null) {
                out.println("  " + s.intro());
            }
            int labelWidth = 0;
            int valueWidth = 0;
            List<String> values = new ArrayList<>();
            for (Figure f : s.figures()) {
                labelWidth = Math.max(labelWidth, f.label().length());
                String v = f.formatted();
                values.add(v);
                if (v.length() <= LONG_VALUE) {
                    valueWidth = Math.max(valueWidth, v.length());
                }
            }
            for (int i = 0; i < s.figures().size(); i++) {
                Figure f = s.figures().get(i);
                String v = values.get(i);
                if (v.length() > LONG_VALUE) {
                    // a sentence-long value (a verdict) would push every meaning off the screen: meaning below it
                    out.println("  " + pad(f.label(), labelWidth) + "  " + v);
                    out.println("  " + " ".repeat(labelWidth) + "  " + f.meaning());
                } else {
                    out.println("  " + pad(f.label(), labelWidth) + "  " + pad(v, valueWidth) + "  " + f.meaning());
                }
            }
            for (Table t : s.tables()) {
                printTable(out, t);
            }
            s.notes().forEach(n -> out.println("  note: " + n));
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
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        header.forEach(h -> root.put(h.key(), h.value()));
        Map<String, Object> meanings = new LinkedHashMap<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Figure f : s.figures()) {
                m.put(f.key(), f.value());
                if (f.ci() != null) {
                    m.put(f.key() + "_ci", f.ci().toList());
                }
                meanings.put(s.key() + "." + f.key(), f.meaning());
            }
            for (Table t : s.tables()) {
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
                    meanings.put(s.key() + "." + t.key() + "[]." + t.columns().get(c), t.columnMeanings().get(c));
                }
            }
            if (!s.notes().isEmpty()) {
                m.put("notes", s.notes());
            }
            root.put(s.key(), m);
        }
        root.put("meanings", meanings);
        return root;
    }

    /** The JSON form, pretty-printed. */
    public void printJson(PrintWriter out) {
        out.println(JsonText.pretty(toMap()));
        out.flush();
    }
}
