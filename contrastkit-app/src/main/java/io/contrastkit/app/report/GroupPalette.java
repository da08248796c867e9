package io.contrastkit.app.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * The one place a group's colour and marker are decided, for the report's charts and the explorer's page
 * alike, so a group looks the same everywhere.
 *
 * <p>Twenty colours: Kelly's (1965) list of colours of maximum contrast, white and black left out, its two
 * yellows nearest the others (greenish and orange yellow) replaced by cyan and navy, reordered so the first
 * ten are the most different from each other; no colour repeats below 20 groups (every pair at least 40
 * apart in RGB).
 * From group 20 on the colours come round again with another marker shape (circle, square, diamond,
 * triangle, cross), so groups 0 and 20 differ by shape.
 */
public final class GroupPalette {

    /** How many groups get a colour of their own. */
    public static final int COLOURS = 20;

    private static final int[] RGB = {
            0x0067a5, 0xf38400, 0x008856, 0xbe0032, 0x875692, 0x882d17, 0xe68fac, 0x848482, 0x8db600, 0xa1caf1,
            0xf3c300, 0x604e97, 0xf99379, 0xb3446c, 0x2b3d26, 0xe25822, 0xc2b280, 0x17becf, 0x654522, 0x1a1a80};

    /** The shapes in the order groups 0-19, 20-39, ... use them. */
    public enum Marker {
        /** Groups 0-19 (and every fifth band of twenty after). */
        CIRCLE,
        /** Groups 20-39. */
        SQUARE,
        /** Groups 40-59. */
        DIAMOND,
        /** Groups 60-79. */
        TRIANGLE,
        /** Groups 80-99. */
        CROSS
    }

    /** Viridis at nine stops: a perceptually even dark-to-bright ramp for continuous values. */
    private static final int[] RAMP = {
            0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaadc32, 0xfde725};

    private GroupPalette() {
    }

    /** The colour of group {@code group} (non-negative). */
    public static Color colour(int group) {
        return new Color(RGB[index(group) % COLOURS]);
    }

    /** The CSS hex of group {@code group}'s colour. */
    public static String css(int group) {
        return hex(RGB[index(group) % COLOURS]);
    }

    /** The marker of group {@code group}: a circle below 20 groups, then other shapes. */
    public static Marker marker(int group) {
        Marker[] all = Marker.values();
        return all[(index(group) / COLOURS) % all.length];
    }

    /** The continuous ramp as CSS hex colours, dark to bright. */
    public static List<String> rampCss() {
        return java.util.Arrays.stream(RAMP).mapToObj(GroupPalette::hex).toList();
    }

    static Color ramp(int stop) {
        return new Color(RAMP[stop]);
    }

    static int rampStops() {
        return RAMP.length;
    }

    private static int index(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("group must be >= 0, got " + group);
        }
        return group;
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }
}
