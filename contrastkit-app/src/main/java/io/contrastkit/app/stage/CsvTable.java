package io.contrastkit.app.stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small CSV file read whole (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, optional
 * UTF-8 BOM), with the header's column names and, for each data row, the file line it started on, so that
 * every error can name the file, the row and the column.
 */
public final class CsvTable {

    /** A problem with the file's content or its use, with a message naming file, row and column. */
    public static final class CsvException extends RuntimeException {
        public CsvException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final List<String> header;
    private final List<List<String>> rows;
    private final List<Integer> lines;

    private CsvTable(Path file, List<String> header, List<List<String>> rows, List<Integer> lines) {
        this.file = file;
        this.header = Collections.unmodifiableList(header);
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads a file with a header line; blank lines are skipped. */
    public static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CsvException("no such file: " + file);
        } catch (IOException e) {
            throw new CsvException("cannot read " + file + ": " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> startLines = new ArrayList<>();
        parse(file, text, records, startLines);
        if (records.isEmpty()) {
            throw new CsvException(file + " is empty: expected a header line naming the columns");
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            header.add(h.strip());
        }
        List<List<String>> data = records.subList(1, records.size());
        List<Integer> dataLines = startLines.subList(1, startLines.size());
        for (int r = 0; r < data.size(); r++) {
            if (data.get(r).size() != header.size()) {
                throw new CsvException(file + " row " + (r + 1) + " (line " + dataLines.get(r) + ") has "
                        + data.get(r).size() + " fields but the header has " + header.size());
            }
        }
        return new CsvTable(file, header, data, dataLines);
    }

    private static void parse(Path file, String text, List<List<String>> records, List<Integer> startLines) {
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                if (!(record.size() == 1 && record.get(0).isBlank())) {
                    records.add(record);
                    startLines.add(recordLine);
                }
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new CsvException(file + " line " + recordLine + ": a quoted field is never closed");
        }
        record.add(field.toString());
        if (!(record.size() == 1 && record.get(0).isBlank())) {
            records.add(record);
            startLines.add(recordLine);
        }
    }

    public Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    /** Number of data rows (the header not counted). */
    public int rowCount() {
        return rows.size();
    }

    /** Index of a column; the error lists the columns there are. */
    public int column(String name, String option) {
        int idx = header.indexOf(name);
        if (idx < 0) {
            throw new CsvException(file + " has no column '" + name + "' (" + option + "); its columns are: "
                    + String.join(", ", header));
        }
        return idx;
    }

    /** The cell of data row {@code row} (0-based), as written. */
    public String cell(int row, int column) {
        return rows.get(row).get(column);
    }

    /** Where a data row is, for messages: "FILE row 3 (line 4)". */
    String where(int row) {
        return file + " row " + (row + 1) + " (line " + lines.get(row) + ")";
    }

    /** A finite number in a cell; the error names file, row, line and column. */
    public double number(int row, int column) {
        String s = cell(row, column).strip();
        String where = where(row) + " column '" + header.get(column) + "'";
        if (s.isEmpty()) {
            throw new CsvException(where + " is empty; expected a number");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CsvException(where + ": '" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new CsvException(where + " is " + s + "; expected a finite number");
        }
        return v;
    }

    /** Every value of a numeric column, in row order. */
    public double[] numbers(int column) {
        double[] v = new double[rows.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = number(r, column);
        }
        return v;
    }
}
