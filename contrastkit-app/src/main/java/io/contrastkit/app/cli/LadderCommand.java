package io.contrastkit.app.cli;

import io.contrastkit.app.stage.LadderService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrastkit ladder}: writes contrast ladders, variants of each image whose contrast order is known. */
@Command(name = "ladder",
        header = "Write contrast ladders: variants of known contrast order.", mixinStandardHelpOptions = true,
        description = {"Write contrast ladders: for each image, families of variants whose contrast",
                "order is known by construction, as 16-bit sRGB PNG (lossless), and",
                "DIR/ladder.csv with the columns file, source, family, level, expected_direction",
                "(+1: contrast should rise with the level, -1: it should fall). Check a model or",
                "the features against them with 'contrastkit validate --ladder DIR'.",
                "Families, five levels each (L = 1..5), with the expected direction:",
                "  compression  (-1) each channel toward its mean, m + (1 - 0.15 L)(x - m)",
                "  haze         (-1) toward a bright neutral veil, (1 - 0.1 L) x + 0.1 L * 0.9",
                "  s-curve      (+1) S-curve about the mean luminance p, t -> t + a t (1 - t),",
                "                    a = 0.18 L (t: fraction of the way from p to black or",
                "                    white; both ends stay put)",
                "All image arithmetic is done in linear light (sRGB decoded to linear, as the",
                "features see it), per channel, after an area downscale to --max-side; the",
                "output is encoded back to sRGB.",
                "The same inputs always give the same files, named",
                "<image>__<family>_<level>.png.",
                "Exit code: 0 ok, 1 some inputs could not be read (each reported on stderr),",
                "2 usage error or the output folder cannot be written."})
public final class LadderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created when absent).")
    Path out;

    @Option(names = "--max-side", paramLabel = "N", defaultValue = "" + LadderService.DEFAULT_MAX_SIDE,
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
        LadderService.Request request;
        try {
            request = new LadderService.Request(out, maxSide, threadsOption.count(), files);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        LadderService.Result r;
        try {
            r = LadderService.write(request);
        } catch (LadderService.WriteException e) {
            err.println("contrastkit ladder: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        r.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));
        r.failures().forEach(err::println);
        r.summary().forEach(stdout::println);
        stdout.flush();
        err.flush();
        return !r.failures().isEmpty() || !r.problems().isEmpty() ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
}
