/**
 * The engine's ports implemented on real transports: Aeron IPC/UDP log and acknowledgement
 * channels, the Chronicle Queue journal, the failure detector and the arbiters.
 */
package io.tandem.transport;
