package io.tandem.transport.aeron;

import io.tandem.engine.wake.ChannelReader;
import io.tandem.engine.wake.ChannelWatch;

import java.nio.channels.DatagramChannel;
import java.util.function.BooleanSupplier;

/**
 * The media driver's UDP sockets given to its idle strategy to wait on. The strategy reads
 * nothing itself: the driver's next duty cycle, which follows the wait, reads the socket.
 */
final class DriverSockets
{
    /** The driver reads in its duty cycle, right after the wait ends. */
    private static final ChannelReader READ_BY_THE_DUTY_CYCLE = () -> 0;
    private static final BooleanSupplier ALWAYS = () -> true;

    private DriverSockets()
    {
    }

    /** Watches a socket of the driver's, when it has one that can be waited on. */
    static void watch(final ChannelWatch watch, final DatagramChannel channel)
    {
        if (channel != null && channel.isOpen() && !channel.isBlocking())
        {
            watch.watch(channel, READ_BY_THE_DUTY_CYCLE, ALWAYS);
        }
    }
}
