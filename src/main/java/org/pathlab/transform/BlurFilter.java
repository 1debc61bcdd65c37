package org.pathlab.transform;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the blur shrinks an image before stretching it back (scenario key
 * {@code transforms.blur-filter}). The paper says only that images are "downscaled to 1/4 their size
 * before rescaling to their original size" (§4; "a resizing operation", §5), not with which filter,
 * so this is pathlab's assumption, and a choice. The stretch back is bilinear for every filter.
 *
 * <p>Kryo writes enums by ordinal: append new filters at the end, never reorder or remove one.
 */
public enum BlurFilter {

  /**
   * Plain bilinear, align_corners=false, no antialiasing: PyTorch's
   * {@code F.interpolate(mode='bilinear')} on a tensor. Each small pixel samples the 2×2
   * neighbours of one point, so at 1/4 most source pixels are skipped (aliasing). What pathlab has
   * always done: the default, so earlier results and prefix keys keep their meaning.
   */
  BILINEAR("bilinear"),

  /**
   * Each small pixel is the mean of the source pixels it covers: PyTorch's
   * {@code F.interpolate(mode='area')}, i.e. {@code adaptive_avg_pool2d} to the small size.
   */
  AREA("area"),

  /**
   * Bilinear with antialiasing: the triangle filter widened by the shrink factor, PyTorch's
   * {@code F.interpolate(mode='bilinear', antialias=True)}, made to match PIL's bilinear resize
   * (which torchvision's {@code Resize} uses on PIL images); the softest of the three.
   */
  ANTIALIAS("antialias");

  public static final BlurFilter DEFAULT = BILINEAR;

  private final String id;

  BlurFilter(String id) {
    this.id = id;
  }

  /** The spelling in a scenario and on the command line. */
  public String id() {
    return id;
  }

  /** Every spelling, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(BlurFilter::id).toList();
  }

  public static Optional<BlurFilter> of(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }
}
