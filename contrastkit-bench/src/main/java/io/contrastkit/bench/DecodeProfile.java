package io.contrastkit.bench;

import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.ImageDecoder;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Where one image's time goes, single-threaded, after a warm-up pass: the ImageIO reader alone, the
 * whole {@link ImageDecoder#decode} (reader + linearisation + area downscale) and the 20 features.
 * Run: {@code java -cp contrastkit-bench/target/benchmarks.jar io.contrastkit.bench.DecodeProfile FILE...}
 */
public final class DecodeProfile {

    private DecodeProfile() {
    }

    public static void main(String[] args) throws IOException, ImageError {
        ImageDecoder decoder = new ImageDecoder(ExtractionOptions.defaults());
        ContrastFeatureExtractor extractor = new ContrastFeatureExtractor();
        System.out.println("file,width,height,imageio_ms,decode_ms,features_ms,features_share_of_extract");
        for (int pass = 0; pass < 2; pass++) {
            for (String f : args) {
                byte[] data = Files.readAllBytes(Path.of(f));
                long t0 = System.nanoTime();
                BufferedImage raw = readOnly(data);
                long t1 = System.nanoTime();
                LinearImage image = decoder.decode(data);
                long t2 = System.nanoTime();
                extractor.extract(image);
                long t3 = System.nanoTime();
                if (pass == 1) {
                    double decode = (t2 - t1) / 1e6;
                    double features = (t3 - t2) / 1e6;
                    System.out.printf(Locale.ROOT, "%s,%d,%d,%.0f,%.0f,%.0f,%.3f%n", Path.of(f).getFileName(),
                            raw.getWidth(), raw.getHeight(), (t1 - t0) / 1e6, decode, features, features / (decode + features));
                }
            }
        }
    }

    private static BufferedImage readOnly(byte[] data) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }
}
