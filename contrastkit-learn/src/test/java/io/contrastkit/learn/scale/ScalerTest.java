package io.contrastkit.learn.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalerTest {
    private static final double[][] X = {
        {1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {4, 40, 5}, {10, -50, 5},
    };

    @Test
    void standardUsesMeanAndPopulationStd() {
        FittedScaler s = Scaler.STANDARD.fit(X);
        // numpy 1.24: X.mean(0) = [4, 10, 5], X.std(0) = [3.16227766016838, 31.6227766016838, 0]
        assertThat(s.center()).containsExactly(new double[] {4, 10, 5}, within(1e-12));
        assertThat(s.scale()).containsExactly(new double[] {Math.sqrt(10), Math.sqrt(1000), 1.0}, within(1e-12));
    }

    @Test
    void robustUsesMedianAndNumpyLinearIqr() {
        FittedScaler s = Scaler.ROBUST.fit(X);
        // numpy 1.24: np.percentile(X, [25, 50, 75], axis=0) -> col0 2, 3, 4; col1 10, 20, 30
        assertThat(s.center()).containsExactly(3, 20, 5);
        assertThat(s.scale()).containsExactly(2, 20, 1);
        assertThat(Scaler.percentile(new double[] {1, 2, 3, 4}, 25)).isEqualTo(1.75);
    }

    @Test
    void fitThenTransformEqualsFitTransformAndInverts() {
        for (Scaler kind : Scaler.values()) {
            FittedScaler s = kind.fit(X);
            double[][] t = s.transform(X);
            assertThat(kind.fitTransform(X)).isDeepEqualTo(t);
            for (int i = 0; i < X.length; i++) {
                assertThat(s.transform(X[i])).containsExactly(t[i]);
                assertThat(s.inverseTransform(t[i])).containsExactly(X[i], within(1e-12));
                assertThat(t[i][2]).isEqualTo(0.0); // constant column stays at 0, never NaN
            }
            FittedScaler copy = FittedScaler.of(s.kind(), s.center(), s.scale());
            assertThat(copy.transform(X)).isDeepEqualTo(t);
        }
    }

    @Test
    void validatesInputNamingRowAndColumn() {
        double[][] bad = {{1, 2}, {3, Double.NaN}};
        assertThatThrownBy(() -> Scaler.STANDARD.fit(bad)).hasMessage("row 1 column 1 is NaN");
        assertThatThrownBy(() -> Scaler.STANDARD.fit(new double[][] {{1, 2}, {3}}))
                .hasMessage("rows row 1 has 1 columns, expected 2");
        FittedScaler s = Scaler.STANDARD.fit(X);
        assertThatThrownBy(() -> s.transform(new double[] {1, 2})).hasMessage("row has 2 columns, expected 3");
        assertThatThrownBy(() -> FittedScaler.of(Scaler.ROBUST, new double[] {0}, new double[] {0}))
                .hasMessage("scale column 0 is 0.0, must be finite and > 0");
    }
}
