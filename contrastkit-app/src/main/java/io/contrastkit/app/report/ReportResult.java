package io.contrastkit.app.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the Report stage wrote.
 *
 * @param index  the page, {@code index.html} in the report folder
 * @param files  every file the page references, relative to the report folder (charts and thumbnails)
 * @param images measured images the report covers
 * @param groups contrast groups of the model
 */
public record ReportResult(Path index, List<String> files, int images, int groups) {
    public ReportResult {
        files = List.copyOf(files);
    }
}
