package io.tandem.engine.dev;

/**
 * Whose disk image a replica's block device uses, which decides what a replay of a disk
 * completion needs from the log.
 */
public enum DiskMode
{
    /**
     * Each replica has its own copy of the image. A replaying machine performs each request
     * against its own copy when the log says the request completed; the log carries no data.
     */
    PRIVATE,
    /**
     * One image that only the live machine touches. The data of every read travels in the log,
     * and a replaying machine copies it from there; writes are not repeated.
     */
    SHARED
}
