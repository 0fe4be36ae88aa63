/**
 * The composition a service embeds. A {@link io.tandem.node.PrimaryNode} (machine, recorder, output
 * gate, primary replica) and a {@link io.tandem.node.BackupNode} (machine, replayer, output gate,
 * backup replica), each built from its context ({@link io.tandem.node.PrimaryNodeContext},
 * {@link io.tandem.node.BackupNodeContext}) over the engine's ports and run as an agent on its own
 * thread; the {@link io.tandem.node.Pair} built from them from a {@link io.tandem.node.PairContext},
 * over the transport's Aeron streams, with the guest's network bridged to a host UDP socket, a disk
 * image per replica, journals and an arbiter. Each replica's counters live in the node's
 * memory-mapped {@link io.tandem.node.CountersFile}, which {@code tandem stat} reads from another
 * process. Depends on engine and transport only: no command line, no SLF4J binding.
 */
package io.tandem.node;
