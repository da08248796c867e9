package io.contrastkit.learn.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.contrastkit.testing.Golden;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TrustworthinessTest {

    private static final JsonNode GOLDEN = Golden.json("golden/tsne/trustworthiness.json");
    private static final double[][] X = Golden.matrix(GOLDEN.get("x"));
    private static final double[][] Y = Golden.matrix(GOLDEN.get("y"));

    @Test
    void matchesScikitLearn() {
        // sklearn 1.2.1 sklearn.manifold.trustworthiness, euclidean (make_golden.py)
        Iterator<Map.Entry<String, JsonNode>> values = GOLDEN.get("values").properties().iterator();
        int checked = 0;
        while (values.hasNext()) {
            Map.Entry<String, JsonNode> e = values.next();
            int k = Integer.parseInt(e.getKey());
            assertThat(Trustworthiness.of(X, Y, k)).as("k=%d", k).isCloseTo(e.getValue().doubleValue(), within(1e-9));
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void sameOnAnyThreadCount() {
        double one = Trustworthiness.of(X, Y, 10, 1);
        assertThat(Trustworthiness.of(X, Y, 10, 3)).isEqualTo(one);
    }

    @Test
    void perfectForTheSpaceItself() {
        assertThat(Trustworthiness.of(X, X, 10)).isEqualTo(1.0);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Trustworthiness.of(X, Y, 75))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be").hasMessageContaining("75");
        assertThatThrownBy(() -> Trustworthiness.of(X, new double[3][2], 5))
                .hasMessageContaining("y has 3 rows, x has 150");
        double[][] bad = X.clone();
        bad[7] = bad[7].clone();
        bad[7][2] = Double.NaN;
        assertThatThrownBy(() -> Trustworthiness.of(bad, Y, 5)).hasMessage("x row 7 column 2 is NaN");
    }
}
