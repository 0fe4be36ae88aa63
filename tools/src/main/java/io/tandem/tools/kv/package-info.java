/**
 * Client side of the {@code kvstore} guest's UDP protocol: flyweight codecs over Agrona buffers,
 * a blocking client with resend and failover, and an open-loop load generator that records
 * latency from each request's intended send time.
 */
package io.tandem.tools.kv;
