package org.pathlab.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", description = {"Write the parameters a run trained as a file PyTorch loads: safetensors with the tensor"
    + " names of python/pathlab_models.py's modules (batch-norm running statistics included), or, for a TorchScript model, the"
    + " module itself.", "Example: pathlab export 20261130-101500-a1b2 --arm baseline --seed 1 --out baseline-1.safetensors"})
final class ExportCommand implements Callable<Integer> {

  @ParentCommand PathlabCommand parent;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "ID", description = "the experiment id")
  String id;

  @Option(names = "--arm", required = true, paramLabel = "ARM", description = "the arm's name, as the report shows it")
  String arm;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "the run's seed")
  long seed;

  @Option(names = "--task", paramLabel = "K", description = "which task's parameters, 0-based as in the tidy exports (default: the"
      + " run's last completed task; its target task once it has finished)")
  Integer task;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write (FILE.safetensors; FILE.pt for a"
      + " TorchScript model)")
  Path out;

  @Override
  public Integer call() {
    ExperimentIds.require(id);
    Path target = out.toAbsolutePath();
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // a rename over a device or a pipe would replace it with a file (as root, /dev/full became one)
      throw new CliException(ExitCodes.USAGE, "--out " + out + " is not a regular file (a directory, device or pipe); give a file "
          + "path, e.g. --out baseline-1.safetensors");
    }
    String query = "?arm=" + URLEncoder.encode(arm, StandardCharsets.UTF_8) + "&seed=" + seed + (task != null ? "&task=" + task : "");
    byte[] file = client.client().download("/api/experiments/" + id + "/weights" + query);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.write(temp, file);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot write " + out + " (" + e.getMessage() + "); choose a writable --out");
    }
    parent.out.println("wrote " + out + " (" + file.length + " bytes): " + arm + ", seed " + seed
        + (task != null ? ", task " + task : ", its last completed task") + "; python/pathlab_models.py's load() reads it");
    return ExitCodes.OK;
  }
}
