package io.contrastkit.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageTimesTest {

    @Test
    void perItemTimesAndSharesAddUp() {
        StageTimes t = new StageTimes();
        t.add(StageTimes.Stage.DECODE, 3_000_000, 1);
        t.add(StageTimes.Stage.DECODE, 5_000_000, 1);
        t.add(StageTimes.Stage.FEATURES, 12_000_000, 2);
        t.add(StageTimes.Stage.STORE, 4_000_000, 2);
        assertThat(t.millisPerItem(StageTimes.Stage.DECODE)).isEqualTo(4.0);
        assertThat(t.millisPerItem(StageTimes.Stage.FEATURES)).isEqualTo(6.0);
        assertThat(t.millisPerItem(StageTimes.Stage.READ)).isZero();
        // 8 + 12 + 4 = 24 ms in all: decode a third, features a half, store a sixth; unused stages not shown.
        assertThat(t.describe()).isEqualTo("stages (thread time per image): decode to working image 4.00 ms (33%),"
                + " features 6.00 ms (50%), store 2.00 ms (17%)");
    }
}
