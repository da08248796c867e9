package io.contrastkit.deep.vae;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.contrastkit.deep.EngineOptions;
import io.contrastkit.deep.Engines;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VaeLossTest {

    private static final VaeOptions O = VaeOptions.defaults(8);

    private static float[] image(long seed, double contrast) {
        Random r = new Random(seed);
        float[] x = new float[2 * 3 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 + contrast * (r.nextDouble() - 0.5));
        }
        return x;
    }

    @Test
    void identicalImagesCostNothingAndAFlattenedCopyCostsMoreTheFlatterItIs() {
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        VaeLoss loss = new VaeLoss(O);
        try (NDManager m = NDManager.newBaseManager(Engines.PYTORCH)) {
            Shape shape = new Shape(2, 3, 8, 8);
            NDArray x = m.create(image(1, 0.8), shape);
            NDArray zeros = m.zeros(new Shape(2, 32));
            VaeLoss.Terms same = loss.compute(x, x, zeros, zeros);
            assertThat(same.mse().getFloat()).isZero();
            assertThat(same.gradient().getFloat()).isZero();
            assertThat(same.histogram().getFloat()).isZero();
            assertThat(same.kl().getFloat()).isZero();

            // Lower contrast about the same mean: the MSE barely sees it, the contrast terms grow with it.
            NDArray mid = x.sub(0.5f).mul(0.6f).add(0.5f);
            NDArray flat = x.sub(0.5f).mul(0.2f).add(0.5f);
            VaeLoss.Terms a = loss.compute(x, mid, zeros, zeros);
            VaeLoss.Terms b = loss.compute(x, flat, zeros, zeros);
            assertThat(a.histogram().getFloat()).isPositive();
            assertThat(b.histogram().getFloat()).isGreaterThan(a.histogram().getFloat());
            assertThat(b.gradient().getFloat()).isGreaterThan(a.gradient().getFloat());
            assertThat(b.total().getFloat()).isGreaterThan(a.total().getFloat());

            // A latent away from the prior costs KL.
            NDArray mu = m.ones(new Shape(2, 32));
            assertThat(loss.compute(x, x, mu, zeros).kl().getFloat()).isPositive();
        }
    }

    @Test
    void theHistogramTermHasAGradient() {
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        VaeLoss loss = new VaeLoss(O.withContrastWeights(0, 1));
        try (NDManager m = NDManager.newBaseManager(Engines.PYTORCH)) {
            NDArray x = m.create(image(2, 0.8), new Shape(2, 3, 8, 8));
            NDArray r = m.create(image(3, 0.2), new Shape(2, 3, 8, 8));
            r.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(loss.histogramDistance(x, r));
            }
            float[] g = r.getGradient().toFloatArray();
            double norm = 0;
            for (float v : g) {
                norm += v * v;
            }
            assertThat(norm).isPositive();
        }
    }
}
