/**
 * {@code tandem pair}: a primary and a backup in one process over Aeron IPC with an embedded
 * media driver, the guest's network bridged to a host UDP socket, a disk image per replica,
 * live figures, a built-in client load and an injected primary crash.
 */
package io.tandem.tools.pair;
