package io.contrastkit.app.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the formats of a store whose rows were measured by more than one decoder. For lossy formats
 * the decoders' pixels can differ (libwebp and the Java WebP decoder give clipped_fraction 0.0161 and
 * 0.0856 on one photo; the JPEG decoders agreed to the bit on the images checked, which no standard
 * promises), so such rows may not be comparable: a loud warning, with the counts and what to do.
 * Lossless formats decode to the same pixels in every decoder and are left out.
 */
public final class DecoderMix {

    /** The formats whose pixels depend on the decoder. */
    static final Set<String> LOSSY = Set.of("jpeg", "webp");

    private DecoderMix() {
    }

    /**
     * One warning line per lossy format measured by two or more decoders (by name; versions of one
     * decoder are taken as the same), or none.
     *
     * @param byFormat rows per decoder ({@code "name version"}, null when not recorded) per format, as
     *                 {@link io.contrastkit.store.FeatureStore#decodersByFormat()} gives them
     */
    public static List<String> warnings(Map<String, Map<String, Long>> byFormat) {
        List<String> out = new ArrayList<>();
        byFormat.forEach((format, decoders) -> {
            if (!LOSSY.contains(format)) {
                return;
            }
            Map<String, Long> byName = new TreeMap<>();
            decoders.forEach((decoder, rows) -> byName.merge(name(decoder), rows, Long::sum));
            if (byName.size() < 2) {
                return;
            }
            List<String> parts = new ArrayList<>();
            byName.forEach((name, rows) -> parts.add(String.format(Locale.ROOT, "%d by %s", rows, name)));
            out.add("WARNING: the store's " + format + " rows were measured by " + byName.size() + " decoders ("
                    + String.join(", ", parts) + "); lossy " + format + " can decode differently in each, so these"
                    + " rows may not be comparable. Re-measure them with one decoder: extract --force");
        });
        return out;
    }

    /** The decoder's name without its version; rows of stores older than schema version 2 recorded none. */
    static String name(String decoder) {
        if (decoder == null) {
            return "an unrecorded decoder";
        }
        int space = decoder.indexOf(' ');
        return space < 0 ? decoder : decoder.substring(0, space);
    }
}
