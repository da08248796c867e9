package io.contrastkit.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/**
 * Draws a hierarchy given as a scipy linkage matrix (row i merges clusters {@code Z[i][0]} and {@code Z[i][1]}
 * at height {@code Z[i][2]} into cluster {@code n + i}, holding {@code Z[i][3]} leaves) with Java2D. Past
 * {@code maxLeaves} leaves only the last merges are drawn, like scipy's {@code truncate_mode='lastp'}, each
 * cut-off subtree shown as one leaf labelled with its size.
 */
final class Dendrogram {

    private Dendrogram() {
    }

    /**
     * @param linkage   (n-1) x 4 scipy linkage
     * @param leafName  the label of an original leaf (used only when it is drawn as itself)
     * @param cutGroups draw a dashed line where the tree splits into this many clusters (0: none)
     */
    static byte[] png(double[][] linkage, IntFunction<String> leafName, int maxLeaves, int cutGroups, int width,
                      int height) {
        int n = linkage.length + 1;
        int shown = Math.min(n, Math.max(2, maxLeaves));
        // Clusters formed by the last (shown - 1) merges are drawn; anything older is a leaf of the drawing.
        int firstDrawn = n + (n - 1) - (shown - 1);
        List<Integer> leaves = new ArrayList<>();
        collectLeaves(linkage, n, 2 * n - 2, firstDrawn, leaves);

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();

        String[] labels = new String[leaves.size()];
        int labelWidth = 0;
        for (int i = 0; i < labels.length; i++) {
            int id = leaves.get(i);
            labels[i] = id < n ? ellipsis(leafName.apply(id), 24) : "(" + size(linkage, n, id) + ")";
            labelWidth = Math.max(labelWidth, fm.stringWidth(labels[i]));
        }
        int left = 56;
        int right = 16;
        int top = 34;
        int bottom = Math.min(height / 3, labelWidth + 12);
        double maxH = Arrays.stream(linkage).mapToDouble(r -> r[2]).max().orElse(1);
        if (!(maxH > 0)) {
            maxH = 1;
        }
        double plotH = height - top - bottom;
        double step = (double) (width - left - right) / leaves.size();
        double[] xOf = new double[2 * n - 1];
        double[] yOf = new double[2 * n - 1];
        for (int i = 0; i < leaves.size(); i++) {
            xOf[leaves.get(i)] = left + step * (i + 0.5);
            yOf[leaves.get(i)] = top + plotH;
        }

        // axis with heights
        g.setColor(new Color(0x555555));
        g.drawLine(left - 6, top, left - 6, (int) (top + plotH));
        for (int t = 0; t <= 4; t++) {
            double h = maxH * t / 4;
            int y = (int) Math.round(top + plotH - plotH * h / maxH);
            g.drawLine(left - 10, y, left - 6, y);
            String s = String.format(Locale.ROOT, "%.1f", h);
            g.drawString(s, left - 12 - fm.stringWidth(s), y + 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Ward hierarchy (merge height = increase in within-group variance)", left, 20);
        g.setFont(small);

        g.setStroke(new BasicStroke(1.3f));
        g.setColor(new Color(0x4e79a7));
        for (int row = firstDrawn - n; row < n - 1; row++) {
            int a = (int) linkage[row][0];
            int b = (int) linkage[row][1];
            int node = n + row;
            double y = top + plotH - plotH * linkage[row][2] / maxH;
            xOf[node] = (xOf[a] + xOf[b]) / 2;
            yOf[node] = y;
            g.drawLine((int) Math.round(xOf[a]), (int) Math.round(yOf[a]), (int) Math.round(xOf[a]), (int) Math.round(y));
            g.drawLine((int) Math.round(xOf[b]), (int) Math.round(yOf[b]), (int) Math.round(xOf[b]), (int) Math.round(y));
            g.drawLine((int) Math.round(xOf[a]), (int) Math.round(y), (int) Math.round(xOf[b]), (int) Math.round(y));
        }

        if (cutGroups >= 2 && cutGroups <= n) {
            // any height between the merge that leaves cutGroups clusters and the next one splits the tree so
            double lo = linkage[n - cutGroups - 1 < 0 ? 0 : n - cutGroups - 1][2];
            double hi = linkage[n - cutGroups][2];
            double h = cutGroups == n ? lo / 2 : (lo + hi) / 2;
            int y = (int) Math.round(top + plotH - plotH * h / maxH);
            g.setColor(new Color(0xe15759));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine(left, y, width - right, y);
            g.drawString("cut into " + cutGroups + " clusters", width - right - fm.stringWidth("cut into "
                    + cutGroups + " clusters"), y - 4);
        }

        g.setColor(new Color(0x333333));
        AffineTransform base = g.getTransform();
        for (int i = 0; i < labels.length; i++) {
            int x = (int) Math.round(xOf[leaves.get(i)]);
            g.setTransform(base);
            g.translate(x + 4, top + plotH + 6);
            g.rotate(Math.PI / 2);
            g.drawString(labels[i], 0, 0);
        }
        g.setTransform(base);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** In-order leaves of the drawing (iterative: a chain-shaped tree of thousands would overflow the stack). */
    private static void collectLeaves(double[][] z, int n, int root, int firstDrawn, List<Integer> out) {
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (node < n || node < firstDrawn) {
                out.add(node);
            } else {
                double[] row = z[node - n];
                stack.push((int) row[1]);
                stack.push((int) row[0]);
            }
        }
    }

    private static long size(double[][] z, int n, int node) {
        return node < n ? 1 : Math.round(z[node - n][3]);
    }

    private static String ellipsis(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
