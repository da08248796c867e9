package io.contrastkit.deep.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The contrast-aware VAE objective (see {@link VaeOptions} for the terms and their weights). Pure NDArray
 * arithmetic, so DJL's autograd differentiates all of it, the soft histogram included.
 */
final class VaeLoss {

    /** Rec. 709 luma weights, applied to the sRGB-coded values the cache holds. */
    private static final float[] LUMA = {0.2126f, 0.7152f, 0.0722f};

    private final VaeOptions options;

    VaeLoss(VaeOptions options) {
        this.options = options;
    }

    /** The loss and its parts, each a scalar NDArray. */
    record Terms(NDArray total, NDArray mse, NDArray gradient, NDArray histogram, NDArray kl) {
    }

    Terms compute(NDArray x, NDArray reconstruction, NDArray mu, NDArray logvar) {
        NDManager m = x.getManager();
        NDArray mse = reconstruction.sub(x).square().mean();
        // A term weighted 0 is not computed: it would cost time, and a NaN in it would still poison the sum.
        NDArray gradient = options.gradientWeight() == 0 ? Tensors.scalar(m, 0f) : gradientDifference(x, reconstruction);
        NDArray histogram = options.histogramWeight() == 0 ? Tensors.scalar(m, 0f)
                : histogramDistance(x, reconstruction);
        // Mean over the batch of the KL summed over the latent, per value of an image (see VaeOptions#beta).
        // Numbers enter as float32 scalars PyTorch owns (see Tensors: DJL's x.mul(number) breaks backward).
        float valuesPerImage = 3f * options.imageSize() * options.imageSize();
        NDArray kl = logvar.add(Tensors.scalar(m, 1f)).sub(mu.square()).sub(logvar.exp()).sum(new int[] {1}).mean()
                .mul(Tensors.scalar(m, -0.5f / valuesPerImage));
        NDArray total = mse.add(gradient.mul(Tensors.scalar(m, (float) options.gradientWeight())))
                .add(histogram.mul(Tensors.scalar(m, (float) options.histogramWeight())))
                .add(kl.mul(Tensors.scalar(m, (float) options.beta())));
        return new Terms(total, mse, gradient, histogram, kl);
    }

    /** MSE between neighbour differences of input and reconstruction, horizontal plus vertical. */
    static NDArray gradientDifference(NDArray x, NDArray r) {
        return differences(r, 3).sub(differences(x, 3)).square().mean()
                .add(differences(r, 2).sub(differences(x, 2)).square().mean());
    }

    /**
     * {@code a[i + 1] - a[i]} along {@code axis}, from two {@code split}s (views). Not {@code get(":, 1:")}:
     * DJL's string indexing goes through its advanced-indexing path, and gradients through it came out
     * garbage at random (see {@link Tensors}).
     */
    static NDArray differences(NDArray a, int axis) {
        long n = a.getShape().get(axis);
        NDArray after = a.split(new long[] {1}, axis).get(1);
        NDArray before = a.split(new long[] {n - 1}, axis).get(0);
        return after.sub(before);
    }

    /**
     * The 1-D earth mover's distance between the soft luma histograms of input and reconstruction: the L1
     * distance of their cumulative histograms, over the bins. Bin-wise distances stop growing once two
     * histograms no longer overlap; this one keeps growing as a contrast stretch moves mass further.
     */
    NDArray histogramDistance(NDArray x, NDArray r) {
        int bins = options.histogramBins();
        NDManager m = x.getManager();
        float[] c = new float[bins];
        for (int k = 0; k < bins; k++) {
            c[k] = (k + 0.5f) / bins;
        }
        NDArray centres = Tensors.owned(m, c, new Shape(1, 1, bins));
        NDArray hx = softHistogram(x, centres, bins);
        NDArray hr = softHistogram(r, centres, bins);
        return hr.cumSum(1).sub(hx.cumSum(1)).abs().mean();
    }

    /** Per image, the share of pixels in each bin, each pixel spread over bins by a Gaussian kernel one bin wide. */
    private static NDArray softHistogram(NDArray images, NDArray centres, int bins) {
        NDManager m = images.getManager();
        // Channels by split (views), not get(":, 0"): see differences.
        ai.djl.ndarray.NDList rgb = images.split(3, 1);
        NDArray luma = rgb.get(0).mul(Tensors.scalar(m, LUMA[0]))
                .add(rgb.get(1).mul(Tensors.scalar(m, LUMA[1])))
                .add(rgb.get(2).mul(Tensors.scalar(m, LUMA[2])));
        long batch = images.getShape().get(0);
        NDArray y = luma.reshape(batch, -1, 1);
        float sigma = 1f / bins;
        NDArray w = y.sub(centres).square().mul(Tensors.scalar(m, -0.5f / (sigma * sigma))).exp();
        // Each pixel carries a mass of one however close to a bin edge or the ends of [0, 1] it is.
        w = w.div(w.sum(new int[] {2}, true));
        return w.mean(new int[] {1});
    }
}
