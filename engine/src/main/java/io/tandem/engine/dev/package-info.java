/**
 * Devices of the QEMU {@code virt} board (CLINT, PLIC, UART 16550, SiFive test finisher) and the
 * ports through which the outside world reaches them: clock, entropy, console, frames, disk
 * storage, and the disk's requests and completions as the machine's inputs see them.
 */
package io.tandem.engine.dev;
