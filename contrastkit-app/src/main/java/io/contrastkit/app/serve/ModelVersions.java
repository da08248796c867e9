package io.contrastkit.app.serve;

import io.contrastkit.app.api.ContrastKit;
import io.contrastkit.app.stage.ModelAdaptationService;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.FeatureDrift;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The service's models: the one serving now (one immutable {@link Version} behind an atomic reference, so a
 * request that reads it once uses one model throughout and names it), the earlier ones (for rollback), and the
 * bounded buffer of served images' features that refits learn from. A refit runs on its own thread, one at a
 * time, and swaps the new version in when it is complete.
 */
final class ModelVersions implements AutoCloseable {

    /** One model as served: its kit, its ordinal among this service's versions, why and when it came. */
    record Version(int number, ContrastKit kit, String reason, Instant createdAt) {
        Version {
            Objects.requireNonNull(kit, "kit");
        }

        String id() {
            return kit.modelVersion();
        }
    }

    /** What a refit did: the new version, or why there is none. */
    record RefitOutcome(Version version, String refused) {
    }

    private final Runnable beforeRefit;
    private final int bufferRows;
    private final int refitEvery;
    private final int keep;
    private final Consumer<String> log;
    private final FeatureDrift drift;
    private final AtomicReference<Version> current;
    /** Oldest first; the first (the model the service started with) is never dropped. */
    private final List<Version> history = new ArrayList<>();
    private final ArrayDeque<double[]> buffer = new ArrayDeque<>();
    private final AtomicLong sinceRefit = new AtomicLong();
    private final AtomicLong refits = new AtomicLong();
    private final AtomicBoolean refitting = new AtomicBoolean();
    private final ExecutorService refitter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "serve-refit");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param bufferRows the most served rows kept (the newest)
     * @param refitEvery refit after this many served rows, or 0 for only when asked
     * @param keep       the most versions kept for rollback (the first always among them)
     * @param log        told one line per refit, rollback and drift report
     */
    ModelVersions(ContrastKit initial, int bufferRows, int refitEvery, int keep,
                  Consumer<String> log) {
        this(initial, bufferRows, refitEvery, keep, log, () -> { });
    }

    /** The same with a hook run on the refit thread before each refit (tests hold a refit there). */
    ModelVersions(ContrastKit initial, int bufferRows, int refitEvery, int keep,
                  Consumer<String> log, Runnable beforeRefit) {
        this.beforeRefit = beforeRefit;
        this.bufferRows = bufferRows;
        this.refitEvery = refitEvery;
        this.keep = keep;
        this.log = log;
        // Every version keeps the training rows of the first (a refit keeps the anomaly reference): drift is
        // always against the training distribution, not against the last refit.
        this.drift = ModelAdaptationService.drift(initial.model());
        Version first = new Version(1, initial, "loaded", Instant.now());
        this.current = new AtomicReference<>(first);
        history.add(first);
    }

    /** The version serving now; read it once per request. */
    Version current() {
        return current.get();
    }

    /** All kept versions, oldest first. */
    synchronized List<Version> versions() {
        return List.copyOf(history);
    }

    /** A kept version by its model id. */
    synchronized Optional<Version> find(String id) {
        return history.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** Served rows now in the buffer. */
    synchronized int bufferSize() {
        return buffer.size();
    }

    /** Refits done so far. */
    long refits() {
        return refits.get();
    }

    /** Whether a refit is running now. */
    boolean refitting() {
        return refitting.get();
    }

    /** PSI per feature of the buffer against the training bins. */
    double[] drift() {
        double[][] rows;
        synchronized (this) {
            rows = buffer.toArray(new double[0][]);
        }
        return drift.psi(rows);
    }

    /** Adds a served image's features; starts a refit in the background every {@code refitEvery} rows. */
    void served(double[] features) {
        synchronized (this) {
            if (buffer.size() == bufferRows) {
                buffer.removeFirst();
            }
            buffer.addLast(features.clone());
        }
        if (refitEvery > 0 && sinceRefit.incrementAndGet() >= refitEvery && !refitting.get()) {
            refit("every " + refitEvery + " served images");
        }
    }

    /**
     * Starts a refit over the buffer now, unless one is running: the future completes with the new version
     * (already swapped in) or the reason there is none.
     */
    CompletableFuture<RefitOutcome> refit(String why) {
        if (!refitting.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(new RefitOutcome(null, "a refit is already running"));
        }
        sinceRefit.set(0);
        double[][] rows;
        synchronized (this) {
            rows = buffer.toArray(new double[0][]);
        }
        if (rows.length < ModelAdaptationService.MIN_ROWS) {
            refitting.set(false);
            return CompletableFuture.completedFuture(new RefitOutcome(null, "the buffer has " + rows.length
                    + " served images; a refit needs at least " + ModelAdaptationService.MIN_ROWS));
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    beforeRefit.run();
                    Version from = current.get();
                    ContrastModel model = ModelAdaptationService.refit(from.kit().model(), rows,
                            "served images of model " + from.id(), Instant.now());
                    ContrastKit kit = from.kit().withModel(model, "model " + model.id());
                    Version v;
                    synchronized (this) {
                        v = new Version(history.get(history.size() - 1).number() + 1, kit, "refit of " + from.id()
                                + " on " + rows.length + " served images (" + why + ")", Instant.now());
                        history.add(v);
                        // Beyond the limit the oldest go, but never the first nor the one serving.
                        for (int i = 1; history.size() > keep && i < history.size(); ) {
                            if (history.get(i) == v) {
                                i++;
                            } else {
                                history.remove(i);
                            }
                        }
                        current.set(v);
                    }
                    refits.incrementAndGet();
                    log.accept("model " + v.id() + " serves: " + v.reason() + "; " + driftLine());
                    return new RefitOutcome(v, null);
                } catch (RuntimeException e) {
                    log.accept("refit failed, model " + current.get().id() + " still serves: " + e.getMessage());
                    return new RefitOutcome(null, "the refit failed: " + e.getMessage());
                } finally {
                    refitting.set(false);
                    // Images served while this refit ran count towards the next: start it if they already reach N.
                    if (refitEvery > 0 && sinceRefit.get() >= refitEvery) {
                        refit("every " + refitEvery + " served images");
                    }
                }
            }, refitter);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refitting.set(false);
            return CompletableFuture.completedFuture(new RefitOutcome(null, "the service is stopping"));
        }
    }

    /** Makes a kept version the serving one again. */
    synchronized Optional<Version> rollback(String id) {
        Optional<Version> v = find(id);
        v.ifPresent(version -> {
            current.set(version);
            log.accept("model " + version.id() + " serves again (rollback)");
        });
        return v;
    }

    /** The features that drifted most, for the log. */
    String driftLine() {
        double[] psi = drift();
        List<String> names = current.get().kit().model().schema().names();
        Integer[] order = new Integer[psi.length];
        for (int j = 0; j < psi.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(psi[b], psi[a]));
        StringBuilder b = new StringBuilder("drift (PSI vs training) highest: ");
        for (int i = 0; i < Math.min(3, order.length); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(order[i])).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", psi[order[i]]));
        }
        return b.toString();
    }

    @Override
    public void close() {
        refitter.shutdownNow();
    }
}
