package io.contrastkit.core.decode;

/**
 * Adds rows to a working image. 8-bit rows larger than the working width (the common case) are
 * linearised and resampled in one fused pass; anything else is read whole and resampled after.
 */
final class Feeder {
    final WorkingImageBuilder builder;
    private final boolean fused;
    private final double[] r;
    private final double[] g;
    private final double[] b;

    /** @param eightBit whether the rows will come from {@link RowReader.Interleaved8} readers */
    Feeder(int width, int height, int maxSide, boolean eightBit) {
        builder = new WorkingImageBuilder(width, height, maxSide);
        fused = eightBit && builder.horizontal() != null;
        int len = fused ? builder.width() : width;
        r = new double[len];
        g = new double[len];
        b = new double[len];
    }

    void add(RowReader rows, int y) {
        if (fused) {
            builder.addResampledRow(r, g, b, ((RowReader.Interleaved8) rows).readResampled(y, builder.horizontal(), r, g, b));
        } else {
            builder.addRow(r, g, b, rows.read(y, r, g, b));
        }
    }
}
