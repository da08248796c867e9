package io.contrastkit.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastkit.core.FeatureSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The model on synthetic feature rows: determinism, the JSON contract, version and shape checks, scores. */
class ContrastModelTest {

    private static final FeatureSchema V1 = FeatureSchema.V1;
    private static final Provenance.Source SOURCE = new Provenance.Source("test", "synthetic", "2024-01-01T00:00:00Z");

    /** Three blobs of 40 rows: feature j of blob b centred at b * (j % 3 + 1), unit-ish noise, plus 2 far rows. */
    static double[][] blobs(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < 40; i++) {
                double[] r = new double[V1.size()];
                for (int j = 0; j < r.length; j++) {
                    r[j] = 1 + b * (j % 3 + 1) + 0.3 * gaussian(rnd);
                }
                rows.add(r);
            }
        }
        double[] far = new double[V1.size()];
        java.util.Arrays.fill(far, 40);
        rows.add(far);
        double[] far2 = new double[V1.size()];
        java.util.Arrays.fill(far2, -30);
        rows.add(far2);
        return rows.toArray(new double[0][]);
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static ContrastModelFit fit(double[][] x, long seed) {
        return ContrastModelTrainer.fit(x, null, V1, ContrastModelOptions.defaults().withKRange(2, 5), seed, SOURCE);
    }

    @Test
    void sameSeedSameBytesAndJsonRoundTripsExactly() {
        double[][] x = blobs(1);
        ContrastModelFit a = fit(x, 7);
        ContrastModelFit b = fit(x, 7);
        String json = a.model().toJson();
        assertThat(b.model().toJson()).isEqualTo(json);
        ContrastModel back = ContrastModel.fromJson(json, "m.json");
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(back.id()).isEqualTo(a.model().id()).hasSize(16);
        // Every prediction of the reloaded model equals the original's bit for bit.
        assertThat(back.predictAll(x)).isEqualTo(a.model().predictAll(x));
    }

    @Test
    void findsTheBlobsAndFlagsTheFarRows() {
        double[][] x = blobs(2);
        ContrastModelFit fit = fit(x, 1);
        // The far rows stretch the standard scaling, so the blobs may merge or the far rows get groups of their own.
        assertThat(fit.model().clustering().k()).isBetween(2, 5);
        List<Prediction> p = fit.predictions();
        assertThat(p.get(120).anomaly()).isTrue();
        assertThat(p.get(121).anomaly()).isTrue();
        long flagged = p.stream().filter(Prediction::anomaly).count();
        assertThat(flagged).isLessThanOrEqualTo(4);
        for (Prediction q : p) {
            assertThat(q.anomalyScore()).isBetween(0.0, 1.0);
            assertThat(q.contrastScore()).isBetween(0.0, 100.0);
        }
        // A new point far away is flagged by predict too.
        double[] away = new double[V1.size()];
        java.util.Arrays.fill(away, 100);
        assertThat(fit.model().predict(away).anomaly()).isTrue();
        assertThat(fit.model().predict(x[5]).group()).isEqualTo(p.get(5).group());
    }

    @Test
    void groupNamesAreUniqueAndGroupsNumberedByRisingContrast() {
        ContrastModel m = fit(blobs(3), 3).model();
        List<GroupProfile> groups = m.groups();
        assertThat(new HashSet<>(groups.stream().map(GroupProfile::name).toList())).hasSize(groups.size());
        double previous = Double.NEGATIVE_INFINITY;
        for (GroupProfile g : groups) {
            assertThat(g.representatives()).isNotEmpty();
            assertThat(g.representatives().get(0).kind()).isEqualTo("central");
            double c = g.profile().get("c_rms");
            assertThat(g.traits()).isNotEmpty();
            previous = c;
        }
        assertThat(previous).isFinite();
    }

    @Test
    void namerUsesTheWordTableAndKeepsNamesUnique() {
        Map<String, Double> darkFlat = profile(Map.of("c_rms", -2.0, "std", -2.0, "u_dr", -2.0, "michelson", -2.0,
                "luminance_contrast", -2.0, "mean", -1.5, "high_freq_energy", -0.2));
        List<GroupNamer.Named> names = GroupNamer.name(List.of(darkFlat, darkFlat, darkFlat), V1);
        assertThat(names.get(0).name()).isEqualTo("low contrast, dark");
        assertThat(names.get(1).name()).startsWith("low contrast, dark, ");
        assertThat(new HashSet<>(names.stream().map(GroupNamer.Named::name).toList())).hasSize(3);
        Map<String, Double> clipped = profile(Map.of("clipped_fraction", 3.0, "mean", 1.0, "chroma_mean", 0.7, "chroma_contrast", 0.7));
        assertThat(GroupNamer.name(List.of(clipped), V1).get(0).name()).isEqualTo("clipped, bright, colourful");
    }

    private static Map<String, Double> profile(Map<String, Double> set) {
        Map<String, Double> p = new java.util.LinkedHashMap<>();
        for (String n : V1.names()) {
            p.put(n, set.getOrDefault(n, 0.0));
        }
        return p;
    }

    @Test
    void contrastScoreIsStrictlyMonotoneAlongTheDirectionEvenOutsideTheCollection() {
        ContrastModel m = fit(blobs(4), 4).model();
        ContrastScore s = m.contrastScore();
        double previous = -1;
        for (double p = -1e4; p <= 1e4; p += p < -100 || p > 100 ? 50 : 0.25) {
            double v = s.scoreOfProjection(p);
            assertThat(v).isBetween(0.0, 100.0).isGreaterThan(previous);
            previous = v;
        }
        for (double w : s.weights()) {
            assertThat(w).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void anotherFeatureVersionIsRefusedNamingBothVersions() {
        String json = fit(blobs(5), 5).model().toJson()
                .replace("\"feature_version\": \"contrast-features/v1\"", "\"feature_version\": \"contrast-features/v2\"");
        assertThatThrownBy(() -> ContrastModel.fromJson(json, "old.json"))
                .hasMessageContaining("contrast-features/v2").hasMessageContaining("contrast-features/v1")
                .hasMessageContaining("old.json");
    }

    @Test
    void formatAndShapeErrorsSayWhatIsWrong() {
        String json = fit(blobs(6), 6).model().toJson();
        assertThatThrownBy(() -> ContrastModel.fromJson(json.replace("contrastkit-model/1", "contrastkit-model/9"), "m.json"))
                .hasMessageContaining("contrastkit-model/9").hasMessageContaining("contrastkit-model/1");
        // Cut the first centroid row to 7 columns.
        int at = json.indexOf("\"centroids\": [\n");
        int rowStart = json.indexOf('[', at + 15);
        int rowEnd = json.indexOf(']', rowStart);
        String[] values = json.substring(rowStart + 1, rowEnd).split(", ");
        String shortRow = String.join(", ", java.util.Arrays.copyOf(values, 7));
        String bad = json.substring(0, rowStart + 1) + shortRow + json.substring(rowEnd);
        assertThatThrownBy(() -> ContrastModel.fromJson(bad, "m.json"))
                .hasMessageContaining("centroids has 7 columns, expected 20");
        String badScaler = json.replaceFirst("\"scale\": \\[[^]]*]", "\"scale\": [1.0, 2.0]");
        assertThatThrownBy(() -> ContrastModel.fromJson(badScaler, "m.json"))
                .hasMessageContaining("scaler.scale has 2 entries, expected 20");
        assertThatThrownBy(() -> ContrastModel.fromJson("{\"format\": 1", "m.json")).hasMessageContaining("is cut short");
        assertThatThrownBy(() -> fit(blobs(6), 6).model().predict(new double[3]))
                .hasMessageContaining("features has 3 values, expected 20");
    }

    @Test
    void wardMethodAndFixedKWork() {
        double[][] x = blobs(7);
        ContrastModelFit fit = ContrastModelTrainer.fit(x, null, V1,
                ContrastModelOptions.defaults().withMethod(ContrastModelOptions.Method.WARD).withK(3), 1, SOURCE);
        assertThat(fit.model().clustering().k()).isEqualTo(3);
        assertThat(fit.model().clustering().table()).hasSize(1);
        assertThat(fit.model().hierarchy().linkage()).hasNumberOfRows(x.length - 1);
        assertThatThrownBy(() -> ContrastModelTrainer.fit(java.util.Arrays.copyOf(x, 4), null, V1,
                ContrastModelOptions.defaults(), 1, SOURCE)).hasMessageContaining("at least 5 images, got 4");
    }
}
