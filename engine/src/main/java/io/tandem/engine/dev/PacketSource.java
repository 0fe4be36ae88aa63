package io.tandem.engine.dev;

import org.agrona.MutableDirectBuffer;

/**
 * Port: Ethernet frames arriving for the guest's network device. Polled by the machine between
 * instructions, only when the guest has a receive buffer ready, so a frame enters guest memory at
 * an instruction count the machine chooses (the bounce-buffer discipline that makes it loggable).
 */
@FunctionalInterface
public interface PacketSource
{
    /** A network with nothing on it. */
    PacketSource NONE = buffer -> -1;

    /**
     * @param buffer where to copy the next frame, at offset 0; at least
     *               {@link io.tandem.engine.dev.virtio.VirtioNet#MAX_FRAME_BYTES} long.
     * @return the frame's length, or -1 when none is waiting.
     */
    int poll(MutableDirectBuffer buffer);
}
