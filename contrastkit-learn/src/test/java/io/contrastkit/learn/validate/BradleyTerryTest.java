package io.contrastkit.learn.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BradleyTerryTest {

    private static final BradleyTerry.Options MLE = BradleyTerry.Options.defaults().withPrior(0);

    @Test
    void twoItemsThreeWinsToOne() {
        // By hand: P(A beats B) = pA / (pA + pB) = 3/4 at the MLE, so pA / pB = 3 and the log-scores,
        // centred, are +ln(3)/2 and -ln(3)/2.
        BradleyTerry.Result r = BradleyTerry.fit(2, new int[] {0, 0, 0, 1}, new int[] {1, 1, 1, 0}, MLE);
        assertThat(r.converged()).isTrue();
        assertThat(r.scores()[0]).isCloseTo(Math.log(3) / 2, within(1e-9));
        assertThat(r.scores()[1]).isCloseTo(-Math.log(3) / 2, within(1e-9));
        assertThat(r.wins()).containsExactly(3, 1);
        assertThat(r.games()).containsExactly(4, 4);
    }

    @Test
    void threeItemChainByHand() {
        // A beats B 2-1, B beats C 2-1, A and C split 1-1 (items 0, 1, 2). Reversing the order maps the data
        // onto itself, so the MLE has p_B = 1, p_A = a, p_C = 1/a. A's likelihood equation, wins = expected wins:
        //   3 = 3a/(a+1) + 2a/(a+1/a)  <=>  3(a+1)(a^2+1) = 3a(a^2+1) + 2a^2(a+1)  <=>  2a^3 - a^2 - 3 = 0,
        // whose one real root a ~ 1.33794 gives centred log-scores (ln a, 0, -ln a).
        int[] w = {0, 0, 1, 1, 1, 2, 0, 2};
        int[] l = {1, 1, 0, 2, 2, 1, 2, 0};
        double lo = 1;
        double hi = 2;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (2 * mid * mid * mid - mid * mid - 3 > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double a = (lo + hi) / 2;
        assertThat(a).isCloseTo(1.33794, within(1e-5));
        BradleyTerry.Result r = BradleyTerry.fit(3, w, l, MLE);
        assertThat(r.converged()).isTrue();
        assertThat(r.scores()).containsExactly(new double[] {Math.log(a), 0, -Math.log(a)}, within(1e-8));
        assertThat(r.wins()).containsExactly(3, 3, 2);
    }

    @Test
    void aBalancedCycleGivesEqualScores() {
        BradleyTerry.Result r = BradleyTerry.fit(3, new int[] {0, 1, 2}, new int[] {1, 2, 0}, MLE);
        assertThat(r.scores()).containsExactly(new double[] {0, 0, 0}, within(1e-12));
    }

    @Test
    void thePriorKeepsUnbeatenItemsFinite() {
        BradleyTerry.Result r = BradleyTerry.fit(3, new int[] {0, 0, 1}, new int[] {1, 2, 2}, BradleyTerry.Options.defaults());
        assertThat(java.util.Arrays.stream(r.scores()).allMatch(Double::isFinite)).isTrue();
        assertThat(r.scores()[0]).isGreaterThan(r.scores()[1]);
        assertThat(r.scores()[1]).isGreaterThan(r.scores()[2]);
        assertThatThrownBy(() -> BradleyTerry.fit(3, new int[] {0, 0, 1}, new int[] {1, 2, 2}, MLE))
                .hasMessageContaining("item 0 won 2 of 2");
        assertThatThrownBy(() -> BradleyTerry.fit(2, new int[] {0}, new int[] {0}, MLE))
                .hasMessageContaining("judgement 0 compares item 0 with itself");
        assertThatThrownBy(() -> BradleyTerry.fit(2, new int[] {0}, new int[] {5}, MLE))
                .hasMessageContaining("item 5, outside 0..1");
    }
}
