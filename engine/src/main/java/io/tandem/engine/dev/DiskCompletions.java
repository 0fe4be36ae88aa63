package io.tandem.engine.dev;

/**
 * Port: how the block device learns when its requests start and complete. The machine answers
 * through its inputs at the current instruction count, so that a recording logs each completion
 * where it entered the guest and a replay applies it at the same place.
 */
public interface DiskCompletions
{
    /** Straight to the host: start I/O at once, complete what has finished (device tests). */
    DiskCompletions LIVE = new DiskCompletions()
    {
        @Override
        public void requested(final DiskRequests requests)
        {
            requests.startQueued();
        }

        @Override
        public int completion(final DiskRequests requests)
        {
            return requests.pollOldest();
        }
    };

    /** The device took new requests from the guest. */
    void requested(DiskRequests requests);

    /** @return the status of the oldest request when it completes now, or {@link DiskRequests#NOT_DONE}. */
    int completion(DiskRequests requests);
}
