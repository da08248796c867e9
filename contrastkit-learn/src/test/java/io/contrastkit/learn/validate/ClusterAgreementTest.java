package io.contrastkit.learn.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrastkit.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClusterAgreementTest {

    /** scikit-learn 1.2.1 adjusted_rand_score / normalized_mutual_info_score / mutual_info_score, made by cluster_agreement.py. */
    @Test
    void matchesScikitLearnGoldenValues() {
        JsonNode golden = Golden.json("golden/validate/cluster_agreement.json");
        assertThat(golden.get("source").asText()).isEqualTo("scikit-learn 1.2.1");
        for (JsonNode c : golden.get("cases")) {
            String name = c.get("name").asText();
            int[] a = Golden.ints(c.get("a"));
            int[] b = Golden.ints(c.get("b"));
            assertThat(ClusterAgreement.adjustedRandIndex(a, b)).as(name + " ari")
                    .isCloseTo(c.get("ari").asDouble(), within(1e-12));
            assertThat(ClusterAgreement.normalizedMutualInfo(a, b)).as(name + " nmi")
                    .isCloseTo(c.get("nmi").asDouble(), within(1e-12));
            assertThat(ClusterAgreement.mutualInformation(a, b)).as(name + " mi")
                    .isCloseTo(c.get("mi").asDouble(), within(1e-12));
        }
    }

    @Test
    void isSymmetricAndIgnoresLabelNames() {
        int[] a = {0, 0, 1, 1, 2, 2, 2, 0};
        int[] b = {1, 1, 0, 2, 2, 2, 0, 1};
        assertThat(ClusterAgreement.adjustedRandIndex(a, b)).isEqualTo(ClusterAgreement.adjustedRandIndex(b, a));
        assertThat(ClusterAgreement.normalizedMutualInfo(a, b))
                .isCloseTo(ClusterAgreement.normalizedMutualInfo(b, a), within(1e-15));
        int[] renamed = {70, 70, -1, -1, 5, 5, 5, 70};
        assertThat(ClusterAgreement.adjustedRandIndex(a, renamed)).isEqualTo(1.0);
        assertThat(ClusterAgreement.normalizedMutualInfo(a, renamed)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void rejectsUnequalLengths() {
        assertThatThrownBy(() -> ClusterAgreement.adjustedRandIndex(new int[] {1, 2, 3}, new int[] {1, 2}))
                .hasMessageContaining("first has 3 labels, second has 2");
    }
}
