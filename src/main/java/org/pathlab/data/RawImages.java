package org.pathlab.data;

/**
 * Decoded images as stored on disk: uint8 pixels (held in Java bytes, read them with {@code & 0xff})
 * laid out N×C×H×W, and one label per image. The arrays are shared, not copied, to keep 47 MB
 * datasets from being duplicated; treat them as read-only.
 */
public record RawImages(int count, int channels, int height, int width, byte[] pixels, int[] labels) {

    public RawImages {
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "bad image geometry: count=" + count + " channels=" + channels
                            + " height=" + height + " width=" + width);
        }
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels must not be null");
        }
        long expected = (long) count * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "pixels has " + pixels.length + " bytes but " + count + "×" + channels + "×"
                            + height + "×" + width + " = " + expected + " were expected");
        }
        if (labels.length != count) {
            throw new IllegalArgumentException(
                    "labels has " + labels.length + " entries but there are " + count + " images");
        }
    }

    /** Bytes per image, i.e. C×H×W. */
    public int imageSize() {
        return channels * height * width;
    }
}
