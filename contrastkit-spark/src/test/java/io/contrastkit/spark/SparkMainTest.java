package io.contrastkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher's parsing: usage errors exit 2 with a line naming the problem, before Spark starts. */
class SparkMainTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThat(run()).containsExactly("2", "contrastkit-spark: no command\n" + SparkMain.USAGE + "\n");
        assertThat(run("train")[1]).startsWith("contrastkit-spark: unknown command 'train'");
        assertThat(run("extract", "--outptu", "x")[1]).startsWith("contrastkit-spark: unknown option '--outptu'");
        assertThat(run("fit", "--features")[1]).startsWith("contrastkit-spark: --features needs a value");
    }

    @Test
    void valuesAreChecked() {
        SparkMain.Args a = SparkMain.Args.parse(new String[] {"fit", "--features", "t", "--sample-rows", "many"});
        assertThatThrownBy(() -> a.integer("--sample-rows", 1)).hasMessage("--sample-rows must be a whole number, got 'many'");
        assertThatThrownBy(() -> a.required("--model")).hasMessage("fit needs --model");
        SparkMain.Args b = SparkMain.Args.parse(new String[] {"extract", "--list", "a.txt", "--list", "b.txt", "--force", "dir"});
        assertThat(b.lists).containsExactly("a.txt", "b.txt");
        assertThat(b.paths).containsExactly("dir");
        assertThat(b.force).isTrue();
    }

    @Test
    void optionRecordsNameTheBadValue() {
        assertThatThrownBy(() -> new FitModel.Options("t", "m.json", io.contrastkit.learn.model.ContrastModelOptions.defaults(), 2, 1))
                .hasMessage("--sample-rows must be >= 5, got 2");
        assertThatThrownBy(() -> new ExtractFeatures.Options(java.util.List.of(), java.util.List.of(), "out",
                io.contrastkit.core.ExtractionOptions.defaults(), false, io.contrastkit.core.decode.NativeDecoding.WHEN_INSTALLED))
                .hasMessage("extract needs at least one input path or --list file");
    }
}
