/**
 * Machine state saved and loaded: the field writer and bounds-checked reader every component
 * saves itself through, and the versioned, checksummed snapshot file (header, per-component
 * sections, RAM without its all-zero pages) that a restore starts from, and the iterative
 * pre-copy state transfer that builds a new replica from a running machine.
 */
package io.tandem.engine.snapshot;
