package io.tandem.engine.dev.virtio;

/**
 * The driver broke the virtio contract (a descriptor outside RAM, a looping chain, a malformed
 * ring). Thrown on the device's rare error path and turned into DEVICE_NEEDS_RESET, which the
 * guest sees; it never leaves the device.
 */
final class VirtioDeviceException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    VirtioDeviceException(final String message)
    {
        super(message, null, false, false);
    }
}
