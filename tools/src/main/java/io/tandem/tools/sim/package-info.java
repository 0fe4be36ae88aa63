/**
 * A deterministic simulation of a kvstore pair in one thread: both replicas stepped on one
 * virtual clock, the log and acknowledgement channels, the arbiter and the clients simulated,
 * faults drawn from a seed, and every run checked (the clients' history linearizable, the
 * backup never past the primary's log, no replay divergence, no failure on a replica's thread).
 */
package io.tandem.tools.sim;
