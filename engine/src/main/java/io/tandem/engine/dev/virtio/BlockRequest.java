package io.tandem.engine.dev.virtio;

/**
 * One block request between being taken from the guest and its completion: a reused slot.
 * The machine thread fills it before starting its I/O; the I/O side writes only {@link #status},
 * before it publishes the request done (see {@link BlockRequests} for the ordering).
 */
final class BlockRequest
{
    long id;
    int head;
    int type;
    /** Byte position on the disk. */
    long position;
    /** The request's data in the staging buffer. */
    int dataOffset;
    int dataLength;
    /** Staging space up to here is free again once the request is retired. */
    long stagingEnd;
    /** False when the status was decided when the request was taken (bad range, unknown type). */
    boolean needsIo;
    /** The driver reset the device after taking it: complete it without touching the guest. */
    boolean discarded;
    int status;
    /** With a {@link io.tandem.engine.dev.DiskLatency}: when the performed request may complete. */
    long dueNs;
}
