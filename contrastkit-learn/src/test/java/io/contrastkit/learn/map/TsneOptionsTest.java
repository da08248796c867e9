package io.contrastkit.learn.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class TsneOptionsTest {

    @Test
    void defaultsAreScikitLearns() {
        TsneOptions o = TsneOptions.defaults();
        assertThat(o.perplexity()).isEqualTo(30);
        assertThat(o.earlyExaggeration()).isEqualTo(12);
        assertThat(o.explorationIter()).isEqualTo(250);
        assertThat(o.maxIter()).isEqualTo(1000);
        assertThat(o.theta()).isEqualTo(0.5);
        assertThat(o.learningRate()).isEmpty();
    }

    @Test
    void autoLearningRateIsNOver48FlooredAt50() {
        TsneOptions o = TsneOptions.defaults();
        assertThat(o.effectiveLearningRate(1000)).isEqualTo(50.0);
        assertThat(o.effectiveLearningRate(10_000)).isEqualTo(10_000 / 48.0);
        assertThat(o.withLearningRate(200).effectiveLearningRate(10_000)).isEqualTo(200.0);
    }

    @Test
    void rejectsBadValuesNamingFieldAndValue() {
        TsneOptions o = TsneOptions.defaults();
        assertThatThrownBy(() -> o.withPerplexity(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TsneOptions.perplexity must be > 0 and finite, was 0.0");
        assertThatThrownBy(() -> o.withPerplexity(Double.NaN)).hasMessageContaining("perplexity").hasMessageContaining("NaN");
        assertThatThrownBy(() -> o.withLearningRate(-1)).hasMessageContaining("TsneOptions.learningRate").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> o.withTheta(1.5)).hasMessage("TsneOptions.theta must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> o.withMaxIter(100))
                .hasMessage("TsneOptions.explorationIter must be in 0..maxIter (100), was 250");
        assertThatThrownBy(() -> o.withPlaceIter(-1)).hasMessage("TsneOptions.placeIter must be >= 0, was -1");
        assertThatThrownBy(() -> new TsneOptions(30, 0.5, 250, OptionalDouble.empty(), 1000, 0.5, 0.5, 0.8, 0.01,
                1e-7, 300, 250, 0)).hasMessageContaining("TsneOptions.earlyExaggeration").hasMessageContaining("0.5");
        assertThatThrownBy(() -> new TsneOptions(30, 12, 250, OptionalDouble.empty(), 1000, 0.5, 1.0, 0.8, 0.01,
                1e-7, 300, 250, 0)).hasMessage("TsneOptions.initialMomentum must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> new TsneOptions(30, 12, 250, null, 1000, 0.5, 0.5, 0.8, 0.01, 1e-7, 300, 250, 0))
                .hasMessageContaining("learningRate must not be null");
    }
}
