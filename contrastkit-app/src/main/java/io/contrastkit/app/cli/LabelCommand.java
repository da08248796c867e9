package io.contrastkit.app.cli;

import io.contrastkit.app.stage.Defaults;
import io.contrastkit.app.stage.LabelText;
import io.contrastkit.app.stage.LabelingService;

import io.contrastkit.store.StoreSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit label}: a person's label for one stored image. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Label one image of the store (a representative, say): 'foggy', 'harsh', 'fine'.",
                "Replaces the image's earlier label. 'contrastkit pseudolabel' then labels every",
                "image from these.",
                "Exit code: 0 labelled, 2 usage error, unknown image or the store cannot be used."})
public final class LabelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--image", paramLabel = "PATH", required = true,
            description = "The image, by the path it was extracted from (absolute or relative to here).")
    Path image;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "The label: 1 to " + LabelText.MAX_LENGTH + " letters, digits, spaces or - _ . ' ( ) /.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabelText label;
        try {
            label = new LabelText(name);
        } catch (IllegalArgumentException e) {
            err.println("contrastkit: --name: " + e.getMessage());
            return 2;
        }
        try (StoreSession session = storeOption.open(StoreSession.Access.WRITE, spec.commandLine().getErr())) {
            try {
                LabelingService.labelByPath(session, image, label);
            } catch (LabelingService.UnknownImageException e) {
                err.println("contrastkit: --image " + image + " is not a measured image of store " + storeOption.path()
                        + " (give the path it was extracted from; contrastkit export lists them)");
                return 2;
            }
            out.println("labelled " + image + " as '" + label.value() + "'");
            out.flush();
            return 0;
        }
    }
}
