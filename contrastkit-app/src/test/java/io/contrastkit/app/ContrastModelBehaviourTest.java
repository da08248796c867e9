package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelFit;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.model.Provenance;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model on real photos: 15 fixture photos x 6 variants (crops, half size, two contrast levels) plus
 * three injected outliers, fitted once with the defaults.
 */
class ContrastModelBehaviourTest {

    private static final Provenance.Source SOURCE = new Provenance.Source("test", "fixtures", "2024-01-01T00:00:00Z");
    private static final List<String> OUTLIERS = List.of("black frame", "pure noise", "blown-out frame");

    private static List<String> names;
    private static double[][] rows;
    private static ContrastModelFit fit;

    @BeforeAll
    static void fit() {
        Map<String, BufferedImage> images = new LinkedHashMap<>(ModelPhotos.variants());
        images.put("black frame", ModelPhotos.filled(160, 120, 0x000000));
        images.put("pure noise", ModelPhotos.noise(160, 120, 7));
        images.put("blown-out frame", ModelPhotos.filled(160, 120, 0xffffff));
        names = new ArrayList<>(images.keySet());
        rows = ModelPhotos.rows(images).toArray(new double[0][]);
        fit = ContrastModelTrainer.fit(rows, names, FeatureSchema.V1, ContrastModelOptions.defaults(), 42, SOURCE);
    }

    @Test
    void injectedOutliersAreTheTopAnomaliesAndFlagged() {
        List<Prediction> p = fit.predictions();
        List<Integer> ranked = IntStream.range(0, p.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -p.get(i).anomalyScore())).toList();
        List<String> top = ranked.stream().limit(8).map(i -> names.get(i) + String.format(" %.4f", p.get(i).anomalyScore()))
                .toList();
        System.out.println("rows " + rows.length + ", k " + fit.model().clustering().k() + ", top anomalies: " + top);
        assertThat(ranked.subList(0, 3).stream().map(names::get).toList()).containsExactlyInAnyOrderElementsOf(OUTLIERS);
        for (String o : OUTLIERS) {
            assertThat(p.get(names.indexOf(o)).anomaly()).as(o).isTrue();
        }
        long flaggedPhotos = IntStream.range(0, p.size()).filter(i -> p.get(i).anomaly() && !OUTLIERS.contains(names.get(i)))
                .count();
        assertThat(flaggedPhotos).as("real photos flagged").isLessThanOrEqualTo(rows.length / 20);
        // New frames of other sizes are scored from what the model stores and flagged too.
        ContrastModel m = fit.model();
        assertThat(m.predict(ModelPhotos.features(ModelPhotos.filled(64, 48, 0x010101))).anomaly()).isTrue();
        assertThat(m.predict(ModelPhotos.features(ModelPhotos.noise(100, 100, 99))).anomaly()).isTrue();
    }

    @Test
    void contrastScoreFallsStrictlyUnderCompressionAndRisesUnderAnSCurve() {
        ContrastModel m = fit.model();
        double[] levels = {1.0, 0.8, 0.6, 0.4, 0.25, 0.12, 0.05};
        for (String photo : List.of("camera.png", "coffee.png", "moon.png", "grass.png")) {
            BufferedImage base = ModelPhotos.photo(photo);
            double previous = Double.POSITIVE_INFINITY;
            StringBuilder seen = new StringBuilder(photo + ":");
            for (double a : levels) {
                double s = m.predict(ModelPhotos.features(ModelPhotos.compress(base, a))).contrastScore();
                seen.append(String.format(" %.2f->%.4f", a, s));
                assertThat(s).as(photo + " at " + a).isBetween(0.0, 100.0).isLessThan(previous);
                previous = s;
            }
            double plain = m.predict(ModelPhotos.features(base)).contrastScore();
            double stretched = m.predict(ModelPhotos.features(ModelPhotos.sCurve(base, 4))).contrastScore();
            seen.append(String.format("; S-curve %.4f -> %.4f", plain, stretched));
            System.out.println(seen);
            assertThat(stretched).as(photo + " S-curve").isGreaterThan(plain);
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndTheFileReloads() {
        ContrastModelFit again = ContrastModelTrainer.fit(rows, names, FeatureSchema.V1, ContrastModelOptions.defaults(),
                42, SOURCE);
        String json = fit.model().toJson();
        assertThat(again.model().toJson()).isEqualTo(json);
        assertThat(ContrastModel.fromJson(json, "m.json").toJson()).isEqualTo(json);
    }

    @Test
    void groupsHaveUniqueDescriptiveNamesAndRepresentatives() {
        ContrastModel m = fit.model();
        assertThat(m.groups().stream().map(g -> g.name()).distinct().count()).isEqualTo(m.groups().size());
        m.groups().forEach(g -> {
            System.out.println("group " + g.id() + " (" + g.size() + "): " + g.name() + " e.g. "
                    + g.representatives().get(0).path());
            assertThat(g.representatives()).isNotEmpty();
        });
        assertThat(m.groups().stream().mapToInt(g -> g.size()).sum()).isEqualTo(rows.length);
    }

    @Test
    void aModelOfAnotherFeatureVersionIsRefused() {
        String json = fit.model().toJson().replace("\"contrast-features/v1\"", "\"contrast-features/v0\"");
        assertThatThrownBy(() -> ContrastModel.fromJson(json, "legacy.json"))
                .hasMessageContaining("'contrast-features/v0'").hasMessageContaining("'contrast-features/v1'");
    }
}
