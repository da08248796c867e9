package io.contrastkit.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void theOfflineSwitchIsSetBeforeDjlLooksUpItsFirstEngine() {
        // Surefire's JVM does not set it; only Engines can have. Every test here goes through Engines first.
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        assertThat(OfflineProbeProvider.instantiated).as("the probe provider was registered").isTrue();
        assertThat(OfflineProbeProvider.offlineAtRegistryStart).isEqualTo("true");
    }

    @Test
    void startSetsTheOfflineSwitchAgainAndTheThreadsItIsGiven() {
        System.clearProperty(Engines.OFFLINE_PROPERTY);
        Engine engine = Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        assertThat(System.getProperty(Engines.OFFLINE_PROPERTY)).isEqualTo("true");
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(Engines.intraOpThreads()).isEqualTo(1);
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 2));
        assertThat(Engines.intraOpThreads()).isEqualTo(2);
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        assertThat(Engines.intraOpThreads()).isEqualTo(1);
    }

    @Test
    void oneDnnAndNnpackAreOffOnceTheEngineRuns() {
        // libtorch's defaults are on (see TorchBackends for why they are switched off: NaN gradients from
        // oneDNN's kernels, a warning per convolution from NNPACK).
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        assertThat(Engines.oneDnnEnabled()).isFalse();
        assertThat(Engines.nnpackEnabled()).isFalse();
    }

    @Test
    void gpuAskedForAndAbsentIsRefusedNamingTheOption() {
        Engine probe = Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.getGpuCount() == 0, "a GPU is visible here");
        assertThatThrownBy(() -> Engines.start(new EngineOptions(EngineOptions.Device.GPU, 1)))
                .isInstanceOf(DeepException.class)
                .hasMessageContaining("--device gpu")
                .hasMessageContaining("--device cpu");
    }

    @Test
    void deviceParsesCaseInsensitivelyAndNamesTheOptionOtherwise() {
        assertThat(EngineOptions.Device.parse("GPU")).isEqualTo(EngineOptions.Device.GPU);
        assertThatThrownBy(() -> EngineOptions.Device.parse("tpu")).hasMessageContaining("--device")
                .hasMessageContaining("tpu");
        assertThatThrownBy(() -> new EngineOptions(EngineOptions.Device.CPU, 0)).hasMessageContaining("threads is 0");
    }

    @Test
    void repeatOnAnAxisIsNearestUpsampling() {
        // The VAE decoder upsamples with repeat (PyTorch's repeat_interleave): each pixel becomes a 2x2 block.
        Engines.start(new EngineOptions(EngineOptions.Device.CPU, 1));
        try (NDManager m = NDManager.newBaseManager(Engines.PYTORCH)) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray up = x.repeat(2, 2).repeat(3, 2);
            assertThat(up.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
            assertThat(up.toFloatArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
        }
    }
}
