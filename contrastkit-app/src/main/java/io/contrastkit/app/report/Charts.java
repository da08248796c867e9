package io.contrastkit.app.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's XChart plots, each rendered headless to PNG bytes. */
public final class Charts {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private Charts() {
    }

    static Color groupColour(int group) {
        return GroupPalette.colour(group);
    }

    /** CSS hex of a group's colour, so the page's legend matches the plots. */
    static String groupCss(int group) {
        return GroupPalette.css(group);
    }

    static org.knowm.xchart.style.markers.Marker groupMarker(int group) {
        return switch (GroupPalette.marker(group)) {
            case CIRCLE -> SeriesMarkers.CIRCLE;
            case SQUARE -> SeriesMarkers.SQUARE;
            case DIAMOND -> SeriesMarkers.DIAMOND;
            case TRIANGLE -> SeriesMarkers.TRIANGLE_UP;
            case CROSS -> SeriesMarkers.CROSS;
        };
    }

    /** One small histogram of a feature's values over the collection. */
    static byte[] histogram(String feature, double[] values, int width, int height) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(1);
        if (!(max > min)) {
            // a constant feature: one visible bar instead of XChart's division by a zero range
            max = min + Math.max(1e-9, Math.abs(min) * 1e-6);
        }
        int bins = Math.max(5, Math.min(30, (int) Math.ceil(Math.sqrt(values.length))));
        List<Double> data = new ArrayList<>(values.length);
        for (double v : values) {
            data.add(v);
        }
        Histogram h = new Histogram(data, bins, min, max);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(feature).build();
        style(chart);
        CategoryStyler st = chart.getStyler();
        st.setLegendVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        st.setAvailableSpaceFill(0.99);
        st.setXAxisMaxLabelCount(4);
        st.setXAxisDecimalPattern(pattern(min, max));
        st.setYAxisDecimalPattern("#");
        st.setAxisTitlesVisible(false);
        CategorySeries s = chart.addSeries("images", h.getxAxisData(), h.getyAxisData());
        s.setFillColor(groupColour(0));
        return png(chart);
    }

    /** Silhouette (left) and Davies-Bouldin (right) against k, the chosen k marked. */
    static byte[] kSelection(int[] ks, double[] silhouette, double[] daviesBouldin, int chosen, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Choosing k: silhouette (higher is better)")
                .xAxisTitle("k (number of groups)").yAxisTitle("mean silhouette").build();
        style(chart);
        // Below the plot: inside it, the legend covered the chosen-k marker whenever the best k was at the top right.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisDecimalPattern("#");
        double[] x = Arrays.stream(ks).asDoubleStream().toArray();
        XYSeries sil = chart.addSeries("silhouette", x, finite(silhouette));
        sil.setMarker(SeriesMarkers.CIRCLE);
        sil.setLineColor(groupColour(0));
        sil.setMarkerColor(groupColour(0));
        if (Arrays.stream(daviesBouldin).anyMatch(Double::isFinite)) {
            XYSeries db = chart.addSeries("Davies-Bouldin (lower is better)", x, finite(daviesBouldin));
            db.setYAxisGroup(1);
            db.setMarker(SeriesMarkers.SQUARE);
            db.setLineColor(groupColour(1));
            db.setMarkerColor(groupColour(1));
            chart.setYAxisGroupTitle(1, "Davies-Bouldin");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == chosen && Double.isFinite(silhouette[i])) {
                XYSeries mark = chart.addSeries("chosen k = " + chosen, new double[] {chosen}, new double[] {silhouette[i]});
                mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                mark.setMarker(SeriesMarkers.DIAMOND);
                mark.setMarkerColor(groupColour(3));
            }
        }
        return png(chart);
    }

    /** A group's mean of each feature as a z-score against the collection, above or below zero. */
    static byte[] profile(String title, List<String> features, double[] z, int group, int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title)
                .yAxisTitle("z-score (collection sd)").build();
        style(chart);
        CategoryStyler st = chart.getStyler();
        st.setLegendVisible(false);
        st.setOverlapped(true);
        st.setAvailableSpaceFill(0.7);
        st.setXAxisLabelRotation(60);
        st.setYAxisDecimalPattern("0.0");
        double lim = Math.max(1.0, Arrays.stream(z).map(Math::abs).max().orElse(1) * 1.1);
        st.setYAxisMin(-lim);
        st.setYAxisMax(lim);
        List<Double> above = new ArrayList<>();
        List<Double> below = new ArrayList<>();
        for (double v : z) {
            above.add(v >= 0 ? v : 0.0);
            below.add(v < 0 ? v : 0.0);
        }
        Color c = groupColour(group);
        chart.addSeries("above the collection mean", features, above).setFillColor(c);
        chart.addSeries("below the collection mean", features, below).setFillColor(c.darker().darker());
        return png(chart);
    }

    /** A 2-D scatter coloured by group (a legend entry per group). */
    static byte[] scatterByGroup(String title, String xTitle, String yTitle, double[] x, double[] y, int[] group,
                                 List<String> groupNames, int width, int height) {
        XYChart chart = scatterChart(title, xTitle, yTitle, width, height);
        // The page lists the groups beside the maps: an in-image legend of many long names was cut at both ends.
        chart.getStyler().setLegendVisible(false);
        for (int g = 0; g < groupNames.size(); g++) {
            int gg = g;
            int[] idx = java.util.stream.IntStream.range(0, x.length).filter(i -> group[i] == gg).toArray();
            if (idx.length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(g + ": " + groupNames.get(g), pick(x, idx), pick(y, idx));
            s.setMarker(groupMarker(g));
            s.setMarkerColor(groupColour(g));
        }
        return png(chart);
    }

    /** A 2-D scatter coloured by the contrast score, in nine bands of a dark-to-bright ramp. */
    static byte[] scatterByScore(String title, String xTitle, String yTitle, double[] x, double[] y, double[] score,
                                 int width, int height) {
        XYChart chart = scatterChart(title, xTitle, yTitle, width, height);
        // Bands as short labels in a legend column to the right: a row of nine under the plot did not fit.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        int bands = GroupPalette.rampStops();
        double width100 = 100.0 / bands;
        for (int b = 0; b < bands; b++) {
            int bb = b;
            int[] idx = java.util.stream.IntStream.range(0, x.length)
                    .filter(i -> Math.min(bands - 1, (int) Math.floor(Math.max(0, score[i]) / width100)) == bb).toArray();
            if (idx.length == 0) {
                continue;
            }
            String label = String.format(Locale.ROOT, "%.0f-%.0f", b * width100, (b + 1) * width100);
            XYSeries s = chart.addSeries(label, pick(x, idx), pick(y, idx));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(GroupPalette.ramp(b));
        }
        return png(chart);
    }

    private static XYChart scatterChart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        XYStyler st = chart.getStyler();
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        st.setMarkerSize(6);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setXAxisDecimalPattern("0.#");
        st.setYAxisDecimalPattern("0.#");
        return chart;
    }

    private static void style(Chart<? extends AxesChartStyler, ?> chart) {
        AxesChartStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        s.setChartTitleFont(TITLE);
        s.setAxisTitleFont(SMALL);
        s.setAxisTickLabelsFont(SMALL);
        s.setLegendFont(SMALL);
        s.setLegendBorderColor(Color.WHITE);
        s.setAntiAlias(true);
        s.setChartPadding(6);
    }

    private static String pattern(double min, double max) {
        double span = max - min;
        if (span >= 100) {
            return "0";
        }
        if (span >= 1) {
            return "0.#";
        }
        return span >= 0.01 ? "0.###" : "0.##E0";
    }

    private static double[] finite(double[] v) {
        // XChart refuses NaN; a missing silhouette (k = 1) is drawn as a gap at zero rather than failing the plot
        return Arrays.stream(v).map(d -> Double.isFinite(d) ? d : 0).toArray();
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }
}
