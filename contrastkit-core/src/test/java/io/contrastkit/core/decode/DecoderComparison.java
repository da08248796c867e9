package io.contrastkit.core.decode;

import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;

/** What the decoder tests compare between two decoders of the same bytes: verdicts and working images. */
final class DecoderComparison {

    private DecoderComparison() {
    }

    /** The kind of error a decoder gives, or null when it decodes. */
    static ImageError.Kind verdict(ImageDecoder decoder, byte[] data) {
        try {
            decoder.decode(data);
            return null;
        } catch (ImageError e) {
            return e.kind();
        }
    }

    /** The largest difference between two working images' linear samples, or +inf when sizes differ. */
    static double maxSampleDifference(LinearImage a, LinearImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        double[][] pa = {a.copyRed(), a.copyGreen(), a.copyBlue()};
        double[][] pb = {b.copyRed(), b.copyGreen(), b.copyBlue()};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < pa[c].length; i++) {
                max = Math.max(max, Math.abs(pa[c][i] - pb[c][i]));
            }
        }
        return max;
    }
}
