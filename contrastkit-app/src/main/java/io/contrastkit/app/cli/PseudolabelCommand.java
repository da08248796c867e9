package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.LabelingService;
import io.contrastkit.app.stage.ModelFiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrastkit.learn.label.PseudoLabeling;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit pseudolabel}: propagates people's labels to every image of the store. */
@Command(name = "pseudolabel",
        header = "Label every image from the few a person labelled.", mixinStandardHelpOptions = true,
        description = {"Label every image from the few a person labelled (contrastkit label, or the",
                "explorer): k-nearest neighbours and logistic regression on the model-scaled",
                "features are cross-validated on the labelled images and the better one predicts",
                "a label and a confidence for every image.",
                "Stored as source 'propagated'; people's labels are kept. Export: contrastkit",
                "export --what labels.",
                "Exit code: 0 labelled, 2 usage error, too few labels, or the store or model",
                "cannot be used."})
public final class PseudolabelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @CommandLine.Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--json", description = "Print a machine-readable summary on stdout.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ContrastModel m = ModelFiles.read(modelOption.path());
        try (StoreSession session = storeOption.open(StoreSession.Access.WRITE, spec.commandLine().getErr())) {
            LabelingService.Propagation propagation = LabelingService.propagate(session, m);
            PseudoLabeling r = propagation.labeling();
            ObjectNode summary = propagation.summary();
            if (json) {
                out.println(summary.toPrettyString());
            } else {
                out.println("labelled " + Plural.of(propagation.images(), "image") + " from " + r.labelled() + " labelled by people with "
                        + (r.classifier() == PseudoLabeling.Method.KNN ? "k-nearest neighbours" : "logistic regression"));
                out.println("  " + r.note());
                summary.get("counts").properties().forEach(e ->
                        out.println("  " + e.getKey() + ": " + e.getValue().asInt()));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
