/**
 * Guest physical memory: the off-heap RAM, the physical memory map of the QEMU {@code virt}
 * board and the bus that routes non-RAM accesses to memory-mapped devices.
 */
package io.tandem.engine.mem;
