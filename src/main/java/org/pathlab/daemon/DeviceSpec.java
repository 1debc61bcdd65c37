package org.pathlab.daemon;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One device that trains: its name (shown in {@code pathlab devices} and recorded in each
 * {@code TaskCompleted}) and the engine device it runs on ({@code cpu}, {@code gpu(N)}).
 * Configured names may map several trainers to the CPU, which is how device assignment is tested
 * here ("two fake GPUs on CPU").
 */
public record DeviceSpec(String name, String engine) {

  private static final Pattern GPU = Pattern.compile("gpu\\(?(\\d+)\\)?");

  public DeviceSpec {
    if (!engine.equals("cpu") && !GPU.matcher(engine).matches()) {
      throw new IllegalArgumentException("pathlab.devices: engine = " + engine + " for device " + name
          + "; use cpu or gpu(N)");
    }
  }

  public Device device() {
    Matcher m = GPU.matcher(engine);
    return m.matches() ? Device.gpu(Integer.parseInt(m.group(1))) : Device.cpu();
  }

  public String kind() {
    return engine.equals("cpu") ? "cpu" : "gpu";
  }

  /**
   * {@code pathlab.devices}: "auto" — one device per GPU the engine finds, or the CPU when it finds
   * none — or a list of {@code { name, engine }}.
   */
  static List<DeviceSpec> from(Config pathlab) {
    ConfigValue value = pathlab.getValue("devices");
    if (value.valueType() == ConfigValueType.STRING && "auto".equals(value.unwrapped())) {
      int gpus = Engine.getEngine("PyTorch").getGpuCount();
      List<DeviceSpec> found = new ArrayList<>();
      for (int i = 0; i < gpus; i++) found.add(new DeviceSpec("gpu" + i, "gpu(" + i + ")"));
      if (found.isEmpty()) found.add(new DeviceSpec("cpu", "cpu"));
      return found;
    }
    if (value.valueType() != ConfigValueType.LIST) {
      throw new IllegalArgumentException("pathlab.devices = " + value.render() + ": use auto or a list of { name, engine }");
    }
    List<DeviceSpec> devices = new ArrayList<>();
    for (Config d : pathlab.getConfigList("devices")) {
      DeviceSpec spec = new DeviceSpec(d.getString("name"), d.getString("engine"));
      if (devices.stream().anyMatch(x -> x.name().equals(spec.name()))) {
        throw new IllegalArgumentException("pathlab.devices: the name " + spec.name() + " is used twice");
      }
      devices.add(spec);
    }
    if (devices.isEmpty()) throw new IllegalArgumentException("pathlab.devices is empty: list at least one device, or use auto");
    return devices;
  }
}
