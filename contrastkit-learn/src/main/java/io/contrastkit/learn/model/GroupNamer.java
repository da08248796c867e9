package io.contrastkit.learn.model;

import io.contrastkit.core.FeatureSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deterministic descriptive names for groups from their z-score profiles, e.g.
 * {@code "low contrast, dark, smooth"}.
 *
 * <p>Each trait of the table averages the z-scores of its features (a leading {@code -} flips one) and
 * says its high or low word when strong. A name is the two strongest traits, plus a third when it is
 * at least {@value #THIRD_TRAIT} sigma; ties go to table order. When two groups would share a name the
 * later one (by id) takes its next-strongest trait, and a number only when every trait is used.
 */
public final class GroupNamer {

    /** One row of the word table. */
    record Trait(String key, List<String> features, String high, String low) {
    }

    /** The word table; order breaks ties. */
    static final List<Trait> TABLE = List.of(
            new Trait("contrast", List.of("c_rms", "std", "u_dr", "michelson", "luminance_contrast"),
                    "high contrast", "low contrast"),
            new Trait("brightness", List.of("mean"), "bright", "dark"),
            new Trait("detail", List.of("high_freq_energy", "freq_ratio", "-low_freq_energy"), "detailed", "smooth"),
            new Trait("texture", List.of("mean_local_contrast", "std_local_contrast", "local_contrast_p99"),
                    "textured", "soft"),
            new Trait("colour", List.of("chroma_mean", "chroma_contrast"), "colourful", "muted"),
            new Trait("hues", List.of("hue_diversity"), "many hues", "few hues"),
            new Trait("clipping", List.of("clipped_fraction"), "clipped", null),
            new Trait("tones", List.of("entropy"), "rich tones", "few tones"),
            new Trait("skew", List.of("skewness"), "shadow-heavy", "highlight-heavy"));

    /** A third trait joins the name only when at least this strong (in sigmas of the collection). */
    static final double THIRD_TRAIT = 0.5;

    private GroupNamer() {
    }

    /** A trait's signed strength in a profile, and its word (null when the direction has none). */
    record Said(Trait trait, double strength, String word) {
    }

    /** The traits of one profile that have a word, strongest first (ties: table order). */
    static List<Said> traits(Map<String, Double> profile, FeatureSchema schema) {
        List<Said> out = new ArrayList<>();
        for (Trait t : TABLE) {
            double sum = 0;
            int used = 0;
            for (String f : t.features()) {
                boolean flip = f.startsWith("-");
                String name = flip ? f.substring(1) : f;
                if (schema.contains(name) && profile.containsKey(name)) {
                    sum += flip ? -profile.get(name) : profile.get(name);
                    used++;
                }
            }
            if (used == 0) {
                continue;
            }
            double strength = sum / used;
            String word = strength >= 0 ? t.high() : t.low();
            if (word != null) {
                out.add(new Said(t, strength, word));
            }
        }
        // Stable sort keeps table order among equal strengths.
        out.sort((a, b) -> Double.compare(Math.abs(b.strength()), Math.abs(a.strength())));
        return out;
    }

    /** Names for profiles given in group-id order; the result is unique and in the same order. */
    static List<Named> name(List<Map<String, Double>> profiles, FeatureSchema schema) {
        List<Named> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int g = 0; g < profiles.size(); g++) {
            List<Said> said = traits(profiles.get(g), schema);
            int use = Math.min(2, said.size());
            if (said.size() > 2 && Math.abs(said.get(2).strength()) >= THIRD_TRAIT) {
                use = 3;
            }
            List<String> words = new ArrayList<>();
            for (int i = 0; i < use; i++) {
                words.add(said.get(i).word());
            }
            String name = words.isEmpty() ? "typical" : String.join(", ", words);
            int next = use;
            while (taken.contains(name) && next < said.size()) {
                words.add(said.get(next++).word());
                name = String.join(", ", words);
            }
            if (taken.contains(name)) {
                String base = name;
                int number = 2;
                while (taken.contains(name)) {
                    name = base + " " + number++;
                }
            }
            taken.add(name);
            out.add(new Named(name, List.copyOf(words)));
        }
        return out;
    }

    /** A group's name and the trait words it was made of. */
    record Named(String name, List<String> words) {
    }
}
