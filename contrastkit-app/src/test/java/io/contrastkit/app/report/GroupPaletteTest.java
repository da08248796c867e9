package io.contrastkit.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 13: one palette, no colour repeated below 20 groups, then another marker. */
class GroupPaletteTest {

    @Test
    void twentyGroupsHaveTwentyColoursAndTheNextTwentyAnotherMarker() {
        Set<String> colours = new HashSet<>();
        for (int g = 0; g < GroupPalette.COLOURS; g++) {
            colours.add(GroupPalette.css(g));
            assertThat(GroupPalette.marker(g)).isEqualTo(GroupPalette.Marker.CIRCLE);
            assertThat(Charts.groupCss(g)).isEqualTo(GroupPalette.css(g));
        }
        assertThat(colours).hasSize(20);
        Set<String> looks = new HashSet<>();
        for (int g = 0; g < 100; g++) {
            looks.add(GroupPalette.css(g) + " " + GroupPalette.marker(g));
        }
        assertThat(looks).as("colour and marker together tell 100 groups apart").hasSize(100);
        assertThat(GroupPalette.marker(20)).isEqualTo(GroupPalette.Marker.SQUARE);
        assertThat(GroupPalette.css(20)).isEqualTo(GroupPalette.css(0));
        assertThatThrownBy(() -> GroupPalette.css(-1)).hasMessageContaining("group must be >= 0, got -1");
    }

    @Test
    void theColoursAreFarApartInRgb() {
        // Smallest pairwise distance in RGB of the twenty: Kelly's set keeps every pair visibly different.
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < GroupPalette.COLOURS; a++) {
            for (int b = a + 1; b < GroupPalette.COLOURS; b++) {
                var ca = GroupPalette.colour(a);
                var cb = GroupPalette.colour(b);
                min = Math.min(min, Math.hypot(Math.hypot(ca.getRed() - cb.getRed(), ca.getGreen() - cb.getGreen()),
                        ca.getBlue() - cb.getBlue()));
            }
        }
        assertThat(min).isGreaterThan(40); // 40.1: Kelly's purple 875692 and violet 604e97
    }
}
