package io.contrastkit.app.batch;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;

/**
 * One image measured: its v1 features and what the decoder saw of the source.
 *
 * @param width  source width in pixels
 * @param height source height in pixels
 * @param format  the decoder's name for the source format (e.g. "png")
 * @param decoder which decoder made the pixels, {@code "name version"} (see {@link LinearImage#decoder()})
 */
public record Measurement(int width, int height, String format, String decoder, FeatureVector features) {

    /** The batch runner's work that decodes an image's bytes with {@code decoder} and measures it. */
    public static ImageBatchRunner.Work<Measurement> work(ImageDecoder decoder, ContrastFeatureExtractor extractor) {
        return work(decoder, extractor, new StageTimes());
    }

    /** {@link #work(ImageDecoder, ContrastFeatureExtractor)} that adds its decode and feature times to {@code times}. */
    public static ImageBatchRunner.Work<Measurement> work(ImageDecoder decoder, ContrastFeatureExtractor extractor,
                                                          StageTimes times) {
        return (candidate, data, header) -> {
            long t = System.nanoTime();
            LinearImage image = decoder.decode(data, header);
            t = times.since(StageTimes.Stage.DECODE, t);
            FeatureVector features = extractor.extract(image);
            times.since(StageTimes.Stage.FEATURES, t);
            return new Measurement(image.sourceWidth(), image.sourceHeight(), image.format(), image.decoder(), features);
        };
    }
}
