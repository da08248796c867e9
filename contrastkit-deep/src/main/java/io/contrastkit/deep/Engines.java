package io.contrastkit.deep;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one way this project starts DJL's PyTorch engine: offline, with the thread count it is given, on a
 * device that exists, with oneDNN and NNPACK off ({@link TorchBackends}). Every class that touches DJL goes through {@link #start} first.
 */
public final class Engines {

    /** DJL's switch that stops it from downloading native libraries or model-zoo metadata. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** The engine name DJL registers the PyTorch engine under. */
    public static final String PYTORCH = "PyTorch";

    private static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    private static final String INTRAOP_PROPERTY = "ai.djl.pytorch.num_threads";

    static {
        // Set as soon as this class loads, before anything can reach Engine.getInstance(): without it DJL
        // looks up native builds and zoo indexes on the network at engine start.
        System.setProperty(OFFLINE_PROPERTY, "true");
    }

    private static Integer interopThreads;

    private Engines() {
    }

    /**
     * Starts the PyTorch engine (once per process) offline and sets its threads. PyTorch takes the
     * inter-op count only before its first parallel work, so the first start fixes it for the process;
     * the intra-op count, which sets the speed of convolutions, follows every call.
     *
     * @throws DeepException naming {@code --device} when a GPU is asked for and PyTorch sees none, or when
     *                       the native library cannot be loaded
     */
    public static synchronized Engine start(EngineOptions options) {
        System.setProperty(OFFLINE_PROPERTY, "true");
        if (interopThreads == null) {
            System.setProperty(INTEROP_PROPERTY, Integer.toString(options.threads()));
            System.setProperty(INTRAOP_PROPERTY, Integer.toString(options.threads()));
        }
        Engine engine;
        try {
            engine = Engine.getEngine(PYTORCH);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new DeepException("cannot start the PyTorch engine (libtorch from the pytorch-native-cpu jar): "
                    + e.getMessage(), e);
        }
        if (interopThreads == null) {
            interopThreads = JniUtils.getNumInteropThreads();
            // Before any convolution runs: see TorchBackends for the NaN gradients oneDNN's kernels gave here.
            TorchBackends.disable();
        }
        if (JniUtils.getNumThreads() != options.threads()) {
            JniUtils.setNumThreads(options.threads());
        }
        if (options.device() == EngineOptions.Device.GPU && engine.getGpuCount() == 0) {
            throw new DeepException("--device gpu was asked for, but PyTorch sees no GPU on this machine (this build"
                    + " carries the CPU libtorch only); use --device cpu");
        }
        return engine;
    }

    /** Whether PyTorch would use oneDNN kernels now (false once started: see {@link TorchBackends}). */
    public static synchronized boolean oneDnnEnabled() {
        return TorchBackends.oneDnnEnabled();
    }

    /** Whether PyTorch would try NNPACK now (false once started: see {@link TorchBackends}). */
    public static synchronized boolean nnpackEnabled() {
        return TorchBackends.nnpackEnabled();
    }

    /** Whether the offline switch is set (it is, from the moment this class loads). */
    public static boolean offline() {
        return Boolean.parseBoolean(System.getProperty(OFFLINE_PROPERTY));
    }

    /** The intra-op threads PyTorch runs with now; starts nothing (0 when the engine is not started). */
    public static synchronized int intraOpThreads() {
        return interopThreads == null ? 0 : JniUtils.getNumThreads();
    }

    /** The inter-op threads fixed by the first start, or 0 when the engine is not started. */
    public static synchronized int interOpThreads() {
        return interopThreads == null ? 0 : interopThreads;
    }
}
