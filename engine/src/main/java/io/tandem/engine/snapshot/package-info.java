/**
 * Machine state saved and loaded: the field writer and bounds-checked reader every component
 * saves itself through, and the versioned, checksummed snapshot file (header, per-component
 * sections, RAM without its all-zero pages) that a restore or a joining backup starts from.
 */
package io.tandem.engine.snapshot;
