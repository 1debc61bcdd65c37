package org.pathlab.bench;

import java.util.SplittableRandom;

/** Inputs uniform in [0,1) and labels 0..9, drawn once from a seed: the data of throughput runs. */
record SyntheticBatch(float[] pixels, long[] labels) {

  static SyntheticBatch of(int batch, int channels, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] pixels = new float[batch * channels * size * size];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (float) random.nextDouble();
    long[] labels = new long[batch];
    for (int i = 0; i < batch; i++) labels[i] = random.nextInt(10);
    return new SyntheticBatch(pixels, labels);
  }

  /** (channels, size) of a model's benchmark input: Fashion-MNIST-shaped or CIFAR-shaped. */
  static int[] inputOf(String model) {
    return org.pathlab.model.ModelKind.of(model).benchInput();
  }
}
