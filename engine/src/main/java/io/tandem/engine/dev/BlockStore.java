package io.tandem.engine.dev;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Port: the storage behind the guest's block device. Failures are answered with false, which the
 * device reports to the guest as an I/O error; the host never crashes on them.
 */
public interface BlockStore extends AutoCloseable
{
    /** Sector size in bytes, fixed by virtio-blk. */
    int SECTOR_BYTES = 512;

    /** @return capacity in 512-byte sectors. */
    long capacitySectors();

    /**
     * Reads {@code length} bytes at byte {@code position} into {@code dst}.
     *
     * @return false on an I/O error.
     */
    boolean read(long position, MutableDirectBuffer dst, int dstOffset, int length);

    /**
     * Writes {@code length} bytes at byte {@code position}.
     *
     * @return false on an I/O error.
     */
    boolean write(long position, DirectBuffer src, int srcOffset, int length);

    /**
     * Makes every completed write durable.
     *
     * @return false on an I/O error.
     */
    boolean flush();

    @Override
    void close();
}
