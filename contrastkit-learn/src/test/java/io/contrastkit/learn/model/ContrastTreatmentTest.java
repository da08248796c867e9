package io.contrastkit.learn.model;

import static io.contrastkit.core.FeatureSchema.V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.learn.model.TreatedPhotos.Treatment;
import io.contrastkit.learn.validate.ClusterAgreement;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Do the groups follow contrast or content? The bundled photos, four crops each, under three contrast
 * treatments (haze, untouched, strong S-curve): the groups of {@code k auto} should agree with the treatment
 * class far more than with the source photo. Figures per feature choice are printed for the README.
 */
class ContrastTreatmentTest {

    private static TreatedPhotos.Collection collection;

    @BeforeAll
    static void build() throws IOException {
        collection = TreatedPhotos.Collection.empty();
        List<Path> photos = TreatedPhotos.photos();
        for (int p = 0; p < photos.size(); p++) {
            BufferedImage img = TreatedPhotos.small(photos.get(p), 160);
            for (int corner = 0; corner < 4; corner++) {
                BufferedImage crop = TreatedPhotos.crop(img, 0.75, corner);
                for (Treatment t : Treatment.values()) {
                    collection.rows().add(TreatedPhotos.features(TreatedPhotos.tone(crop, t.curve)));
                    collection.source().add(p);
                    collection.contrastClass().add(t.ordinal());
                }
            }
        }
    }

    /** ARI with the contrast class and with the source photo for one feature choice, and the chosen k. */
    static double[] measure(List<String> features) {
        ContrastModelFit fit = ContrastModelTrainer.fit(collection.matrix(), null, V1,
                ContrastModelOptions.defaults().withFeatures(features).withMapSample(200), 42L,
                new Provenance.Source("test", "treatments", "2024-01-01T00:00:00Z"));
        int[] groups = fit.predictions().stream().mapToInt(Prediction::group).toArray();
        int[] contrast = collection.contrastClass().stream().mapToInt(Integer::intValue).toArray();
        int[] source = collection.source().stream().mapToInt(Integer::intValue).toArray();
        return new double[] {ClusterAgreement.adjustedRandIndex(groups, contrast),
                ClusterAgreement.adjustedRandIndex(groups, source), fit.model().clustering().k()};
    }

    @Test
    void theDefaultFeaturesGroupByContrastNotBySourcePhoto() {
        Map<String, List<String>> choices = new LinkedHashMap<>();
        choices.put("all", List.of());
        choices.put("contrast (default)", ContrastModelOptions.CONTRAST_FEATURES);
        choices.put("contrast, wide", List.of("c_rms", "u_dr", "michelson", "std", "mean_local_contrast",
                "std_local_contrast", "local_contrast_p99", "luminance_contrast", "clipped_fraction"));
        choices.put("global", List.of("c_rms", "u_dr", "michelson", "std"));
        choices.put("rms", List.of("c_rms", "std"));
        choices.put("local", List.of("mean_local_contrast", "std_local_contrast", "local_contrast_p99"));
        double[] chosen = null;
        for (var e : choices.entrySet()) {
            double[] m = measure(e.getValue());
            System.out.printf(Locale.ROOT, "treatments %d images: features %-18s k=%2.0f  ARI(contrast) %.3f"
                    + "  ARI(source) %.3f%n", collection.rows().size(), e.getKey(), m[2], m[0], m[1]);
            if (e.getValue().equals(ContrastModelOptions.defaults().features())) {
                chosen = m;
            }
        }
        assertThat(chosen).as("the default is one of the measured choices").isNotNull();
        assertThat(chosen[0]).as("ARI(groups, contrast class) with the default features").isGreaterThanOrEqualTo(0.5);
        assertThat(chosen[0]).as("ARI(contrast) at least 3x ARI(source photo)")
                .isGreaterThanOrEqualTo(3 * Math.max(chosen[1], 0));
    }
}
