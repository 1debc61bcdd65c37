package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scoped read of {@link HostReads}, checked on the CPU by forcing it (there is no GPU here): a
 * host copy made as DJL makes one for a GPU tensor, on a new CPU sub-manager of the tensor's
 * manager, is freed when the read ends; the arrays read go back to their own managers, whole, also
 * when the read fails; and a block saved so is saved byte for byte as before.
 */
class HostReadsTest {

  @Test
  void copiesMadeDuringTheReadAreFreedAndTheArraysGoBackToTheirManagers() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch"); NDManager other = manager.newSubManager()) {
      NDArray a = manager.create(new float[] {1, 2, 3});
      NDArray b = other.create(new float[] {4, 5});
      List<NDArray> copies = new ArrayList<>();
      float[] read = HostReads.of(List.of(a, b), () -> {
        // what JniUtils.to does for a GPU tensor read back: a CPU sub-manager of the tensor's manager
        NDArray copy = a.getManager().newSubManager(Device.cpu()).create(a.toFloatArray());
        copies.add(copy);
        return copy.toFloatArray();
      }, true);
      assertArrayEquals(new float[] {1, 2, 3}, read);
      assertTrue(copies.get(0).isReleased(), "the copy is freed with the read's scope");
      assertSame(manager, a.getManager());
      assertSame(other, b.getManager());
      assertFalse(a.isReleased() || b.isReleased());
      assertArrayEquals(new float[] {4, 5}, b.toFloatArray());
      assertThrows(IllegalStateException.class, () -> HostReads.of(List.of(a), () -> {
        throw new IllegalStateException("a failing read");
      }, true));
      assertSame(manager, a.getManager());
      assertArrayEquals(new float[] {1, 2, 3}, a.toFloatArray());
    }
  }

  @Test
  void aBlockSavedInTheScopeIsSavedByteForByteAsBefore() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = Architectures.create(ModelKind.of("small-cnn"), null, 10);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      PytorchInit.apply(block, 7);
      byte[] plain = Parameters.save(block);
      byte[] scoped = HostReads.of(HostReads.parameters(block), () -> Parameters.save(block), true);
      assertArrayEquals(plain, scoped);
      for (NDArray p : HostReads.parameters(block)) assertSame(manager, p.getManager());
      assertArrayEquals(plain, Parameters.save(block), "and the parameters are still whole");
    }
  }
}
