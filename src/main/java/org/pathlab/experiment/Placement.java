package org.pathlab.experiment;

import java.util.List;
import org.apache.pekko.actor.Address;

/**
 * Where the daemon's work is, as one node sees it ({@code GET /api/cluster}): which experiments
 * this node supervises, and every trainer its device queue sends work to — in a cluster, every
 * node's — with what each is training now. Not persisted: the journal records where each task
 * was trained ({@code TaskCompleted.trainedOn}).
 *
 * @param node this node's {@code host:port}; null for a daemon on its own
 * @param supervising the experiments whose supervisor runs on this node, sorted
 * @param trainers every trainer the queue knows, by node and name
 */
public record Placement(String node, List<String> supervising, List<TrainerSlot> trainers) {

  /** A trainer: its node (null outside a cluster), its name ({@code cpu}, {@code gpu0}, {@code cpu#2}) and its task, if any. */
  public record TrainerSlot(String node, String name, Devices.Activity training) {}

  /** {@code host:port} of a cluster member's address; null for a local one. */
  public static String node(Address address) {
    return address.host().isDefined() ? address.host().get() + ":" + address.port().get() : null;
  }
}
