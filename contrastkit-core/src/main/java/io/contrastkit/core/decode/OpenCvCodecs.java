package io.contrastkit.core.decode;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * OpenCV's image codecs from the Maven artifact {@code org.openpnp:opencv} (libjpeg-turbo, libwebp and
 * libpng built into one native library per platform: Linux x86-64/ARMv8/ARMv7, macOS x86-64/ARMv8,
 * Windows), called through the official OpenCV Java API. The native path for WebP and PNG where the
 * system library ({@link NativeCodecs}) is missing, so a machine with only a JDK decodes them
 * natively; it is the decoder the spec's Python reference reads images with, and decodes lossy WebP
 * to the same bytes (docs/DECODERS.md). Not used for JPEG ({@link NativeDecoder}).
 *
 * <p>Loading: the artifact's own loader ({@code nu.pattern.OpenCV.loadLocally()}) copies the platform's
 * library out of the jar into a temporary folder it deletes at exit, then loads it; this class does no
 * I/O itself. It is loaded once, on first use; a failure (the artifact left off the class path, an
 * unsupported platform, a noexec temporary folder) leaves the reason in {@link #ERROR} and the formats
 * to the Java path.
 *
 * <p>Like {@link NativeCodecs}, it only handles the plain case: 8-bit images of 1, 3 or 4 channels; an
 * empty result (OpenCV's answer to any error) or anything else is declined, for the Java path to
 * decode and judge.
 */
final class OpenCvCodecs {

    private OpenCvCodecs() {
    }

    /** Why the artifact cannot be used in this process, or null when it is loaded. */
    static final String ERROR = load();

    /** The decoder as recorded with each row, with OpenCV's own version. */
    static final String DECODER = ERROR == null ? "opencv-imgcodecs " + Core.VERSION : null;

    private static String load() {
        try {
            Class.forName("nu.pattern.OpenCV", false, OpenCvCodecs.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "org.openpnp:opencv is not on the class path";
        }
        try {
            nu.pattern.OpenCV.loadLocally();
            // A call into the library proves it is bound, not only that the loader returned.
            return Core.getVersionString().isEmpty() ? "OpenCV reports no version" : null;
        } catch (LinkageError | RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return "OpenCV did not load: " + m;
        }
    }

    static boolean available() {
        return ERROR == null;
    }

    /** Samples as OpenCV gives them (blue first), in native memory owned by {@link #mat}: release it. */
    static final class Pixels extends NativePixels {
        final Mat mat;

        /** Gray, BGR or BGRA, as OpenCV stores them. */
        Pixels(Mat mat) {
            super(mat.cols(), mat.rows(), mat.channels(), true);
            this.mat = mat;
        }

        @Override
        void rows(int y0, int n, byte[] into) {
            Mat part = mat.rowRange(y0, y0 + n);
            try {
                part.get(0, 0, into);
            } finally {
                part.release();
            }
        }
    }

    /**
     * Decodes an image with {@code imdecode} as the reference does ({@code IMREAD_UNCHANGED |
     * IMREAD_IGNORE_ORIENTATION}: samples as stored, alpha kept for us to drop, no EXIF rotation), or
     * returns null when OpenCV declines or gives anything but 8-bit samples of 1, 3 or 4 channels. The
     * caller has checked the size against its limit from the header.
     */
    static Pixels decode(byte[] data) {
        if (ERROR != null) {
            return null;
        }
        // The encoded bytes are copied into native memory once (the input Mat), as NativeCodecs does.
        MatOfByte in = new MatOfByte(data);
        Mat m;
        try {
            m = Imgcodecs.imdecode(in, Imgcodecs.IMREAD_UNCHANGED | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } finally {
            in.release();
        }
        int ch = m.channels();
        if (m.empty() || m.depth() != CvType.CV_8U || m.dims() != 2 || (ch != 1 && ch != 3 && ch != 4)
                || !m.isContinuous()) {
            m.release();
            return null;
        }
        return new Pixels(m);
    }

    /** What {@link ImageDecoder#codecs()} says for a format this artifact decodes. */
    static String describe() {
        return ERROR == null ? DECODER : "Java (" + ERROR + ")";
    }

}
