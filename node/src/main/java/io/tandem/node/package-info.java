/**
 * The composition a service embeds: a primary node and a backup node (each replica with its
 * machine, recorder or replayer, output gate and journal, run as an agent on its own thread),
 * and the {@link io.tandem.node.Pair} built from them over the transport's Aeron streams, with
 * the guest's network bridged to a host UDP socket, a disk image per replica and an arbiter.
 * Depends on engine and transport only: no command line, no SLF4J binding.
 */
package io.tandem.node;
