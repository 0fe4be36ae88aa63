package io.tandem.engine.dev;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The host identity a guest reads from CSR 0xFC0: which machine it runs on right now, so it
 * differs between a primary and its backup. A non-deterministic input, logged and replayed.
 */
public final class HostIdentity
{
    private HostIdentity()
    {
    }

    /** @return a 32-bit identity of this host and process: CRC32C of "hostname/pid". */
    public static int ofThisProcess()
    {
        String host;
        try
        {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (final UnknownHostException ex)
        {
            host = "unknown-host";
        }
        final CRC32C crc = new CRC32C();
        crc.update((host + "/" + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
        return (int)crc.getValue();
    }
}
