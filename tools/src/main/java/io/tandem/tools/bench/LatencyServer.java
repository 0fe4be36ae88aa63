package io.tandem.tools.bench;

import java.net.InetSocketAddress;

/** A server that the latency scenario loads: a guest alone, in a pair, under QEMU, or a plain echo. */
interface LatencyServer extends AutoCloseable
{
    /** @return where clients send. */
    InetSocketAddress address();

    /** Stops it and frees what it holds; unchecked. */
    @Override
    void close();
}
