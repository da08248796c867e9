package io.contrastkit.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed row pass against the definition, pixel by pixel: each cell's value is the weighted sum
 * of its pixels' linear values (spec 2.2-2.3), and every pixel of the row is counted once for
 * clipping. Rows are random codes salted with black and white pixels and lone 0/255 channels (which
 * must not count), in RGB and BGR byte orders and with a fourth byte in each position.
 */
class PackedRowPassTest {

    @ParameterizedTest
    @CsvSource({"5120,512", "2560,512", "1024,512", "1920,512", "1000,333", "37,5", "10,3", "7,7", "3,1", "2,1"})
    void rgbMatchesTheDefinition(int width, int target) {
        check(width, target, 3, new int[] {0, 1, 2});
        check(width, target, 3, new int[] {2, 1, 0});
    }

    @ParameterizedTest
    @CsvSource({"5120,512", "1000,333", "37,5", "10,3", "3,1"})
    void rgbaMatchesTheDefinition(int width, int target) {
        check(width, target, 4, new int[] {0, 1, 2});
        check(width, target, 4, new int[] {1, 2, 3});
        check(width, target, 4, new int[] {3, 2, 1});
        check(width, target, 4, new int[] {0, 2, 3}); // colour not in three adjacent bytes: byte by byte
    }

    @ParameterizedTest
    @CsvSource({"5120,512", "1000,333", "37,5", "10,3", "3,1", "2,1"})
    void byteWisePassMatchesTheDefinition(int width, int target) {
        check(width, target, 1, new int[] {0, 0, 0});
        check(width, target, 2, new int[] {0, 0, 0});
        check(width, target, 3, new int[] {2, 1, 0});
        check(width, target, 4, new int[] {1, 2, 3});
    }

    private static void check(int width, int target, int stride, int[] offsets) {
        check(width, target, stride, offsets, false);
        check(width, target, stride, offsets, true);
    }

    private static void check(int width, int target, int stride, int[] offsets, boolean byteWise) {
        if (!byteWise && stride < 3) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(width * 31L + target + stride);
        int rows = 3;
        byte[] data = new byte[rows * width * stride + PackedRowPass.RGB_SLACK];
        for (int i = 0; i < rows * width; i++) {
            int kind = rnd.nextInt(10);
            for (int c = 0; c < stride; c++) {
                int v = switch (kind) {
                    case 0 -> 0;
                    case 1 -> 255;
                    case 2 -> c == 0 ? 0 : 255;       // mixed extremes: not clipped
                    default -> rnd.nextInt(256);
                };
                data[i * stride + c] = (byte) v;
            }
            if (stride == 4 && rnd.nextBoolean()) {
                // the ignored byte must not matter
                int ignored = 6 - offsets[0] - offsets[1] - offsets[2];
                data[i * stride + ignored] = (byte) rnd.nextInt(256);
            }
        }
        AreaResampler hz = new AreaResampler(width, target);
        PackedRowPass pass = new PackedRowPass(hz);
        double[] r = new double[target];
        double[] g = new double[target];
        double[] b = new double[target];
        for (int y = 0; y < rows; y++) {
            int row = y * width * stride;
            int clipped = byteWise
                    ? pass.bytes(data, row, stride, offsets[0], offsets[1], offsets[2], r, g, b)
                    : stride == 3
                    ? pass.rgb(data, row, offsets[0], offsets[1], offsets[2], r, g, b)
                    : pass.rgba(data, row, offsets[0], offsets[1], offsets[2], r, g, b);
            int expectedClipped = 0;
            for (int x = 0; x < width; x++) {
                int cr = data[row + x * stride + offsets[0]] & 0xFF;
                int cg = data[row + x * stride + offsets[1]] & 0xFF;
                int cb = data[row + x * stride + offsets[2]] & 0xFF;
                if ((cr | cg | cb) == 0 || (cr & cg & cb) == 255) {
                    expectedClipped++;
                }
            }
            assertThat(clipped).as("clipped pixels in row %d of %d->%d", y, width, target).isEqualTo(expectedClipped);
            for (int d = 0; d < target; d++) {
                double er = 0;
                double eg = 0;
                double eb = 0;
                double[] w = hz.weights[d];
                for (int i = 0; i < w.length; i++) {
                    int p = row + (hz.start[d] + i) * stride;
                    er += w[i] * Srgb.LINEAR_8[data[p + offsets[0]] & 0xFF];
                    eg += w[i] * Srgb.LINEAR_8[data[p + offsets[1]] & 0xFF];
                    eb += w[i] * Srgb.LINEAR_8[data[p + offsets[2]] & 0xFF];
                }
                String cell = "cell " + d + " of row " + y + ", " + width + "->" + target + ", stride " + stride;
                assertThat(r[d]).as(cell).isCloseTo(er, org.assertj.core.data.Offset.offset(1e-14));
                assertThat(g[d]).as(cell).isCloseTo(eg, org.assertj.core.data.Offset.offset(1e-14));
                assertThat(b[d]).as(cell).isCloseTo(eb, org.assertj.core.data.Offset.offset(1e-14));
            }
        }
    }
}
