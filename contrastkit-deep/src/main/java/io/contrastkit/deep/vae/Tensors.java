package io.contrastkit.deep.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.Reference;

/**
 * Java arrays into tensors that PyTorch owns. DJL's CPU {@code create(float[])} wraps a direct buffer that only
 * the Java NDArray keeps alive, while native calls get the bare handle: once the Java object is unreachable
 * (the JIT may decide so before an op or a backward pass that still reads it), the buffer can be freed under
 * PyTorch's feet.
 *
 * <p>The same holds for DJL's arithmetic with a number ({@code x.mul(0.5f)}): it wraps the number in such a
 * tensor and closes it right after the op, while autograd has saved it for the backward pass of {@code mul}
 * and {@code div}: the backward pass could then read freed memory. Inside anything that is differentiated,
 * numbers enter as {@link #scalar}s instead. (The random NaN gradients once blamed on this came from oneDNN:
 * see {@code io.contrastkit.deep.TorchBackends}.)
 */
final class Tensors {

    private Tensors() {
    }

    /** A 0-d tensor PyTorch owns, alive until its manager or scope closes (after the backward pass). */
    static NDArray scalar(NDManager manager, float value) {
        return owned(manager, new float[] {value}, new Shape());
    }

    /** A tensor with a copy of {@code data} in memory PyTorch allocated and frees. */
    static NDArray owned(NDManager manager, float[] data, Shape shape) {
        NDArray blob = manager.create(data, shape);
        try {
            return blob.duplicate();
        } finally {
            Reference.reachabilityFence(blob);
            blob.close();
        }
    }
}
