package io.tandem.transport.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.media.SendChannelEndpoint;
import io.aeron.driver.media.UdpChannel;
import io.tandem.engine.wake.ChannelWatch;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The media driver's sending UDP endpoint, whose socket (it receives the peer's status messages and
 * retransmit requests) the driver's idle strategy waits on, as {@link WatchedReceiveEndpoint}'s.
 */
final class WatchedSendEndpoint extends SendChannelEndpoint
{
    private final ChannelWatch watch;

    WatchedSendEndpoint(final UdpChannel udpChannel, final AtomicCounter statusIndicator,
        final MediaDriver.Context context, final ChannelWatch watch)
    {
        super(udpChannel, statusIndicator, context);
        this.watch = watch;
    }

    @Override
    public void openChannel()
    {
        super.openChannel();
        DriverSockets.watch(watch, sendDatagramChannel);
        if (receiveDatagramChannel != sendDatagramChannel)
        {
            DriverSockets.watch(watch, receiveDatagramChannel);
        }
    }
}
