package io.contrastkit.app.cli;

import io.contrastkit.app.serve.PredictionServer;
import io.contrastkit.app.serve.ServeOptions;
import io.contrastkit.app.web.LoopbackHosts;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrastkit serve}: the prediction service over a saved model. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve predictions over HTTP: POST an image, get its group and scores.",
        description = {"Serves a saved model's predictions over HTTP until stopped (Ctrl-C, SIGTERM),",
                "finishing the requests it has taken on before it stops.",
                "POST /v1/predict with an image as the body (or one multipart file part) answers",
                "what 'predict' prints for a file, plus tier, model_version and millis",
                "(?tier=fast: the features at a 256 px working size, about twice as fast, not",
                "the same numbers; README; ?tier=deep: hybrid plus the embedding of the",
                "--embedding-model, 409 without one); POST /v1/predict/batch (multipart,",
                "one result per file part, failures inline); GET /v1/model, GET /health,",
                "GET /metrics (Prometheus text), GET /openapi.json. The model adapts to",
                "what it serves: every --refit-every images it is refitted in the background",
                "and swapped in",
                "(GET /v1/models, POST /v1/model/refit, POST /v1/model/rollback?version=ID).",
                "Errors are JSON {code, message}: 401 missing or wrong token, 413 body too large,",
                "415 not an image or unsupported format, 422 broken or too large image,",
                "503 overloaded (with Retry-After), 504 timeout.",
                "Exit code: 2 usage error or the model or port cannot be used; stopped by a",
                "signal, the JVM's status for it (143 after SIGTERM, 130 after Ctrl-C)."})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ModelOption modelOption = new ModelOption();

    /** Keep these as the store was extracted with: the model's features must be measured the same way. */
    @CommandLine.Mixin
    ExtractionOptionsMixin extraction = new ExtractionOptionsMixin();

    @CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Port; 0 picks a free one and prints the address. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = LoopbackHosts.LOOPBACK,
            description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--token", paramLabel = "T",
            description = "Require 'Authorization: Bearer T' on every /v1 request (default: none).")
    String token;

    @Option(names = "--queue", paramLabel = "Q",
            description = "Requests that may wait for a worker; one more is answered 503. Default: 4 per thread.")
    Integer queue;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "64",
            description = "Largest request body in MiB; larger is answered 413. Default: ${DEFAULT-VALUE}.")
    int maxBodyMb;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "Longest a request may wait and be measured; past it the answer is 504. Default: ${DEFAULT-VALUE}.")
    long timeoutMillis;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "64",
            description = "Most images in one /v1/predict/batch request; more is 413. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--refit-every", paramLabel = "N", defaultValue = "1000",
            description = "Refit the model in the background after every N served images (hybrid tier);"
                    + " 0: only on POST /v1/model/refit. Default: ${DEFAULT-VALUE}.")
    int refitEvery;

    @Option(names = "--buffer", paramLabel = "N", defaultValue = "5000",
            description = "Served images' features kept for refits and drift (the newest N). Default: ${DEFAULT-VALUE}.")
    int bufferRows;

    @Option(names = "--keep-versions", paramLabel = "N", defaultValue = "20",
            description = "Model versions kept for rollback. Default: ${DEFAULT-VALUE}.")
    int keepVersions;

    @Option(names = "--store", paramLabel = "F",
            description = "Append served images' features (hybrid tier) to this store, created when absent; the"
                    + " service holds its writer while it runs (default: none).")
    java.nio.file.Path store;

    @Option(names = "--embedding-model", paramLabel = "DIR",
            description = "Serve the deep tier (?tier=deep) with this model directory (train vae's <run>/model);"
                    + " only then is libtorch loaded (default: none, deep is 409).")
    java.nio.file.Path embeddingModel;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threads = threadsOption.count();
        ServeOptions options;
        try {
            options = new ServeOptions(modelOption.path(), extraction.toOptions(spec.commandLine()), host, port, token,
                    threads, queue == null ? 4 * threads : queue, (long) maxBodyMb << 20, timeoutMillis, maxBatch,
                    refitEvery, bufferRows, keepVersions, store, embeddingModel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PredictionServer server;
        try {
            server = PredictionServer.start(options, line -> {
                synchronized (err) {
                    err.println("contrastkit: " + line);
                    err.flush();
                }
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("contrastkit: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (RuntimeException e) {
            err.println("contrastkit: " + ServerStart.failure(e, "the service", host, port));
            return ExitCode.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run the hooks: the server refuses new requests, answers those it took, then stops.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        if (!options.loopbackOnly()) {
            err.println("contrastkit: warning: listening on " + host + ", reachable from other machines"
                    + (token == null ? " without a token" : ""));
        }
        out.println("serving model " + server.modelVersion() + " at " + server.url() + " (Ctrl-C to stop)");
        if (server.embeddingModelId() != null) {
            err.println("contrastkit: deep tier: " + server.embeddingModelId() + " from " + embeddingModel);
            err.flush();
        }
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
