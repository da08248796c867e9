package io.contrastkit.app.report;

import java.nio.file.Path;

/**
 * What {@link ReportService} reads and how much the report shows.
 *
 * @param store           the feature store (with the model's predictions, or they are recomputed)
 * @param model           the model file
 * @param out             the report folder; index.html, img/ and thumbs/ are written into it
 * @param anomalies       how many of the most unusual images the gallery shows
 * @param thumbnailSide   longest side of a thumbnail in pixels
 * @param stabilityRefits bootstrap refits of the stability check
 * @param seed            seed of the stability refits and the consistency hierarchy
 */
public record ReportOptions(Path store, Path model, Path out, int anomalies, int thumbnailSide, int stabilityRefits,
                            long seed) {

    public static final int DEFAULT_ANOMALIES = 24;
    public static final int DEFAULT_THUMBNAIL_SIDE = 160;
    public static final int DEFAULT_STABILITY_REFITS = 20;

    public ReportOptions {
        if (store == null || model == null || out == null) {
            throw new IllegalArgumentException("report needs --store, --model and --out, got store=" + store
                    + ", model=" + model + ", out=" + out);
        }
        if (anomalies < 0 || anomalies > 1000) {
            throw new IllegalArgumentException("--anomalies must be in 0..1000, got " + anomalies);
        }
        if (thumbnailSide < 16 || thumbnailSide > 1024) {
            throw new IllegalArgumentException("--thumbnail-side must be in 16..1024, got " + thumbnailSide);
        }
        if (stabilityRefits < 1 || stabilityRefits > 1000) {
            throw new IllegalArgumentException("--stability-refits must be in 1..1000, got " + stabilityRefits);
        }
    }

    /** The defaults for everything but the three paths. */
    public static ReportOptions of(Path store, Path model, Path out, long seed) {
        return new ReportOptions(store, model, out, DEFAULT_ANOMALIES, DEFAULT_THUMBNAIL_SIDE, DEFAULT_STABILITY_REFITS,
                seed);
    }
}
