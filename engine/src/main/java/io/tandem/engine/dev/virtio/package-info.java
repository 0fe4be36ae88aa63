/**
 * virtio-mmio version 2 devices: the MMIO transport, split virtqueues over guest RAM, and the
 * network and block devices. Devices touch guest memory only on the machine's thread, between
 * instructions; their host sides are ports ({@link io.tandem.engine.dev.PacketSource},
 * {@link io.tandem.engine.dev.PacketSink}, {@link io.tandem.engine.dev.BlockStore}). The block
 * device's I/O may run on a thread of its own ({@code BlockIoAgent}), which touches only the
 * store and an off-heap staging buffer; its completions enter the guest on the machine's thread.
 */
package io.tandem.engine.dev.virtio;
