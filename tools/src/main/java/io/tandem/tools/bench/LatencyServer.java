package io.tandem.tools.bench;

import java.net.InetSocketAddress;

/** A server that the latency scenario loads: a guest alone, in a pair, under QEMU, or a plain echo. */
interface LatencyServer extends AutoCloseable
{
    /** @return where clients send. */
    InetSocketAddress address();

    /**
     * @return for a pair that no longer serves as a pair (a replica starved past the failure
     * timeout, the other went on alone), what each side is; null while paired, or for a server
     * that is no pair. Its round trips are then a machine alone's.
     */
    default String split()
    {
        return null;
    }

    /** Stops it and frees what it holds; unchecked. */
    @Override
    void close();
}
