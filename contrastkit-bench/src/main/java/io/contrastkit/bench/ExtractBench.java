package io.contrastkit.bench;

import io.contrastkit.bench.baseline.BaselineExtractor;
import io.contrastkit.core.ContrastFeatureExtractor;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureVector;
import io.contrastkit.core.ImageError;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import io.contrastkit.core.decode.NativeDecoding;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-image extraction from an encoded image held in memory: decoding alone ({@code decodeOnly}, the
 * pixels and nothing else), decoding into the working image ({@code workingImage}: decode, linearise,
 * downscale, count clipping), the features of an already decoded working image ({@code extractOnly})
 * and everything ({@code decodeAndExtract}); each with the native decoders and with the Java ones
 * ({@code -p nativeCodecs=true|false}). By default a synthetic 3000x2000 JPEG (a photo-like mix of
 * gradients, texture and edges); {@code -p image=/path/to/file} measures a real one
 * ({@code samples/photos/astronaut.png} is a 512x512 working image as it is).
 * {@code extractOnlyBaseline} runs the features as they were before issue 14's rework
 * ({@link BaselineExtractor}, a frozen copy), so old and new are compared in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ExtractBench {

    @Param({""})
    public String image;

    @Param({"512"})
    public int maxSide;

    @Param({"true", "false"})
    public boolean nativeCodecs;

    private byte[] encoded;
    private ImageDecoder decoder;
    private ContrastFeatureExtractor extractor;
    private LinearImage decoded;
    private BaselineExtractor baseline;
    private double[][] planes;

    @Setup
    public void setUp() throws IOException, ImageError {
        encoded = image.isEmpty() ? syntheticJpeg(3000, 2000, 42) : Files.readAllBytes(Path.of(image));
        ExtractionOptions options = ExtractionOptions.defaults().withMaxSide(maxSide);
        decoder = new ImageDecoder(options, nativeCodecs ? NativeDecoding.WHEN_INSTALLED
                : NativeDecoding.off("benchmark parameter nativeCodecs=false"));
        extractor = new ContrastFeatureExtractor(options);
        decoded = decoder.decode(encoded);
        baseline = new BaselineExtractor(options);
        planes = new double[][] {decoded.copyRed(), decoded.copyGreen(), decoded.copyBlue()};
    }

    @Benchmark
    public FeatureVector extractOnly() {
        return extractor.extract(decoded);
    }

    @Benchmark
    public FeatureVector extractOnlyBaseline() {
        return baseline.extract(planes[0], planes[1], planes[2], decoded.height(), decoded.width(),
                decoded.clippedFraction());
    }

    @Benchmark
    public void decodeOnly() throws ImageError {
        decoder.decodeOnly(encoded);
    }

    @Benchmark
    public LinearImage workingImage() throws ImageError {
        return decoder.decode(encoded);
    }

    @Benchmark
    public FeatureVector decodeAndExtract() throws ImageError {
        return extractor.extract(decoder.decode(encoded));
    }

    /** A deterministic photo-like JPEG: smooth illumination, texture noise and a few hard edges. */
    static byte[] syntheticJpeg(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double light = 0.5 + 0.4 * Math.sin(x * 0.002) * Math.cos(y * 0.003);
                double edge = ((x / 400 + y / 300) % 2 == 0) ? 0.15 : -0.15;
                double v = Math.max(0, Math.min(1, light + edge + 0.05 * rnd.nextGaussian()));
                int i = 3 * (y * w + x);
                px[i] = (byte) (255 * v * 0.8);
                px[i + 1] = (byte) (255 * v);
                px[i + 2] = (byte) (255 * Math.min(1, v * 1.2));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }
}
