package io.contrastkit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Issue 12 item 10: what the command line says about itself (usage, help, version). */
class CliPolishTest {

    @Test
    void noSubcommandPrintsUsageOnStderrAndExitsTwo() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Usage: contrastkit").contains("extract");
    }

    @Test
    void modelAlonePrintsUsageOnStderrAndExitsTwo() {
        CliRun run = CliRun.of("model");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Usage: contrastkit model").contains("show");
    }

    @Test
    void helpStillGoesToStdoutWithExitZero() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: contrastkit");
        CliRun model = CliRun.of("model", "--help");
        assertThat(model.exitCode()).isZero();
        assertThat(model.out()).contains("Usage: contrastkit model");
    }

    @Test
    void versionIsTheBuildsVersionNotDev() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        // the reactor's version (0.1.0-SNAPSHOT today), read from the jar manifest or, from classes, the build
        assertThat(run.out().strip()).matches("contrastkit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    /** Every help text fits the 80-column usage width: no header or description line is wrapped or cut. */
    @Test
    void helpTextsAreNotBrokenByWrapping() {
        List<String> broken = new ArrayList<>();
        for (CommandLine cl : allCommands(Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())))) {
            CommandSpec spec = cl.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own text
            }
            CommandLine.Help help = cl.getHelp();
            check(broken, spec.qualifiedName() + " header", spec.usageMessage().header(), help.header());
            check(broken, spec.qualifiedName() + " description", spec.usageMessage().description(),
                    help.description());
        }
        assertThat(broken).isEmpty();
    }

    /** The list of subcommands shows each one's first line: it must be a whole sentence, not a cut fragment. */
    @Test
    void commandListsShowWholeSentences() {
        List<String> cut = new ArrayList<>();
        for (CommandLine cl : allCommands(Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())))) {
            for (CommandLine sub : cl.getSubcommands().values()) {
                CommandSpec s = sub.getCommandSpec();
                String[] lines = s.usageMessage().header().length > 0 ? s.usageMessage().header()
                        : s.usageMessage().description();
                String first = lines.length == 0 ? "" : lines[0].strip();
                if (!first.endsWith(".") && !first.endsWith(".)")) {
                    cut.add(s.qualifiedName() + ": " + first);
                }
            }
        }
        assertThat(cut).isEmpty();
    }

    /**
     * Every command's options, and only those, appear in its README synopses: the inline code spans that start
     * with {@code contrastkit <command>}.
     */
    @Test
    void readmeSynopsesNameEveryOptionOfEveryCommand() throws IOException {
        String readme = Files.readString(readme());
        List<String> wrong = new ArrayList<>();
        for (CommandLine cl : allCommands(Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())))) {
            CommandSpec spec = cl.getCommandSpec();
            if (!cl.getSubcommands().isEmpty() || spec.userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            Set<String> declared = new TreeSet<>();
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                if (!o.usageHelp() && !o.versionHelp() && !o.hidden()) {
                    declared.add(o.longestName());
                }
            }
            Matcher span = Pattern.compile("`" + Pattern.quote(spec.qualifiedName()) + "(?: [^`]*)?`").matcher(readme);
            Set<String> documented = new TreeSet<>();
            int spans = 0;
            while (span.find()) {
                spans++;
                documented.addAll(options(span.group()));
            }
            Set<String> missing = new TreeSet<>(declared);
            missing.removeAll(documented);
            Set<String> unknown = new TreeSet<>(documented);
            unknown.removeAll(declared);
            if (spans == 0) {
                wrong.add(spec.qualifiedName() + ": no synopsis");
            } else if (!missing.isEmpty() || !unknown.isEmpty()) {
                wrong.add(spec.qualifiedName() + ": missing " + missing + ", not an option " + unknown);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** "1 images" and "1 threads" were printed; a run that measured nothing reported a rate ("150 images/s"). */
    @Test
    void countsOfOneAreSingularAndANoOpExtractReportsNoRate(@TempDir Path dir) throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        TestImages.write(photos.resolve("one.png"), 32, 24, 1, "png");
        Files.writeString(photos.resolve("notes.txt"), "not an image\n");
        String store = dir.resolve("store.duckdb").toString();

        CliRun first = CliRun.of("extract", "--store", store, "--threads", "1", photos.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("extracted 1 ok, 0 failed, 0 skipped unchanged, 1 skipped not an image"
                + " in \\d+\\.\\d s \\(\\d+\\.\\d\\d images/s, 1 thread\\)");

        CliRun again = CliRun.of("extract", "--store", store, "--threads", "2", photos.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("extracted 0 ok, 0 failed, 1 skipped unchanged, 1 skipped not an image"
                + " in \\d+\\.\\d s \\(2 threads\\)").doesNotContain("images/s");

        CliRun decoded = CliRun.of("extract", "--decode-only", "--threads", "1", dir.resolve("nothing").toString());
        assertThat(decoded.out()).contains("decoded 0 ok, 0 failed, 0 skipped not images in").doesNotContain("images/s");

        Path csv = dir.resolve("one.csv");
        CliRun export = CliRun.of("export", "--store", store, "--format", "csv", "--out", csv.toString());
        assertThat(export.out()).contains("exported 1 image (1 ok, 0 failed)");
        Path parquet = dir.resolve("one.parquet");
        assertThat(CliRun.of("export", "--store", store, "--format", "parquet", "--out", parquet.toString()).exitCode())
                .isZero();
        CliRun imported = CliRun.of("import", "--store", dir.resolve("copy.duckdb").toString(), parquet.toString());
        assertThat(imported.out()).as(imported.err()).contains("imported 1 image from");
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md of the reactor not found above " + Path.of("").toAbsolutePath());
    }

    private static void check(List<String> broken, String what, String[] lines, String rendered) {
        if (lines.length == 0) {
            return;
        }
        String[] out = rendered.isEmpty() ? new String[0] : rendered.split("\\R", -1);
        int n = out.length > 0 && out[out.length - 1].isEmpty() ? out.length - 1 : out.length;
        if (n != lines.length) {
            broken.add(what + ": " + lines.length + " lines render as " + n + ":\n" + rendered);
        }
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (int i = 0; i < all.size(); i++) {
            for (CommandLine sub : all.get(i).getSubcommands().values()) {
                if (!all.contains(sub)) {
                    all.add(sub);
                }
            }
        }
        return all;
    }

    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    private static List<String> options(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
