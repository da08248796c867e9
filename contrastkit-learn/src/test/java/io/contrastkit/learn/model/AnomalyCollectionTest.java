package io.contrastkit.learn.model;

import static io.contrastkit.core.FeatureSchema.V1;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The anomaly detectors on collections made from the bundled photos: degenerate frames among a few photos
 * are flagged, and a large collection of slightly perturbed photos is flagged at about the documented rate.
 */
class AnomalyCollectionTest {

    private static final Provenance.Source SOURCE = new Provenance.Source("test", "anomalies", "2024-01-01T00:00:00Z");

    @Test
    void blackAndWhiteFramesAmongSixPhotosAreFlagged() throws IOException {
        List<Path> photos = TreatedPhotos.photos().subList(0, 6);
        List<double[]> rows = new ArrayList<>();
        for (Path p : photos) {
            rows.add(TreatedPhotos.features(TreatedPhotos.small(p, 128)));
        }
        rows.add(TreatedPhotos.features(TreatedPhotos.flat(128, 96, 0)));
        rows.add(TreatedPhotos.features(TreatedPhotos.flat(128, 96, 255)));
        ContrastModelFit fit = ContrastModelTrainer.fit(rows.toArray(new double[0][]), null, V1,
                ContrastModelOptions.defaults(), 42L, SOURCE);
        List<Prediction> p = fit.predictions();
        for (int i = 0; i < p.size(); i++) {
            System.out.printf(Locale.ROOT, "six+frames row %d score %.3f flagged %s%n", i, p.get(i).anomalyScore(),
                    p.get(i).anomaly());
        }
        assertThat(p.get(6).anomaly()).as("black frame flagged (score %.3f)", p.get(6).anomalyScore()).isTrue();
        assertThat(p.get(7).anomaly()).as("white frame flagged (score %.3f)", p.get(7).anomalyScore()).isTrue();
        assertThat(p.subList(0, 6).stream().filter(Prediction::anomaly).count()).as("photos flagged").isLessThanOrEqualTo(1);
        // The saved model keeps the detectors' own space: its fitted scores come back from the file.
        ContrastModel back = ContrastModel.fromJson(fit.model().toJson(), "m.json");
        assertThat(back.toJson()).isEqualTo(fit.model().toJson());
        assertThat(back.anomaly().twoSpaces()).isTrue();
    }

    @Test
    void tenThousandPerturbedPhotosAreFlaggedAtAboutTheDocumentedRate() throws IOException {
        List<Path> photos = TreatedPhotos.photos();
        List<BufferedImage> base = new ArrayList<>();
        for (Path p : photos) {
            base.add(TreatedPhotos.small(p, 64));
        }
        int n = 10_000;
        double[][] rows = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            SplittableRandom rnd = new SplittableRandom(1000L + i);
            BufferedImage img = base.get(i % base.size());
            // small perturbations: a crop of 85..100%, gamma 0.9..1.1, gain 0.95..1.05, noise up to 2/255
            BufferedImage crop = TreatedPhotos.crop(img, 0.85 + 0.15 * rnd.nextDouble(), rnd.nextInt(4));
            double gamma = 0.9 + 0.2 * rnd.nextDouble();
            double gain = 0.95 + 0.1 * rnd.nextDouble();
            BufferedImage toned = TreatedPhotos.tone(crop, v -> gain * Math.pow(v, gamma));
            rows[i] = TreatedPhotos.features(TreatedPhotos.noise(toned, 2.0 * rnd.nextDouble() / 255, rnd.nextLong()));
        });
        ContrastModelFit fit = ContrastModelTrainer.fit(rows, null, V1, ContrastModelOptions.defaults().withMapSample(1_000),
                42L, SOURCE);
        long flagged = fit.predictions().stream().filter(Prediction::anomaly).count();
        double share = flagged / (double) n;
        System.out.printf(Locale.ROOT, "perturbed %d images: k=%d, %d flagged (%.3f%%), documented %.2f%%; %s%n", n,
                fit.model().clustering().k(), flagged, 100 * share, 100 * AnomalyModel.EXPECTED_CLEAN_SHARE,
                fit.model().clustering().reason());
        assertThat(share).as("flagged share within 2x of the documented rate")
                .isBetween(AnomalyModel.EXPECTED_CLEAN_SHARE / 2, AnomalyModel.EXPECTED_CLEAN_SHARE * 2);
    }
}
