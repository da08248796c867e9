package io.contrastkit.bench;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageDecoder;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where one image's time goes, single-threaded, after warm-up passes: decoding alone
 * ({@link ImageDecoder#decodeOnly}, the extract benchmark's baseline), the working image
 * ({@link ImageDecoder#decode}: decoding + linearisation + area downscale) and the 20 features.
 * Run: {@code java -cp contrastkit-bench/target/benchmarks.jar io.contrastkit.bench.DecodeProfile FILE...}
 * ({@code CONTRASTKIT_NATIVE=off} profiles the Java decoders).
 */
public final class DecodeProfile {

    private DecodeProfile() {
    }

    public static void main(String[] args) throws IOException, ImageError {
        ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults());
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
        System.out.println("# " + decoder.codecs());
        System.out.println("file,width,height,decode_only_ms,working_image_ms,features_ms,extract_over_decode_only");
        int passes = 4;
        double[] sums = new double[3];
        for (int pass = 0; pass < passes; pass++) {
            for (String f : args) {
                byte[] data = Files.readAllBytes(Path.of(f));
                long t0 = System.nanoTime();
                decoder.decodeOnly(data);
                long t1 = System.nanoTime();
                LinearImage image = decoder.decode(data);
                long t2 = System.nanoTime();
                extractor.extract(image);
                long t3 = System.nanoTime();
                if (pass == passes - 1) {
                    double only = (t1 - t0) / 1e6;
                    double working = (t2 - t1) / 1e6;
                    double features = (t3 - t2) / 1e6;
                    sums[0] += only;
                    sums[1] += working;
                    sums[2] += features;
                    System.out.printf(Locale.ROOT, "%s,%d,%d,%.1f,%.1f,%.1f,%.3f%n", Path.of(f).getFileName(),
                            image.sourceWidth(), image.sourceHeight(), only, working, features,
                            only / (working + features));
                }
            }
        }
        System.out.printf(Locale.ROOT, "total,,,%.0f,%.0f,%.0f,%.3f%n", sums[0], sums[1], sums[2],
                sums[0] / (sums[1] + sums[2]));
    }
}
