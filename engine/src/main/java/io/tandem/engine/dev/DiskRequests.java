package io.tandem.engine.dev;

import org.agrona.MutableDirectBuffer;

/**
 * The block device's outstanding requests as the machine's inputs see them: taken from the guest
 * in order, waiting for completion in the same order. Only the oldest can complete. Requests
 * carry their data in an off-heap staging buffer: a write's data was copied out of the guest when
 * the request was taken, a read's data waits there until its completion copies it into the guest.
 * Every method runs on the machine's thread.
 */
public interface DiskRequests
{
    /** Returned while the oldest request has not finished. */
    int NOT_DONE = -1;

    /** @return whether the image is private to this replica or shared with its peer. */
    DiskMode mode();

    /** @return true while a request waits for its completion. */
    boolean hasOutstanding();

    /** @return the oldest outstanding request's id: requests are numbered from 1 as they are taken. */
    long oldestId();

    /** @return the oldest outstanding request's descriptor head. */
    int oldestHead();

    /** @return true when the oldest outstanding request reads the disk. */
    boolean oldestIsRead();

    /** @return bytes of the oldest request's data in {@link #staging()}. */
    int oldestDataLength();

    /** @return where in {@link #staging()} the oldest request's data lies. */
    int oldestDataOffset();

    /** @return the staging buffer of request data. */
    MutableDirectBuffer staging();

    /**
     * Hands every request taken but not yet started to the host's I/O, which performs them in
     * order, at once or on an I/O thread (live machines only).
     *
     * @return how many requests were started.
     */
    int startQueued();

    /** @return the oldest request's status once its I/O has finished, or {@link #NOT_DONE}. */
    int pollOldest();

    /**
     * Performs the oldest request's I/O now, on the calling thread: a replaying machine with a
     * private image, at the instruction count where the recording completed the request.
     *
     * @return its status.
     */
    int performOldest();
}
