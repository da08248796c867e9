package io.contrastkit.app.cli;

/**
 * Text that must stay on one line of output (a failure line, a row of {@code failures}): control
 * characters in a file name or a reason are shown escaped ({@code \n}, {@code \t}, {@code \x01}), so
 * a file named with a newline cannot split its line in two or forge another.
 */
public final class OneLine {

    private OneLine() {
    }

    /** {@code text} with every control character escaped; unchanged when it has none. */
    public static String of(Object text) {
        String s = String.valueOf(text);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
