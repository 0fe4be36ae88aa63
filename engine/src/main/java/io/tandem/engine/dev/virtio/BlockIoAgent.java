package io.tandem.engine.dev.virtio;

import org.agrona.concurrent.Agent;

/**
 * The host's disk I/O on its own thread: performs started requests in order and publishes each as
 * done. It touches only the block store and the staging buffer, never guest memory: the machine
 * copies read data into the guest when it applies the completion, at a point of its choosing.
 */
final class BlockIoAgent implements Agent
{
    private final BlockRequests requests;

    BlockIoAgent(final BlockRequests requests)
    {
        this.requests = requests;
    }

    @Override
    public int doWork()
    {
        return requests.performNextStarted() ? 1 : 0;
    }

    @Override
    public String roleName()
    {
        return "tandem-disk-io";
    }
}
