package io.contrastkit.app.report;

import io.contrastkit.learn.model.KChoice;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Report stage wrote.
 *
 * @param index  the page, {@code index.html} in the report folder
 * @param files  every file the page references, relative to the report folder (charts and thumbnails)
 * @param images measured images the report covers
 * @param groups contrast groups of the model
 * @param kReason  the one sentence saying why the model has this k
 * @param kTradeoff separation, stability and group sizes per k tried (empty when k was fixed or for 0.1.0 models)
 */
public record ReportResult(Path index, List<String> files, int images, int groups, String kReason,
                           List<KChoice.Tradeoff> kTradeoff) {
    public ReportResult {
        files = List.copyOf(files);
        kTradeoff = List.copyOf(kTradeoff);
    }
}
