package io.contrastkit.core.decode;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * Reads rows of a decoded raster as linear RGB, counting clipped pixels on the integer codes.
 * Interleaved 8- and 16-bit rasters (what JPEG, PNG, TIFF and WebP decode to) take a direct path;
 * anything else goes through the raster's generic accessors.
 */
abstract class RowReader {
    /** Reads row y into the first width values of r, g, b; returns how many of its pixels are clipped. */
    abstract int read(int y, double[] r, double[] g, double[] b);

    static RowReader of(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        SampleModel sm = raster.getSampleModel();
        if (cm instanceof IndexColorModel icm) {
            return new Indexed(raster, icm);
        }
        int bands = raster.getNumBands();
        boolean uniform = true;
        for (int i = 1; i < bands; i++) {
            uniform &= sm.getSampleSize(i) == sm.getSampleSize(0);
        }
        int colourBands = cm.getNumColorComponents();
        boolean simple = uniform && (colourBands == 1 || colourBands == 3) && bands >= colourBands
                && sm.getDataType() != DataBuffer.TYPE_FLOAT && sm.getDataType() != DataBuffer.TYPE_DOUBLE;
        if (simple && sm instanceof ComponentSampleModel csm && raster.getParent() == null
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            DataBuffer db = raster.getDataBuffer();
            if (db.getNumBanks() == 1 && csm.getSampleSize(0) == 8 && db instanceof DataBufferByte bb) {
                return new Interleaved8(bb.getData(), csm, colourBands);
            }
            if (db.getNumBanks() == 1 && csm.getSampleSize(0) == 16 && db instanceof DataBufferUShort us) {
                return new Interleaved16(us.getData(), csm, colourBands);
            }
        }
        if (simple && sm.getSampleSize(0) <= 16) {
            return new Generic(raster, colourBands, sm.getSampleSize(0));
        }
        return new Argb(image);
    }

    /** Byte samples, pixel-interleaved (or banded) in one bank: JPEG, 8-bit PNG/TIFF/WebP/BMP. */
    static final class Interleaved8 extends RowReader {
        private final byte[] data;
        private final int pixelStride;
        private final int scanlineStride;
        private final int o0;
        private final int o1;
        private final int o2;
        private final int width;
        private PackedRowPass packed;
        private AreaResampler packedFor;

        Interleaved8(byte[] data, ComponentSampleModel sm, int colourBands) {
            this(data, sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets()[0],
                    sm.getBandOffsets()[colourBands == 3 ? 1 : 0], sm.getBandOffsets()[colourBands == 3 ? 2 : 0],
                    sm.getWidth());
        }

        /** Rows of {@code width} pixels of 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) bytes, one after another. */
        static Interleaved8 packed(byte[] data, int channels, int width) {
            boolean colour = channels >= 3;
            return new Interleaved8(data, channels, width * channels, 0, colour ? 1 : 0, colour ? 2 : 0, width);
        }

        Interleaved8(byte[] data, int pixelStride, int scanlineStride, int o0, int o1, int o2, int width) {
            this.data = data;
            this.pixelStride = pixelStride;
            this.scanlineStride = scanlineStride;
            this.o0 = o0;
            this.o1 = o1;
            this.o2 = o2;
            this.width = width;
        }

