package io.contrastkit.app.stage;

/** CSV writing helpers shared by the commands (RFC 4180 quoting, round-trip doubles). */
public final class Csv {

    private Csv() {
    }

    /** Quotes a field when it holds a comma, quote or line break. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Values joined by commas, each printed with full double precision (shortest round-trip form). */
    public static String values(double[] v) {
        StringBuilder sb = new StringBuilder(v.length * 20);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        return sb.toString();
    }
}
