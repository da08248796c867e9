package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.LadderService;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit demo}: analyze on the photos bundled with the project and their contrast-ladder variants. */
@Command(name = "demo",
        header = "Run analyze on the bundled sample photos.", mixinStandardHelpOptions = true,
        description = {"Run contrastkit analyze on a sample collection bundled with the project: the",
                "public photos in samples/photos plus their contrast ladders (contrastkit",
                "ladder: compression, haze and S-curve, five levels each, generated into",
                "DIR/samples), so the contrast groups are easy to see. Leaves the store, the",
                "model and the report in DIR and prints their paths.",
                "Exit code: 0 done, 2 the samples cannot be found or a stage could not run."})
public final class DemoCommand implements Callable<Integer> {

    /** Where the demo writes unless told otherwise, relative to the working directory. */
    static final String DEFAULT_OUT = "contrastkit-demo";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT,
            description = "Folder for the samples, store, model and report. Default: ./${DEFAULT-VALUE}/.")
    Path out;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Photos to build the demo from. Default: samples/photos of the contrastkit checkout.")
    Path samples;

    @CommandLine.Mixin
    SeedOption seedOption = new SeedOption();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path photos = samples;
        if (photos == null) {
            Optional<Path> found = bundledPhotos();
            if (found.isEmpty()) {
                err.println("contrastkit: cannot find the bundled samples/photos next to this contrastkit build or in "
                        + Path.of("").toAbsolutePath() + "; give a folder of photos with --samples DIR");
                err.flush();
                return ExitCode.USAGE;
            }
            photos = found.get();
        } else if (!Files.isDirectory(photos)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples " + photos + " is not a folder");
        }
        AnalysisRun.Settings settings;
        try {
            settings = new AnalysisRun.Settings(List.of(out.resolve("samples").toString()), out, "auto", seedOption.value(), threadsOption.count());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        err.println("demo: building the sample collection from " + photos);
        err.flush();
        int built = buildSamples(photos, out.resolve("samples"), err);
        if (built != ExitCode.OK) {
            return built;
        }
        return AnalysisRun.run(settings, CreatedAt.now(), spec.commandLine().getOut(), err);
    }

    /**
     * Copies the photos into {@code target} and writes their contrast ladders beside them with the
     * ladder command itself, so the demo shows the same variants {@code validate --ladder} checks.
     */
    private int buildSamples(Path photos, Path target, PrintWriter err) throws IOException, InterruptedException {
        Files.createDirectories(target);
        List<Path> sources = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(photos)) {
            List<Path> all = new ArrayList<>();
            ds.forEach(all::add);
            all.sort(null);
            for (Path p : all) {
                if (Files.isRegularFile(p)) {
                    // identical copies are left alone, so a second demo re-measures nothing
                    LadderService.writeIfChanged(target.resolve(p.getFileName()), Files.readAllBytes(p));
                    sources.add(p);
                }
            }
        }
        LadderService.Result r;
        try {
            r = LadderService.write(new LadderService.Request(target, LadderService.DEFAULT_MAX_SIDE, Defaults.threads(), sources));
        } catch (LadderService.WriteException e) {
            err.println("contrastkit ladder: " + e.getMessage());
            err.println("contrastkit: the contrast ladders of " + photos + " could not all be written (see above)");
            err.flush();
            return ExitCode.USAGE;
        }
        r.problems().forEach(p -> err.println("contrastkit: " + OneLine.of(p)));
        r.failures().forEach(err::println);
        err.println("demo: " + String.join(System.lineSeparator(), r.summary()));
        err.flush();
        if (!r.failures().isEmpty() || !r.problems().isEmpty()) {
            err.println("contrastkit: the contrast ladders of " + photos + " could not all be written (see above)");
            err.flush();
            return ExitCode.USAGE;
        }
        return ExitCode.OK;
    }

    /**
     * samples/photos of the checkout this build came from. The launcher runs
     * {@code contrastkit-app/target/contrastkit-app.jar} (tests run from {@code target/classes}), so the repository
     * root is a few folders above the code; the working directory is the last resort.
     */
    public static Optional<Path> bundledPhotos() {
        List<Path> starts = new ArrayList<>();
        try {
            var source = DemoCommand.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // an unusual class loader: fall back to the working directory
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            Path dir = start;
            for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
                Path candidate = dir.resolve("samples").resolve("photos");
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
