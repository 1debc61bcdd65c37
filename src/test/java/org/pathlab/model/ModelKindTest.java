package org.pathlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One place says which models exist and what differs between them. */
class ModelKindTest {

  @Test
  void everyPlaceThatNamesModelsNamesTheSame() {
    assertEquals(List.of("small-cnn", "resnet-18"), ModelKind.ids());
    assertEquals(ModelKind.ids(), ModelKind.ids());
    assertEquals(ModelKind.ids(), org.pathlab.scenario.ScenarioParser.MODELS);
  }

  @Test
  void anUnknownModelIsRefusedWithTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class, () -> ModelKind.of("vgg"));
    assertEquals("unknown model 'vgg'; known models are [small-cnn, resnet-18]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MemoryLayout.of("vgg", Device.cpu()));
  }

  @Test
  void eachKindOwnsItsStagesLayoutAndWidths() {
    assertEquals(List.of("conv1", "conv2", "fc1"), List.copyOf(ModelKind.SMALL_CNN.reluStages().values()));
    assertEquals(9, ModelKind.RESNET_18.reluStages().size(), "the stem and eight residual blocks");
    assertEquals(MemoryLayout.NCHW, MemoryLayout.of(ModelKind.RESNET_18, Device.gpu(), true));
    assertEquals(MemoryLayout.CHANNELS_LAST, MemoryLayout.of(ModelKind.RESNET_18, Device.cpu(), true));
    assertEquals(MemoryLayout.NCHW, MemoryLayout.of(ModelKind.RESNET_18, Device.cpu(), false), "AVX2: oneDNN's blocked NCHW kernels are faster");
    assertEquals(MemoryLayout.CHANNELS_LAST, MemoryLayout.of(ModelKind.SMALL_CNN, Device.cpu(), false), "the small CNN: channels-last max-pooling on every CPU");
    // this host: its detected ISA decides, and the key note says when it is not trainer 4's layout
    assertEquals(MemoryLayout.of(ModelKind.RESNET_18, Device.cpu(), CpuIsa.avx512Core()), MemoryLayout.of(ModelKind.RESNET_18, Device.cpu()));
    assertEquals(CpuIsa.avx512Core() ? "" : " layout=nchw", ModelKind.RESNET_18.cpuKeyNote());
    assertEquals("", ModelKind.SMALL_CNN.cpuKeyNote());
    assertEquals(java.util.Map.of("small-cnn", "", "resnet-18", ModelKind.RESNET_18.cpuKeyNote()), ModelKind.cpuKeyNotes());
    var refused = assertThrows(IllegalArgumentException.class, () -> Architectures.create(ModelKind.RESNET_18, SmallCnnWidths.DEFAULT, 10));
    assertEquals("resnet-18 has fixed widths; only small-cnn takes channels and hidden", refused.getMessage());
  }
}
