package io.contrastkit.deep.vae;

import io.contrastkit.deep.cache.TensorCache;

/**
 * The contrast VAE's shape and loss; validated on construction. The architecture is the one of
 * ../shared/anchors/torch_vae_bench.py with its widths scaled by {@code channels}: three k4 s2 p1 convolutions
 * (channels, 2x, 4x) with ReLU, linear heads to {@code mu} and {@code logvar}, and a decoder of a linear layer
 * and three nearest-upsample x2 + k3 p1 convolutions (4x, 2x, channels -> 3) ending in a sigmoid.
 *
 * @param imageSize        side S of the input images, a power of two from 8 (three halvings leave S/8)
 * @param latentSize       size of {@code mu} and {@code logvar}, the embedding
 * @param channels         width of the first convolution (the anchor's 64)
 * @param beta             weight of the KL term. The KL is divided by the 3 S^2 values of an image, so with the
 *                         pixel terms being means, beta = 1 is the textbook balance (squared error summed over
 *                         the image against the KL) at every image size
 * @param gradientWeight   weight of the gradient-difference term: MSE between the horizontal and between the
 *                         vertical neighbour differences of input and reconstruction, summed over both axes
 * @param histogramWeight  weight of the luminance-histogram term: the earth mover's distance between the
 *                         soft-binned luma histograms of input and reconstruction (in bin widths / bins)
 * @param histogramBins    bins of the soft luminance histogram, at least 2
 * @param learningRate     Adam's step size
 */
public record VaeOptions(int imageSize, int latentSize, int channels, double beta, double gradientWeight,
                         double histogramWeight, int histogramBins, double learningRate) {

    /** The embedding size unless asked otherwise. */
    public static final int DEFAULT_LATENT_SIZE = 32;

    public VaeOptions {
        TensorCache.checkImageSize(imageSize);
        if (latentSize < 1 || latentSize > 4096) {
            throw new IllegalArgumentException("latentSize is " + latentSize + ", must be in 1..4096");
        }
        if (channels < 1 || channels > 1024) {
            throw new IllegalArgumentException("channels is " + channels + ", must be in 1..1024");
        }
        requireNonNegative("beta", beta);
        requireNonNegative("gradientWeight", gradientWeight);
        requireNonNegative("histogramWeight", histogramWeight);
        if (histogramBins < 2 || histogramBins > 256) {
            throw new IllegalArgumentException("histogramBins is " + histogramBins + ", must be in 2..256");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate is " + learningRate + ", must be a positive number");
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + ", must be a finite number >= 0");
        }
    }

    /** The anchor's widths (64), latent 32, beta 1, gradient 0.5, histogram 0.5 over 16 bins, Adam 1e-3. */
    public static VaeOptions defaults(int imageSize) {
        return new VaeOptions(imageSize, DEFAULT_LATENT_SIZE, 64, 1.0, 0.5, 0.5, 16, 1e-3);
    }

    public VaeOptions withLatentSize(int value) {
        return new VaeOptions(imageSize, value, channels, beta, gradientWeight, histogramWeight, histogramBins,
                learningRate);
    }

    public VaeOptions withChannels(int value) {
        return new VaeOptions(imageSize, latentSize, value, beta, gradientWeight, histogramWeight, histogramBins,
                learningRate);
    }

    public VaeOptions withBeta(double value) {
        return new VaeOptions(imageSize, latentSize, channels, value, gradientWeight, histogramWeight, histogramBins,
                learningRate);
    }

    /** The weights of the gradient-difference and histogram terms. */
    public VaeOptions withContrastWeights(double gradient, double histogram) {
        return new VaeOptions(imageSize, latentSize, channels, beta, gradient, histogram, histogramBins,
                learningRate);
    }

    public VaeOptions withLearningRate(double value) {
        return new VaeOptions(imageSize, latentSize, channels, beta, gradientWeight, histogramWeight, histogramBins,
                value);
    }
}
