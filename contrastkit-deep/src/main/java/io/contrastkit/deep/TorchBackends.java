package io.contrastkit.deep;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * Turns off two of PyTorch's convolution back ends for the whole process, oneDNN (MKL-DNN) and NNPACK,
 * through libtorch's own switches ({@code at::globalContext().setUserEnabledMkldnn(false)} and
 * {@code setUserEnabledNNPACK(false)}, which DJL does not expose).
 *
 * <p>Why: with oneDNN's AVX2 / AVX-512 convolution kernels (oneDNN 3.7.1 inside libtorch 2.7.1 CPU), about one
 * training process in three here got NaN in the gradients of the decoder's convolutions, in a few channels,
 * from a finite loss, at random and mostly in the first step; recomputing the same step came out right. Measured
 * with a 3-epoch VAE run per JVM (DuckDB's driver loaded before, as in a real run): 4 of 12 JVMs with oneDNN,
 * 0 of 12 with its kernels capped at SSE4.1 ({@code DNNL_MAX_CPU_ISA}), 0 of 16 with oneDNN off; a JVM GC
 * that never frees (Epsilon), the interpreter only ({@code -Xint}) and ATen's vector kernels capped at
 * {@code default} did not change it, which rules out Java-side buffer lifetimes. PyTorch's own convolution
 * kernels (im2col + GEMM) take over; the results are as exact, and the networks here are small.
 *
 * <p>NNPACK goes too: with oneDNN off PyTorch tries it for convolutions, and where it cannot initialise (this
 * machine's CPU) it prints a warning to stderr for every convolution and falls back anyway.
 */
final class TorchBackends {

    private static final String CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ONEDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String IS_ONEDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String IS_NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";

    private TorchBackends() {
    }

    /** Switches oneDNN and NNPACK off; the engine must be started (its libraries loaded). */
    static void disable() {
        NativeLibrary torch = torch();
        Pointer context = function(torch, CONTEXT).invokePointer(new Object[0]);
        function(torch, SET_ONEDNN).invokeVoid(new Object[] {context, Boolean.FALSE});
        function(torch, SET_NNPACK).invokeVoid(new Object[] {context, Boolean.FALSE});
        if (oneDnnEnabled() || nnpackEnabled()) {
            throw new DeepException("libtorch still reports oneDNN or NNPACK enabled after they were switched off");
        }
    }

    /** Whether libtorch would use oneDNN now. */
    static boolean oneDnnEnabled() {
        return flag(IS_ONEDNN);
    }

    /** Whether libtorch would use NNPACK now. */
    static boolean nnpackEnabled() {
        return flag(IS_NNPACK);
    }

    private static boolean flag(String getter) {
        NativeLibrary torch = torch();
        Pointer context = function(torch, CONTEXT).invokePointer(new Object[0]);
        // A C++ bool comes back in the low byte of the return register.
        return (function(torch, getter).invokeInt(new Object[] {context}) & 0xFF) != 0;
    }

    private static Function function(NativeLibrary torch, String symbol) {
        try {
            return torch.getFunction(symbol);
        } catch (UnsatisfiedLinkError e) {
            throw new DeepException("libtorch at " + LibUtils.getLibtorchPath() + " has no " + symbol
                    + " (another PyTorch build than 2.7.1?); it is needed to switch oneDNN and NNPACK off", e);
        }
    }

    private static NativeLibrary torch() {
        // DJL has loaded libtorch_cpu from this directory; opening the same file again gives the same handle.
        Path lib = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("torch_cpu"));
        try {
            return NativeLibrary.getInstance(lib.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new DeepException("cannot open " + lib + " to switch oneDNN and NNPACK off: " + e.getMessage(), e);
        }
    }
}
