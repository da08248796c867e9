package io.contrastkit.deep;

/**
 * Where and how wide the deep engine runs; validated on construction.
 *
 * @param device  {@link Device#CPU}, or {@link Device#GPU} (refused with a clear message when PyTorch sees none)
 * @param threads PyTorch intra-op threads (and inter-op threads, set once per process), at least 1
 */
public record EngineOptions(Device device, int threads) {

    /** The devices a model may train or run on. */
    public enum Device {
        /** The CPU, through the libtorch that ships as a Maven Central jar. */
        CPU,
        /** A CUDA device; this build carries the CPU libtorch only, so asking for it fails with a message. */
        GPU;

        /** {@code cpu} or {@code gpu}, case-insensitive; the error names the option and the value. */
        public static Device parse(String value) {
            for (Device d : values()) {
                if (d.name().equalsIgnoreCase(value)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("--device must be cpu or gpu, got '" + value + "'");
        }
    }

    public EngineOptions {
        if (device == null) {
            throw new IllegalArgumentException("device is null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", must be >= 1");
        }
    }

    /** CPU with one thread per available core. */
    public static EngineOptions defaults() {
        return new EngineOptions(Device.CPU, Runtime.getRuntime().availableProcessors());
    }

    public EngineOptions withThreads(int value) {
        return new EngineOptions(device, value);
    }

    public EngineOptions withDevice(Device value) {
        return new EngineOptions(value, threads);
    }
}
