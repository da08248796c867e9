package io.contrastkit.app.stage;

import io.contrastkit.app.batch.CollectionScanner;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.ImageOutcome;
import io.contrastkit.app.batch.InputFiles;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.LinearImage;
import io.contrastkit.core.decode.ImageDecoder;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes contrast ladders: for each source image, families of variants whose contrast order is known by
 * construction (see {@link LadderVariants}), as 16-bit sRGB PNG, and an index {@value #INDEX}. The same
 * inputs always give the same files.
 */
public final class LadderService {

    /** Name of the index file in the output folder. */
    public static final String INDEX = "ladder.csv";

    /** Longest side of the variants by default: the extractor's working size. */
    public static final int DEFAULT_MAX_SIDE = 512;

    /**
     * What to write.
     *
     * @param out     output folder (created when absent)
     * @param maxSide longest side of the variants (sources are area-downscaled in linear light), 0 = native
     * @param threads worker threads
     * @param sources image files or folders (searched recursively)
     */
    public record Request(Path out, int maxSide, int threads, List<Path> sources) {
        public Request {
            if (out == null) {
                throw new IllegalArgumentException("--out must name a folder");
            }
            if (maxSide < 0) {
                throw new IllegalArgumentException("--max-side must be >= 0 (0 = native), got " + maxSide);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        }
    }

    /**
     * What was written.
     *
     * @param failures one line per source that could not be read ({@code path: KIND: reason})
     * @param problems arguments that could not be expanded
     */
    public record Result(Path out, int variants, int sources, List<String> failures, List<String> problems) {
        public Result {
            failures = List.copyOf(failures);
            problems = List.copyOf(problems);
        }

        /** The summary a person reads: what was written where, and how many inputs failed. */
        public List<String> summary() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "wrote %d variants of %d image%s (%d families x %d levels each) and %s to %s",
                    variants, sources, sources == 1 ? "" : "s", LadderVariants.Family.values().length,
                    LadderVariants.LEVELS, INDEX, out));
            if (!failures.isEmpty()) {
                lines.add(String.format(Locale.ROOT, "%d input%s could not be read (see above)", failures.size(),
                        failures.size() == 1 ? "" : "s"));
            }
            return lines;
        }
    }

    /** The output folder or a variant could not be written: the run stopped. */
    public static final class WriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** One row of ladder.csv. */
    record Entry(String file, String source, LadderVariants.Family family, int level) {
    }

    private LadderService() {
    }

    /**
     * Writes the ladders of the request's sources.
     *
     * @throws WriteException when the output cannot be written (the message names the file and why)
     */
    public static Result write(Request request) throws InterruptedException {
        try {
            Files.createDirectories(request.out());
        } catch (IOException e) {
            throw new WriteException("cannot create output folder " + request.out() + ": " + e.getMessage(), e);
        }
        InputFiles.Expansion inputs = InputFiles.expand(request.sources());
        List<String> stems = stems(inputs.files());
        ImageDecoder decoder = new ImageDecoder(new ExtractionOptions(request.maxSide(),
                ExtractionOptions.DEFAULT_WINDOW, ExtractionOptions.DEFAULT_MAX_PIXELS), NativeSetting.current());
        ImageBatchRunner runner = new ImageBatchRunner(new ImageBatchRunner.Options(request.threads(), true, false),
                decoder);
        List<CollectionScanner.Candidate> candidates = inputs.files().stream().map(CollectionScanner.Candidate::named)
                .toList();
        // By identity: the same file named twice still gets two stems.
        Map<CollectionScanner.Candidate, String> stemOf = new IdentityHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            stemOf.put(candidates.get(i), stems.get(i));
        }
        List<Entry> entries = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        runner.run(candidates, (c, data, header) -> {
            try {
                return ladder(decoder.decode(data, header), c.path(), stemOf.get(c), request.out());
            } catch (UncheckedIOException e) {
                // Not the image's fault: the whole run stops (the sink rethrows it).
                return new Written(List.of(), e);
            }
        }, o -> {
            if (o instanceof ImageOutcome.Done<Written> d) {
                if (d.value().writeError() != null) {
                    throw new WriteException("cannot write the variants of " + o.candidate().path() + " into "
                            + request.out() + ": " + d.value().writeError().getCause().getMessage(),
                            d.value().writeError().getCause());
                }
                entries.addAll(d.value().entries());
            } else if (o instanceof ImageOutcome.Failed<Written> f) {
                failures.add(o.candidate().path() + ": " + f.error().kind() + ": " + f.error().reason());
            }
        });
        Path index = request.out().resolve(INDEX);
        try {
            writeIndex(index, entries);
        } catch (IOException e) {
            throw new WriteException("cannot write " + index + ": " + e.getMessage(), e);
        }
        return new Result(request.out(), entries.size(), inputs.files().size() - failures.size(), failures,
                inputs.problems());
    }

    /** One source's variants as written, or the write error that stops the run. */
    private record Written(List<Entry> entries, UncheckedIOException writeError) {
    }

    /** Writes all the variants of one decoded source; returns their index rows in family, level order. */
    private static Written ladder(LinearImage image, Path source, String stem, Path out) {
        double[] r = image.copyRed();
        double[] g = image.copyGreen();
        double[] b = image.copyBlue();
        List<Entry> entries = new ArrayList<>();
        for (LadderVariants.Family family : LadderVariants.Family.values()) {
            for (int level = 1; level <= LadderVariants.LEVELS; level++) {
                double[][] planes = LadderVariants.apply(family, level, r, g, b);
                String name = LadderVariants.fileName(stem, family, level);
                writePng16(out.resolve(name), image.width(), image.height(), planes);
                entries.add(new Entry(name, source.toString(), family, level));
            }
        }
        return new Written(entries, null);
    }

    /**
     * Writes linear planes as a 16-bit sRGB PNG. Sixteen bits, not eight: rounding to 256 codes could make two
     * neighbouring levels of a gentle manipulation identical in dark regions, and the ladder's order must
     * survive the file.
     */
    static void writePng16(Path file, int width, int height, double[][] planes) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        int[] pixel = new int[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                for (int c = 0; c < 3; c++) {
                    pixel[c] = (int) Math.round(65535 * encodeSrgb(planes[c][i]));
                }
                raster.setPixel(x, y, pixel);
            }
        }
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        try {
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            if (!ImageIO.write(img, "png", png)) {
                throw new IOException("no PNG writer for 16-bit RGB");
            }
            writeIfChanged(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code bytes} unless the file already holds exactly them: a second run leaves identical files
     * (and their modification times) alone, so an incremental extract of them skips them.
     */
    public static void writeIfChanged(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length
                && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }

    /** Linear light to the sRGB transfer curve, clamped to [0, 1]. */
    static double encodeSrgb(double linear) {
        double x = Math.min(Math.max(linear, 0), 1);
        return x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055;
    }

    /** File-name stems of the sources, made unique in input order ("x", "x-2", ...), so no variant overwrites another. */
    public static List<String> stems(List<Path> sources) {
        Set<String> used = new HashSet<>();
        List<String> stems = new ArrayList<>();
        for (Path p : sources) {
            String name = p.getFileName() == null ? "image" : p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
            String candidate = stem;
            for (int k = 2; !used.add(candidate); k++) {
                candidate = stem + "-" + k;
            }
            stems.add(candidate);
        }
        return stems;
    }

    private static void writeIndex(Path file, List<Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder("file,source,family,level,expected_direction\n");
        for (Entry e : entries) {
            sb.append(Csv.field(e.file())).append(',').append(Csv.field(e.source())).append(',')
                    .append(e.family().id()).append(',').append(e.level()).append(',')
                    .append(e.family().direction() > 0 ? "+1" : "-1").append('\n');
        }
        writeIfChanged(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
