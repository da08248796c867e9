package io.contrastkit.learn.validate;

import java.util.Arrays;

/**
 * Outcome of a stability check: agreement of refits with the reference labels, and the verdict.
 *
 * @param referenceLabels labels of the reference fit on all rows (a copy is returned)
 * @param bootstrapAri    ARI of each bootstrap refit with the reference, on the resample's distinct rows
 * @param bootstrapNmi    NMI of each bootstrap refit with the reference
 * @param seedAri         ARI of each other-seed refit with the reference, on all rows
 * @param seedNmi         NMI of each other-seed refit with the reference
 * @param stable          whether the thresholds of the options were met
 * @param verdict         "stable: ..." or "unstable: ..." with the figures and the thresholds, for people
 */
public record StabilityResult(int[] referenceLabels, ResampledStatistic bootstrapAri, ResampledStatistic bootstrapNmi,
                              ResampledStatistic seedAri, ResampledStatistic seedNmi, boolean stable, String verdict) {

    public StabilityResult {
        if (referenceLabels == null || bootstrapAri == null || bootstrapNmi == null || seedAri == null
                || seedNmi == null || verdict == null) {
            throw new IllegalArgumentException("stability result fields must not be null");
        }
        referenceLabels = referenceLabels.clone();
    }

    @Override
    public int[] referenceLabels() {
        return referenceLabels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StabilityResult r && Arrays.equals(referenceLabels, r.referenceLabels)
                && bootstrapAri.equals(r.bootstrapAri) && bootstrapNmi.equals(r.bootstrapNmi)
                && seedAri.equals(r.seedAri) && seedNmi.equals(r.seedNmi)
                && stable == r.stable && verdict.equals(r.verdict);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(referenceLabels) + verdict.hashCode();
    }
}
