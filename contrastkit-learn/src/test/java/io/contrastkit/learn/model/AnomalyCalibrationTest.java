package io.contrastkit.learn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The calibration's guards: a large share far out is part of the collection; a lone extreme is still flagged. */
class AnomalyCalibrationTest {

    /** 120 tight distances around 1 and 60 spread ones around e (a third of the collection, like a strong treatment). */
    private static double[] twoThirdsTightOneThirdSpread() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] raw = new double[180];
        for (int i = 0; i < raw.length; i++) {
            double z = gaussian(rnd);
            raw[i] = i < 120 ? Math.exp(0.1 * z) : Math.exp(1.0 + 0.5 * z);
        }
        return raw;
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static double flaggedShare(AnomalyModel.Calibration c, double[] raw) {
        return Arrays.stream(raw).filter(r -> c.apply(r) >= 0.5).count() / (double) raw.length;
    }

    @Test
    void aThirdOfTheCollectionFarOutIsNotItsAnomalies() {
        double[] raw = twoThirdsTightOneThirdSpread();
        double unguarded = flaggedShare(AnomalyModel.Calibration.fit(raw, false), raw);
        double guarded = flaggedShare(AnomalyModel.Calibration.fit(raw, true), raw);
        // the median absolute deviation alone sees only the tight two thirds and flags most of the rest
        assertThat(unguarded).as("flagged without the guard").isGreaterThan(0.2);
        assertThat(guarded).as("flagged with the guard").isLessThanOrEqualTo(0.05);
    }

    @Test
    void aLoneExtremeIsStillFlaggedAndOrdinaryRowsAreNot() {
        double[] raw = twoThirdsTightOneThirdSpread();
        double[] with = Arrays.copyOf(raw, raw.length + 1);
        with[raw.length] = Math.exp(6); // a frame far beyond anything in the collection
        AnomalyModel.Calibration c = AnomalyModel.Calibration.fit(with, true);
        assertThat(c.apply(with[raw.length])).isGreaterThan(0.9);
        assertThat(c.apply(1.0)).isLessThan(0.01);
    }

    @Test
    void theGuardWaitsForFiftyRows() {
        // six values and two far ones: the 80th percentile would be a far one, so no guard below RARE_ROWS
        double[] raw = {1.0, 1.1, 0.9, 1.2, 1.05, 0.95, 8, 8};
        assertThat(AnomalyModel.Calibration.fit(raw, true)).isEqualTo(AnomalyModel.Calibration.fit(raw, false));
        assertThat(AnomalyModel.Calibration.fit(raw, true).apply(8)).isGreaterThan(0.5);
    }
}
