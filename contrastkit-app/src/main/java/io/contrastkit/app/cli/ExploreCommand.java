package io.contrastkit.app.cli;

import io.contrastkit.app.explore.ExplorerOptions;
import io.contrastkit.app.explore.ExplorerServer;

import io.contrastkit.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit explore}: the local web explorer over a store and a model. */
@Command(name = "explore",
        header = "Open the local web explorer (map, galleries, labels, judgements).", mixinStandardHelpOptions = true,
        description = {"Open a local web explorer: the map (colour by group, contrast score or any",
                "feature), image details and similar images, group galleries, anomalies,",
                "labelling of representatives with propagation, and 'which has more contrast?'",
                "judgements. Labels and judgements are stored in the store. Runs until",
                "interrupted (Ctrl-C).",
                "Exit code: 2 usage error or the store, model or port cannot be used; stopped",
                "by a signal, the JVM's status for it (130 after Ctrl-C, 143 after SIGTERM)."})
public final class ExploreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @CommandLine.Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Port; 0 picks a free one and prints the address. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = ExplorerOptions.LOOPBACK,
            description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only; anything else lets others"
                    + " on the network see your images and change your labels).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExplorerServer server;
        try {
            server = ExplorerServer.start(new ExplorerOptions(storeOption.path(), modelOption.path(), host, port));
        } catch (IllegalArgumentException | StoreException e) {
            err.println("contrastkit: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("contrastkit: " + startFailure(e, host, port));
            return 2;
        }
        server.migration().ifPresent(m -> err.println("contrastkit: " + m));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "explorer-shutdown"));
        if (!new ExplorerOptions(storeOption.path(), modelOption.path(), host, port).loopbackOnly()) {
            err.println("contrastkit: warning: listening on " + host + ", reachable from other machines");
        }
        out.println("explorer at " + server.url() + " (Ctrl-C to stop)");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The line for an explorer that did not start ({@link ServerStart#failure}). */
    public static String startFailure(RuntimeException e, String host, int port) {
        return ServerStart.failure(e, "the explorer", host, port);
    }
}
