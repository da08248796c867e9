package io.contrastkit.app.report;

import io.contrastkit.app.stage.ModelFiles;
import io.contrastkit.app.stage.ProgressSink;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.store.StoreException;
import io.contrastkit.store.StoreSession;
import java.io.IOException;

/**
 * The Report stage: the static HTML report of a store and a model (index.html, charts and thumbnails beside it),
 * with the label-free figures of the Validation stage. It never prints; each step is told to the progress sink.
 */
public final class ReportService {

    private ReportService() {
    }

    /**
     * Writes the report, opening {@code options.store()} read-only while it reads and validates (not while it draws).
     *
     * @throws IllegalArgumentException when the store or the model cannot be used (the message says which and why)
     * @throws IOException              when the report folder cannot be written
     */
    public static ReportResult write(ReportOptions options, ProgressSink progress) throws IOException {
        ContrastModel model = readModel(options, progress);
        ReportWriter.Read read;
        // The store is held only while it is read and validated; drawing happens after it is closed.
        try (StoreSession store = StoreSession.open(options.store(), model.schema(), StoreSession.Access.READ)) {
            read = ReportWriter.read(options, model, store, progress);
        } catch (StoreException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return read.render();
    }

    /**
     * Writes the report from a store the caller holds open ({@code options.store()} names it in the report).
     *
     * @throws IllegalArgumentException when the store or the model cannot be used (the message says which and why)
     * @throws IOException              when the report folder cannot be written
     */
    public static ReportResult write(ReportOptions options, StoreSession store, ProgressSink progress)
            throws IOException {
        ContrastModel model = readModel(options, progress);
        try {
            return ReportWriter.write(options, model, store, progress);
        } catch (StoreException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ContrastModel readModel(ReportOptions options, ProgressSink progress) {
        ensureHeadless();
        progress.step("reading the model " + options.model());
        ContrastModel model = ModelFiles.read(options.model());
        progress.step("reading the store " + options.store());
        return model;
    }

    /** Charts and thumbnails are drawn off-screen; without this a JVM on a desktop could open a window or a dock icon. */
    private static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
