package io.contrastkit.bench;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.NativeDecoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where one image's time goes, single-threaded, after warm-up passes: decoding alone
 * ({@link ImageDecoder#decodeOnly}, the extract benchmark's baseline), the working image
 * ({@link ImageDecoder#decode}: decoding + linearisation + area downscale) and the 20 features,
 * each the least of a few passes.
 * Run: {@code java -cp contrastkit-bench/target/benchmarks.jar io.contrastkit.bench.DecodeProfile FILE...}
 * ({@code CONTRASTKIT_NATIVE=off} profiles the Java decoders).
 */
public final class DecodeProfile {

    private DecodeProfile() {
    }

    public static void main(String[] args) throws IOException, ImageError {
        // A program of its own, so it reads the application's setting itself (core reads none).
        NativeDecoding nativeDecoding = NativeDecoding.fromSetting(
                System.getProperty("contrastkit.native", System.getenv("CONTRASTKIT_NATIVE")),
                "CONTRASTKIT_NATIVE / contrastkit.native");
        ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults(), nativeDecoding);
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
        System.out.println("# " + decoder.codecs());
        System.out.println("# each figure is the least of " + PASSES + " passes (after " + WARMUP
                + " warm-up passes): on a shared machine the least is the steadiest");
        System.out.println("file,width,height,decode_only_ms,working_image_ms,features_ms,extract_over_decode_only");
        byte[][] data = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            data[i] = Files.readAllBytes(Path.of(args[i]));
        }
        for (int pass = 0; pass < WARMUP; pass++) {
            for (byte[] d : data) {
                decoder.decodeOnly(d);
                extractor.extract(decoder.decode(d));
            }
        }
        double[] sums = new double[3];
        for (int i = 0; i < args.length; i++) {
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            LinearImage image = null;
            for (int pass = 0; pass < PASSES; pass++) {
                // The three interleaved, image by image, so that load on the machine hits them alike.
                long t0 = System.nanoTime();
                decoder.decodeOnly(data[i]);
                long t1 = System.nanoTime();
                image = decoder.decode(data[i]);
                long t2 = System.nanoTime();
                extractor.extract(image);
                long t3 = System.nanoTime();
                best[0] = Math.min(best[0], (t1 - t0) / 1e6);
                best[1] = Math.min(best[1], (t2 - t1) / 1e6);
                best[2] = Math.min(best[2], (t3 - t2) / 1e6);
            }
            for (int k = 0; k < 3; k++) {
                sums[k] += best[k];
            }
            System.out.printf(Locale.ROOT, "%s,%d,%d,%.1f,%.1f,%.1f,%.3f%n", Path.of(args[i]).getFileName(),
                    image.sourceWidth(), image.sourceHeight(), best[0], best[1], best[2],
                    best[0] / (best[1] + best[2]));
        }
        System.out.printf(Locale.ROOT, "total,,,%.0f,%.0f,%.0f,%.3f%n", sums[0], sums[1], sums[2],
                sums[0] / (sums[1] + sums[2]));
    }

    private static final int WARMUP = 2;
    private static final int PASSES = 3;
}
