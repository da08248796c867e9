package io.contrastkit.core.decode;

/**
 * What an image's header says, read once before decoding ({@link ImageDecoder#probe}): the format,
 * the size, and how many bytes decoding will hold, for a memory budget. Give it back to
 * {@link ImageDecoder#decode(byte[], ImageHeader)} so the decoder does not sniff the data again.
 *
 * @param format       the format the first bytes announce; null when they announce none known here
 * @param width        width in pixels as the header gives it; 0 when the header could not be read
 * @param height       height in pixels as the header gives it; 0 when the header could not be read
 * @param encodedBytes length of the probed data (a decode checks it is given data of that length)
 * @param decodedBytes bytes the decoder will hold: pixels x 8 for PNG and TIFF (samples may be 16-bit),
 *                     x 4 otherwise, plus {@code encodedBytes}; only {@code encodedBytes} when nothing
 *                     will be decoded (no decoder takes the data, or the size is refused from the
 *                     header); ten times {@code encodedBytes} when the header could not be read
 */
public record ImageHeader(ImageFormat format, int width, int height, int encodedBytes, long decodedBytes) {

    public ImageHeader {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("size must be 0x0 (unknown) or positive, got " + width + "x" + height);
        }
        if (encodedBytes < 0 || decodedBytes < 0) {
            throw new IllegalArgumentException("byte counts must be >= 0, got " + encodedBytes + " encoded, "
                    + decodedBytes + " decoded");
        }
    }
}
