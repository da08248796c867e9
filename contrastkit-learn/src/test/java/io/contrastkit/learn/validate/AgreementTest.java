package io.contrastkit.learn.validate;

import io.contrastkit.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AgreementTest {

    /** One row of the table published in iqa-scores/README.md (computed there with scipy 1.10). */
    record Published(String file, int n, double srcc, double krcc, double plcc, double plccLogistic, double rmseLogistic) {
    }

    static final List<Published> PUBLISHED = List.of(
            new Published("ccid2014-niqmc.csv", 655, -0.8113, -0.6052, -0.8190, 0.8438, 0.3510),
            new Published("ccid2014-ceiq.csv", 655, 0.8120, 0.6052, 0.8143, 0.8367, 0.3581),
            new Published("cid2013-niqmc.csv", 400, -0.8668, -0.6690, -0.8472, 0.8691, 0.3082),
            new Published("cid2013-ceiq.csv", 400, 0.8431, 0.6412, 0.8245, 0.8459, 0.3324));

    @Test
    void reproducesThePublishedFiguresOfAllFourIqaFiles() {
        for (Published p : PUBLISHED) {
            Golden.IqaScores s = Golden.iqa(p.file());
            AgreementResult r = Agreement.compute(s.mos(), s.score(), Agreement.Options.defaults().withResamples(0));
            assertThat(r.n()).as(p.file() + " n").isEqualTo(p.n());
            // the README rounds to 4 decimals: 1e-4 covers the rounding
            assertThat(r.srcc()).as(p.file() + " srcc").isCloseTo(p.srcc(), within(1e-4));
            assertThat(r.krcc()).as(p.file() + " krcc").isCloseTo(p.krcc(), within(1e-4));
            assertThat(r.plcc()).as(p.file() + " plcc").isCloseTo(p.plcc(), within(1e-4));
            // the README allows 2e-3 for the non-convex fit; we reach scipy's optimum, so 1e-4 holds too
            assertThat(r.plccLogistic()).as(p.file() + " plcc_logistic").isCloseTo(p.plccLogistic(), within(2e-3));
            assertThat(r.plccLogistic()).as(p.file() + " plcc_logistic").isCloseTo(p.plccLogistic(), within(1e-4));
            assertThat(r.rmseLogistic()).as(p.file() + " rmse_logistic").isCloseTo(p.rmseLogistic(), within(1e-4));
        }
    }

    @Test
    void bootstrapIntervalsAreSeededAndContainThePointEstimates() {
        Golden.IqaScores s = Golden.iqa("cid2013-ceiq.csv");
        Agreement.Options options = Agreement.Options.defaults().withResamples(150).withSeed(7);
        AgreementResult a = Agreement.compute(s.mos(), s.score(), options);
        AgreementResult b = Agreement.compute(s.mos(), s.score(), options);
        assertThat(b).isEqualTo(a);
        assertThat(a.srccCi()).isEqualTo(b.srccCi());
        assertThat(a.plccLogisticCi()).isEqualTo(b.plccLogisticCi());

        assertThat(a.srccCi().contains(a.srcc())).isTrue();
        assertThat(a.krccCi().contains(a.krcc())).isTrue();
        assertThat(a.plccCi().contains(a.plcc())).isTrue();
        assertThat(a.plccLogisticCi().contains(a.plccLogistic())).isTrue();
        assertThat(a.rmseLogisticCi().contains(a.rmseLogistic())).isTrue();
        // n = 400 pairs: the rank-correlation intervals are a few hundredths wide, not degenerate
        assertThat(a.srccCi().width()).isBetween(0.01, 0.15);

        AgreementResult other = Agreement.compute(s.mos(), s.score(), options.withSeed(8));
        assertThat(other.srccCi()).isNotEqualTo(a.srccCi());
    }

    @Test
    void defaultThousandResamples() {
        Golden.IqaScores s = Golden.iqa("cid2013-niqmc.csv");
        AgreementResult r = Agreement.compute(s.mos(), s.score());
        assertThat(r.resamples()).isEqualTo(1000);
        assertThat(r.srccCi().contains(r.srcc())).isTrue();
        assertThat(r.krccCi().contains(r.krcc())).isTrue();
        assertThat(r.plccLogisticCi().contains(r.plccLogistic())).isTrue();
        assertThat(r.rmseLogisticCi().contains(r.rmseLogistic())).isTrue();
        assertThat(r.srccCi().hi()).isLessThan(0);
    }

    @Test
    void toMapHasTheDocumentedKeysInOrder() {
        Golden.IqaScores s = Golden.iqa("cid2013-niqmc.csv");
        AgreementResult r = Agreement.compute(s.mos(), s.score(), Agreement.Options.defaults().withResamples(50));
        Map<String, Object> m = r.toMap();
        assertThat(m).containsOnlyKeys("n", "srcc", "srcc_ci", "krcc", "krcc_ci", "plcc", "plcc_ci",
                "plcc_logistic", "plcc_logistic_ci", "rmse_logistic", "rmse_logistic_ci");
        assertThat(m.keySet()).containsExactly("n", "srcc", "srcc_ci", "krcc", "krcc_ci", "plcc", "plcc_ci",
                "plcc_logistic", "plcc_logistic_ci", "rmse_logistic", "rmse_logistic_ci");
        assertThat(m.get("n")).isEqualTo(400);
        assertThat(m.get("srcc_ci")).isEqualTo(List.of(r.srccCi().lo(), r.srccCi().hi()));

        Map<String, Object> bare = Agreement.compute(s.mos(), s.score(), Agreement.Options.defaults().withResamples(0)).toMap();
        assertThat(bare.keySet()).containsExactly("n", "srcc", "krcc", "plcc", "plcc_logistic", "rmse_logistic");
    }

    @Test
    void rejectsBadInputNamingTheArrayAndIndex() {
        assertThatThrownBy(() -> Agreement.compute(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 2, 3, 4, Double.NaN, 6}))
                .hasMessage("score[4] is NaN");
        assertThatThrownBy(() -> Agreement.compute(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 2, 3}))
                .hasMessageContaining("truth has 6 values, score has 3");
        assertThatThrownBy(() -> Agreement.Options.defaults().withResamples(-1)).hasMessageContaining("resamples");
    }
}