        /**
         * Linearises and horizontally resamples row y straight from the bytes into working-width
         * rows, counting clipped pixels ({@link PackedRowPass}).
         */
        int readResampled(int y, AreaResampler hz, double[] r, double[] g, double[] b) {
            if (packedFor != hz) {
                packed = new PackedRowPass(hz);
                packedFor = hz;
            }
            int row = y * scanlineStride;
            if (pixelStride == 4) {
                return packed.rgba(data, row, o0, o1, o2, r, g, b);
            }
            if (pixelStride == 3 && row + 3 * width + PackedRowPass.RGB_SLACK <= data.length) {
                return packed.rgb(data, row, o0, o1, o2, r, g, b);
            }
            // Gray, gray+alpha, and a raster's very last RGB row (no byte to spare after it).
            return packed.bytes(data, row, pixelStride, o0, o1, o2, r, g, b);
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            double[] lut = Srgb.LINEAR_8;
            int p = y * scanlineStride;
            int clipped = 0;
            for (int x = 0; x < width; x++, p += pixelStride) {
                int cr = data[p + o0] & 0xFF;
                int cg = data[p + o1] & 0xFF;
                int cb = data[p + o2] & 0xFF;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                int or = cr | cg | cb;
                int and = cr & cg & cb;
                if (or == 0 || and == 0xFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** 16-bit samples in one bank: 16-bit PNG and TIFF. */
    private static final class Interleaved16 extends RowReader {
        private final short[] data;
        private final int pixelStride;
        private final int scanlineStride;
        private final int o0;
        private final int o1;
        private final int o2;
        private final int width;

        Interleaved16(short[] data, ComponentSampleModel sm, int colourBands) {
            this.data = data;
            this.pixelStride = sm.getPixelStride();
            this.scanlineStride = sm.getScanlineStride();
            int[] offsets = sm.getBandOffsets();
            this.o0 = offsets[0];
            this.o1 = colourBands == 3 ? offsets[1] : offsets[0];
            this.o2 = colourBands == 3 ? offsets[2] : offsets[0];
            this.width = sm.getWidth();
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            double[] lut = Srgb.LINEAR_16;
            int p = y * scanlineStride;
            int clipped = 0;
            for (int x = 0; x < width; x++, p += pixelStride) {
                int cr = data[p + o0] & 0xFFFF;
                int cg = data[p + o1] & 0xFFFF;
                int cb = data[p + o2] & 0xFFFF;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                if ((cr | cg | cb) == 0 || (cr & cg & cb) == 0xFFFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** Any integer raster with 1 or 3 colour bands of equal depth (e.g. 1-, 2-, 4-bit gray PNG). */
    private static final class Generic extends RowReader {
        private final Raster raster;
        private final int bands;
        private final int colourBands;
        private final int maxCode;
        private final double[] lut;
        private final int[] buf;

        Generic(Raster raster, int colourBands, int bits) {
            this.raster = raster;
            this.bands = raster.getNumBands();
            this.colourBands = colourBands;
            this.maxCode = (1 << bits) - 1;
            this.lut = bits == 8 ? Srgb.LINEAR_8 : bits == 16 ? Srgb.LINEAR_16 : Srgb.linearTable(maxCode);
            this.buf = new int[raster.getWidth() * bands];
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            int w = raster.getWidth();
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, buf);
            int clipped = 0;
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                int cr = buf[p];
                int cg = colourBands == 3 ? buf[p + 1] : cr;
                int cb = colourBands == 3 ? buf[p + 2] : cr;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                if ((cr | cg | cb) == 0 || (cr == maxCode && cg == maxCode && cb == maxCode)) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** Palette images (PNG, GIF, BMP, 1-bit): indices expanded through the palette's 8-bit RGB. */
    private static final class Indexed extends RowReader {
        private final Raster raster;
        private final int[] rgb;
        private final int[] buf;

        Indexed(Raster raster, IndexColorModel icm) {
            this.raster = raster;
            this.rgb = new int[icm.getMapSize()];
            icm.getRGBs(rgb);
            this.buf = new int[raster.getWidth()];
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            int w = raster.getWidth();
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, buf);
            double[] lut = Srgb.LINEAR_8;
            int clipped = 0;
            for (int x = 0; x < w; x++) {
                int idx = buf[x];
                int c = idx < rgb.length ? rgb[idx] : 0;
                int cr = (c >> 16) & 0xFF;
                int cg = (c >> 8) & 0xFF;
                int cb = c & 0xFF;
                r[x] = lut[cr];
                g[x] = lut[cg];
                b[x] = lut[cb];
                if ((c & 0xFFFFFF) == 0 || (c & 0xFFFFFF) == 0xFFFFFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }

    /** Last resort for exotic rasters (float TIFF, odd band layouts): the image's own sRGB conversion. */
    private static final class Argb extends RowReader {
        private final BufferedImage image;
        private final int[] buf;

        Argb(BufferedImage image) {
            this.image = image;
            this.buf = new int[image.getWidth()];
        }

        @Override
        int read(int y, double[] r, double[] g, double[] b) {
            int w = image.getWidth();
            image.getRGB(0, y, w, 1, buf, 0, w);
            double[] lut = Srgb.LINEAR_8;
            int clipped = 0;
            for (int x = 0; x < w; x++) {
                int c = buf[x];
                r[x] = lut[(c >> 16) & 0xFF];
                g[x] = lut[(c >> 8) & 0xFF];
                b[x] = lut[c & 0xFF];
                if ((c & 0xFFFFFF) == 0 || (c & 0xFFFFFF) == 0xFFFFFF) {
                    clipped++;
                }
            }
            return clipped;
        }
    }
}
