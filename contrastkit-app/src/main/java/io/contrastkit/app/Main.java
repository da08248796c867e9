package io.contrastkit.app;

import io.contrastkit.app.cli.AgreementCommand;
import io.contrastkit.app.cli.AnalyzeCommand;
import io.contrastkit.app.cli.AnomaliesCommand;
import io.contrastkit.app.cli.ClusterCommand;
import io.contrastkit.app.cli.DemoCommand;
import io.contrastkit.app.cli.ExportCommand;
import io.contrastkit.app.cli.ExtractCommand;
import io.contrastkit.app.cli.FailuresCommand;
import io.contrastkit.app.cli.FeaturesCommand;
import io.contrastkit.app.cli.ImportCommand;
import io.contrastkit.app.cli.LadderCommand;
import io.contrastkit.app.cli.ModelCommand;
import io.contrastkit.app.cli.PredictCommand;
import io.contrastkit.app.cli.ValidateCommand;

import io.contrastkit.app.cli.ErrorHandler;
import io.contrastkit.app.cli.ExitCode;
import io.contrastkit.app.stage.ToolVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code contrastkit} command line: one subcommand per stage of the pipeline. */
@Command(name = "contrastkit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Contrast analysis for image collections that have no ground truth.",
        subcommands = {FeaturesCommand.class, ExtractCommand.class, FailuresCommand.class, ExportCommand.class,
                ImportCommand.class, ClusterCommand.class, PredictCommand.class, AnomaliesCommand.class,
                ModelCommand.class, AgreementCommand.class, LadderCommand.class, ValidateCommand.class,
                io.contrastkit.app.cli.ReportCommand.class,
                AnalyzeCommand.class, DemoCommand.class, io.contrastkit.app.cli.ExploreCommand.class,
                io.contrastkit.app.cli.LabelCommand.class, io.contrastkit.app.cli.PseudolabelCommand.class,
                io.contrastkit.app.cli.ServeCommand.class, io.contrastkit.app.cli.TrainCommand.class, io.contrastkit.app.cli.EmbedCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Builds the command line with the given streams; tests call {@code execute} on it in-process. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        // extract reads @list.txt itself (one path per line, spaces allowed); picocli's own @-file
        // expansion would split such lines on whitespace first.
        cl.setExpandAtFiles(false);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler(System.getenv("CONTRASTKIT_DEBUG") != null));
        return cl;
    }

    /** Runs the command line and returns its exit code (only {@link #main} exits). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            // report charts and thumbnails are drawn off-screen; never open a window or a dock icon
            System.setProperty("java.awt.headless", "true");
        }
        PrintWriter out = new PrintWriter(System.out, false);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /** The build's version ({@link ToolVersion#current}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"contrastkit " + ToolVersion.current()};
        }
    }
}
