package io.contrastkit.app.cli;

import io.contrastkit.app.batch.CollectionScanner;
import io.contrastkit.app.batch.ImageBatchRunner;
import io.contrastkit.app.batch.ImageOutcome;
import io.contrastkit.app.batch.MemoryBudget;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.app.batch.InputFiles;
import io.contrastkit.app.stage.LadderVariants;

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
import java.io.PrintWriter;
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
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit ladder}: writes contrast ladders, variants of each image whose contrast order is known. */
@Command(name = "ladder",
        header = "Write contrast ladders: variants of known contrast order.", mixinStandardHelpOptions = true,
        description = {"Write contrast ladders: for each image, families of variants whose contrast order is known",
                "by construction, as 16-bit sRGB PNG (lossless), and DIR/ladder.csv with the columns",
                "file, source, family, level, expected_direction (+1: contrast should rise with the level,",
                "-1: it should fall). Check a model or the features against them with 'contrastkit validate --ladder DIR'.",
                "Families, five levels each (L = 1..5):",
                "  compression  each channel pulled toward its mean, m + (1 - 0.15 L)(x - m)        (-1)",
                "  haze         blend toward a bright neutral veil, (1 - 0.1 L) x + 0.1 L * 0.9    (-1)",
                "  s-curve      S-curve about the mean luminance p, t -> t + a t (1 - t), a = 0.18 L (+1)",
                "               (t: fraction of the way from p to black or white; both ends stay put)",
                "All image arithmetic is done in linear light (sRGB decoded to linear, as the features see it),",
                "per channel, after an area downscale to --max-side; the output is encoded back to sRGB.",
                "The same inputs always give the same files. Names: <image>__<family>_<level>.png.",
                "Exit code: 0 ok, 1 some inputs could not be read (each reported on stderr), 2 usage error or",
                "the output folder cannot be written."})
public final class LadderCommand implements Callable<Integer> {

    /** Name of the index file in the output folder. */
    public static final String INDEX = "ladder.csv";

    /**
     * Settings of one run.
     *
     * @param out     output folder
     * @param maxSide longest side of the variants (sources are area-downscaled in linear light), 0 = native
     * @param threads worker threads
     */
    record Settings(Path out, int maxSide, int threads) {
        Settings {
            if (out == null) {
                throw new IllegalArgumentException("--out must name a folder");
            }
            if (maxSide < 0) {
                throw new IllegalArgumentException("--max-side must be >= 0 (0 = native), got " + maxSide);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }
    }

    /** One row of ladder.csv. */
    record Entry(String file, String source, LadderVariants.Family family, int level) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created when absent).")
    Path out;

    @Option(names = "--max-side", paramLabel = "N", defaultValue = "512",
            description = "Longest side of the variants; larger sources are area-downscaled first (the extractor"
                    + " works at 512 by default). 0 = native. Default: ${DEFAULT-VALUE}.")
    int maxSide;

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Source images (folders are searched recursively).")
    List<Path> files;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = new Settings(out, maxSide, threadsOption.count());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            Files.createDirectories(settings.out());
        } catch (IOException e) {
            err.println("contrastkit ladder: cannot create output folder " + settings.out() + ": " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        InputFiles.Expansion inputs = InputFiles.expand(files);
        inputs.problems().forEach(p -> err.println("contrastkit: " + p));
        List<String> stems = stems(inputs.files());
        ImageDecoder decoder = new ImageDecoder(new ExtractionOptions(settings.maxSide(),
                ExtractionOptions.DEFAULT_WINDOW, ExtractionOptions.DEFAULT_MAX_PIXELS), NativeSetting.current());

        ImageBatchRunner runner = new ImageBatchRunner(new ImageBatchRunner.Options(settings.threads(), true, false),
                decoder, MemoryBudget.forHeap(Runtime.getRuntime().maxMemory()));
        List<CollectionScanner.Candidate> candidates = inputs.files().stream().map(CollectionScanner.Candidate::named)
                .toList();
        // By identity: the same file named twice still gets two stems, as it did before.
        Map<CollectionScanner.Candidate, String> stemOf = new IdentityHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            stemOf.put(candidates.get(i), stems.get(i));
        }
        List<Entry> entries = new ArrayList<>();
        int[] failed = new int[1];
        try {
            runner.run(candidates, (c, data, header) -> {
                try {
                    return ladder(decoder.decode(data, header), c.path(), stemOf.get(c), settings.out());
                } catch (UncheckedIOException e) {
                    // Not the image's fault: the whole run stops (the sink rethrows it).
                    return new Written(List.of(), e);
                }
            }, o -> {
                if (o instanceof ImageOutcome.Done<Written> d) {
                    if (d.value().writeError() != null) {
                        throw new UncheckedIOException(o.candidate().path().toString(), d.value().writeError().getCause());
                    }
                    entries.addAll(d.value().entries());
                } else if (o instanceof ImageOutcome.Failed<Written> f) {
                    failed[0]++;
                    err.println(o.candidate().path() + ": " + f.error().kind() + ": " + f.error().reason());
                }
            });
        } catch (UncheckedIOException io) {
            err.println("contrastkit ladder: cannot write the variants of " + io.getMessage() + " into "
                    + settings.out() + ": " + io.getCause().getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        try {
            writeIndex(settings.out().resolve(INDEX), entries);
        } catch (IOException e) {
            err.println("contrastkit ladder: cannot write " + settings.out().resolve(INDEX) + ": " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        int sources = inputs.files().size() - failed[0];
        stdout.printf(Locale.ROOT, "wrote %d variants of %d image%s (%d families x %d levels each) and %s to %s%n",
                entries.size(), sources, sources == 1 ? "" : "s", LadderVariants.Family.values().length,
                LadderVariants.LEVELS, INDEX, settings.out());
        if (failed[0] > 0) {
            stdout.printf(Locale.ROOT, "%d input%s could not be read (see above)%n", failed[0], failed[0] == 1 ? "" : "s");
        }
        stdout.flush();
        err.flush();
        return failed[0] > 0 || !inputs.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
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
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer for 16-bit RGB");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
