package io.contrastkit.app.cli;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a long run: a live bar on a terminal, a plain periodic line in logs and pipes. */
public interface Progress extends AutoCloseable {

    /** @param done images finished so far (ok, failed or skipped as not an image), {@code failed} of them failed */
    void update(long done, long failed);

    @Override
    void close();

    /** A bar when the process talks to a terminal, else a line every {@code intervalMillis} on {@code log}. */
    static Progress create(String task, long total, PrintWriter log, long intervalMillis) {
        if (System.console() != null) {
            return new Bar(task, total);
        }
        return new Lines(task, total, log, intervalMillis);
    }

    /** me.tongfei's bar on stderr: done/total, images/s, ETA, and failures as its extra message. */
    final class Bar implements Progress {
        private final ProgressBar bar;

        Bar(String task, long total) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" img", 1).showSpeed(new DecimalFormat("0.0")).setSpeedUnit(ChronoUnit.SECONDS)
                    .setUpdateIntervalMillis(250).build();
            bar.setExtraMessage(" 0 failed");
        }

        @Override
        public void update(long done, long failed) {
            bar.stepTo(done);
            bar.setExtraMessage(" " + failed + " failed");
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** One line per interval, for logs: nothing redrawn, nothing that needs a terminal. */
    final class Lines implements Progress {
        private final String task;
        private final long total;
        private final PrintWriter log;
        private final long intervalNanos;
        private final long start = System.nanoTime();
        private long lastPrint = start;

        Lines(String task, long total, PrintWriter log, long intervalMillis) {
            this.task = task;
            this.total = total;
            this.log = log;
            this.intervalNanos = intervalMillis * 1_000_000L;
        }

        @Override
        public void update(long done, long failed) {
            long now = System.nanoTime();
            if (now - lastPrint < intervalNanos || done >= total) {
                return;
            }
            lastPrint = now;
            double seconds = (now - start) / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            String eta = rate > 0 ? duration((total - done) / rate) : "?";
            log.printf(Locale.ROOT, "%s: %d/%d (%.0f%%), %.1f images/s, ETA %s, %d failed%n", task, done, total,
                    100.0 * done / Math.max(1, total), rate, eta, failed);
            log.flush();
        }

        @Override
        public void close() {
            log.flush();
        }
    }

    /** {@code 1h 02m}, {@code 3m 07s}, {@code 12s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
