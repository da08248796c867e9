package io.contrastkit.spark;

import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.decode.NativeDecoding;
import io.contrastkit.learn.model.ContrastModelOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The entry point {@code spark-submit} runs ({@code bin/contrastkit-spark} wraps it): {@code extract},
 * {@code fit} or {@code predict}, each a thin parse, a stage call and one summary line. The master comes
 * from spark-submit ({@code --master}) or, without it, the {@code spark.master} system property.
 */
public final class SparkMain {

    static final String USAGE = String.join("\n",
            "usage: contrastkit-spark extract --output DIR [--list FILE]... [--force] [--max-side N] [PATH...]",
            "       contrastkit-spark fit --features DIR --model FILE.json [--sample-rows N] [--seed N]",
            "       contrastkit-spark predict --model FILE.json --output DIR (--features DIR | PATH...)");

    private SparkMain() {
    }

    /** Runs one command and exits with its status: 0 done, 2 usage error, 1 failure. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("contrastkit-spark: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            SparkSession spark = SparkSession.builder().appName("contrastkit-spark " + a.command).getOrCreate();
            // The summary line is the output; Spark's INFO lines would bury it.
            spark.sparkContext().setLogLevel("WARN");
            try {
                String line = switch (a.command) {
                    case "extract" -> {
                        ExtractFeatures.Result r = ExtractFeatures.run(spark, new ExtractFeatures.Options(a.paths,
                                a.lists, a.required("--output"), a.extraction(), a.force, nativeSetting()));
                        yield String.format(Locale.ROOT, "extracted %d images (%d ok, %d failed), %d unchanged; %d rows"
                                + " in %s (%.1f s)", r.measured(), r.ok(), r.failed(), r.unchanged(), r.rows(),
                                a.required("--output"), r.seconds());
                    }
                    case "fit" -> {
                        FitModel.Result r = FitModel.run(spark, new FitModel.Options(a.required("--features"),
                                a.required("--model"), ContrastModelOptions.defaults(),
                                a.integer("--sample-rows", FitModel.DEFAULT_SAMPLE_ROWS), a.longValue("--seed", 42)));
                        FitModel.Phases p = r.phases();
                        yield String.format(Locale.ROOT, "fitted model %s: k = %d on %d rows (driver sample %d)"
                                + " in %.1f s (scan %.1f, sample %.1f, driver fit %.1f, k-means over all %.1f);"
                                + " wrote %s", r.model().id(), r.model().clustering().k(), r.rows(), r.sampled(),
                                r.seconds(), p.scan(), p.sample(), p.driverFit(), p.refine(), a.required("--model"));
                    }
                    case "predict" -> {
                        Predict.Result r = Predict.run(spark, new Predict.Options(a.required("--model"),
                                a.options.get("--features"), a.paths, a.required("--output"), a.extraction(),
                                nativeSetting()));
                        yield String.format(Locale.ROOT, "predicted %d of %d rows with model %s in %.1f s; wrote %s",
                                r.predicted(), r.rows(), r.modelId(), r.seconds(), a.required("--output"));
                    }
                    default -> throw new IllegalStateException(a.command);
                };
                out.println(line);
                return 0;
            } finally {
                spark.stop();
            }
        } catch (IllegalArgumentException e) {
            err.println("contrastkit-spark: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("contrastkit-spark: " + a.command + " failed: " + e);
            return 1;
        }
    }

    /** The native decoders' setting, read as the CLI reads it (property contrastkit.native, env CONTRASTKIT_NATIVE). */
    static NativeDecoding nativeSetting() {
        return NativeDecoding.fromSetting(System.getProperty("contrastkit.native", System.getenv("CONTRASTKIT_NATIVE")),
                "CONTRASTKIT_NATIVE / contrastkit.native");
    }

    /** The parsed command line. */
    static final class Args {
        private static final List<String> VALUED = List.of("--output", "--list", "--max-side", "--features", "--model",
                "--sample-rows", "--seed");
        String command;
        final java.util.Map<String, String> options = new java.util.HashMap<>();
        final List<String> lists = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        boolean force;

        static Args parse(String[] args) {
            if (args.length == 0 || !List.of("extract", "fit", "predict").contains(args[0])) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
            }
            Args a = new Args();
            a.command = args[0];
            for (int i = 1; i < args.length; i++) {
                String s = args[i];
                if (s.equals("--force")) {
                    a.force = true;
                } else if (VALUED.contains(s)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(s + " needs a value");
                    }
                    String v = args[++i];
                    if (s.equals("--list")) {
                        a.lists.add(v);
                    } else {
                        a.options.put(s, v);
                    }
                } else if (s.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option '" + s + "'");
                } else {
                    a.paths.add(s);
                }
            }
            return a;
        }

        String required(String name) {
            String v = options.get(name);
            if (v == null) {
                throw new IllegalArgumentException(command + " needs " + name);
            }
            return v;
        }

        int integer(String name, int fallback) {
            String v = options.get(name);
            try {
                return v == null ? fallback : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
            }
        }

        long longValue(String name, long fallback) {
            String v = options.get(name);
            try {
                return v == null ? fallback : Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
            }
        }

        ExtractionOptions extraction() {
            return ExtractionOptions.defaults().withMaxSide(integer("--max-side", ExtractionOptions.DEFAULT_MAX_SIDE));
        }
    }
}
