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
    assertEquals(ModelKind.ids(), Models.NAMES);
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
    assertEquals(MemoryLayout.NCHW, ModelKind.RESNET_18.layout(Device.gpu()));
    assertEquals(MemoryLayout.CHANNELS_LAST, ModelKind.RESNET_18.layout(Device.cpu()));
    var refused = assertThrows(IllegalArgumentException.class, () -> ModelKind.RESNET_18.create(SmallCnnWidths.DEFAULT, 10));
    assertEquals("resnet-18 has fixed widths; only small-cnn takes channels and hidden", refused.getMessage());
  }
}
