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

    /**
     * These images as {@code channels}×{@code size}×{@code size} (0: as they are): a 1-channel
     * image repeated over the channels, and each image padded with zeros, centred (one pixel more
     * at the bottom and right when the padding is odd). Never crops; labels are shared.
     */
    public RawImages reshaped(int toChannels, int toSize) {
        int c = toChannels == 0 ? channels : toChannels;
        int h = toSize == 0 ? height : toSize;
        int w = toSize == 0 ? width : toSize;
        if (c != channels && channels != 1) {
            throw new IllegalArgumentException("cannot make " + channels + "-channel images " + c + "-channel");
        }
        if (h < height || w < width) {
            throw new IllegalArgumentException("cannot pad " + height + "×" + width + " images to " + h + "×" + w + " (never cropped)");
        }
        if (c == channels && h == height && w == width) return this;
        int top = (h - height) / 2;
        int left = (w - width) / 2;
        byte[] out = new byte[Math.multiplyExact(count, c * h * w)];
        for (int n = 0; n < count; n++) {
            for (int k = 0; k < c; k++) {
                int from = (k % channels) * height * width;
                for (int y = 0; y < height; y++) {
                    System.arraycopy(pixels, n * imageSize() + from + y * width,
                            out, ((n * c + k) * h + top + y) * w + left, width);
                }
            }
        }
        return new RawImages(count, c, h, w, out, labels);
    }
}
