package io.tandem.transport.aeron;

import io.aeron.driver.DataPacketDispatcher;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.media.ReceiveChannelEndpoint;
import io.aeron.driver.media.UdpChannel;
import io.tandem.engine.wake.ChannelWatch;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The media driver's receiving UDP endpoint, whose socket the driver's idle strategy waits on:
 * a datagram (an entry, an acknowledgement, a heartbeat from the peer) wakes the driver's thread
 * at once instead of when its park ends, and an idle driver can park long.
 */
final class WatchedReceiveEndpoint extends ReceiveChannelEndpoint
{
    private final ChannelWatch watch;

    WatchedReceiveEndpoint(final UdpChannel udpChannel, final DataPacketDispatcher dispatcher,
        final AtomicCounter statusIndicator, final MediaDriver.Context context, final ChannelWatch watch)
    {
        super(udpChannel, dispatcher, statusIndicator, context);
        this.watch = watch;
    }

    @Override
    public void openChannel()
    {
        super.openChannel();
        DriverSockets.watch(watch, receiveDatagramChannel());
    }
}
