package io.contrastkit.spark;

import io.contrastkit.testing.RequiredEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3-compatible server on loopback for the s3a:// tests: S3Proxy (its self-contained jar, copied by the
 * build into {@code target/s3proxy}) with an in-memory store, in a JVM of its own. Not in this JVM because
 * S3Proxy brings Jetty 11 and its own libraries, which clash with the app's Jetty 12 on the test classpath.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "contrastkit-test";
    static final String CREDENTIAL = "contrastkit-test-secret";
    /** How S3Proxy's Jetty says where it listens: {@code Started ServerConnector@...{127.0.0.1:PORT}}. */
    private static final Pattern STARTED = Pattern.compile("Started ServerConnector@.*\\{127\\.0\\.0\\.1:(\\d+)}");

    private final Process process;
    private final int port;
    private final List<String> log;

    private S3ProxyServer(Process process, int port, List<String> log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts S3Proxy on 127.0.0.1 (a free port it picks) and waits until it listens. Skips the test when the
     * jar is missing (a run outside Maven), and fails it so under CI.
     */
    static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
        String property = System.getProperty("contrastkit.s3proxy.jar");
        Path jar = property == null ? null : Path.of(property);
        RequiredEnvironment.assumePresent(jar != null && Files.isRegularFile(jar),
                "S3Proxy's jar is not at contrastkit.s3proxy.jar=" + property
                        + " (Maven copies it into contrastkit-spark/target/s3proxy at process-test-resources)");
        Path properties = workDir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                // Port 0: the server picks a free one and logs it, so two test JVMs never race for a port.
                "s3proxy.endpoint=http://127.0.0.1:0",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=transient",
                "jclouds.identity=" + IDENTITY,
                "jclouds.credential=" + CREDENTIAL, ""));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx256m", "-jar", jar.toString(),
                "--properties", properties.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.add(line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        listening.complete(Integer.parseInt(m.group(1)));
                    }
                }
                listening.completeExceptionally(new IOException("S3Proxy exited with " + p.waitFor()));
            } catch (IOException | InterruptedException e) {
                listening.completeExceptionally(e);
            }
        }, "s3proxy-log");
        reader.setDaemon(true);
        reader.start();
        try {
            return new S3ProxyServer(p, listening.get(60, TimeUnit.SECONDS), log);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("S3Proxy (" + jar + ") did not start listening on 127.0.0.1 within 60 s: "
                    + e.getMessage() + "; its output:\n" + String.join("\n", log), e);
        }
    }

    /** The endpoint S3 clients are pointed at, e.g. {@code http://127.0.0.1:40123}. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** What the server printed so far, for failure messages. */
    String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while stopping S3Proxy", e);
        }
    }
}
