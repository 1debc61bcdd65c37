package org.pathlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reading a GPU's tensors without keeping the host copies. DJL 0.33 reads a tensor that is not on
 * the CPU ({@code toFloatArray}, {@code toByteBuffer}, and with it {@code saveParameters}) through a
 * host copy, which it attaches to a new CPU sub-manager of the tensor's own manager
 * ({@code JniUtils.getByteBuffer} → {@code toDevice} → {@code JniUtils.to}); there the copy stays
 * until that manager closes. For a model's parameters that is the end of the task: a model's size
 * of host memory for every kept epoch (45 MB for ResNet-18). Here the arrays are attached, for the
 * read, to a short-lived sub-manager of the first one's manager, so the copies are made under it
 * and freed with it; then each array goes back to its own manager. On a CPU there is no copy, and
 * nothing is done.
 */
public final class HostReads {

  private HostReads() {}

  /** {@code read}'s result, any host copies of {@code arrays} it made freed. */
  public static <T> T of(List<NDArray> arrays, Supplier<T> read) {
    return of(arrays, read, false);
  }

  /** {@code evenOnCpu}: scope the read on a CPU too (the tests check the mechanism so). */
  static <T> T of(List<NDArray> arrays, Supplier<T> read, boolean evenOnCpu) {
    if (arrays.isEmpty() || !evenOnCpu && arrays.stream().allMatch(a -> Device.cpu().equals(a.getDevice()))) {
      return read.get();
    }
    Map<NDArray, NDManager> owners = new IdentityHashMap<>();
    try (NDManager scope = arrays.get(0).getManager().newSubManager()) {
      try {
        for (NDArray a : arrays) {
          owners.put(a, a.getManager());
          a.attach(scope);
        }
        return read.get();
      } finally {
        owners.forEach((a, owner) -> a.attach(owner)); // before the scope closes with the copies
      }
    }
  }

  /** The arrays of a block's initialized parameters. */
  public static List<NDArray> parameters(Block block) {
    List<NDArray> arrays = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().isInitialized()) arrays.add(p.getValue().getArray());
    }
    return arrays;
  }
}
