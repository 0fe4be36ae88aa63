package io.tandem.engine.dev;

import org.agrona.DirectBuffer;

/** Port: Ethernet frames the guest transmits. An output: what the output rule will hold back. */
@FunctionalInterface
public interface PacketSink
{
    /** A network that drops everything. */
    PacketSink DISCARD = (buffer, offset, length) -> { };

    /**
     * @param buffer holds the frame; valid only during the call.
     * @param offset first byte.
     * @param length frame length (Ethernet header and payload, no FCS).
     */
    void send(DirectBuffer buffer, int offset, int length);
}
