/**
 * Fixed-layout, little-endian log entries (header, sequence, icount, CRC32C, payload) as
 * flyweights over Agrona buffers: the unit that the primary journals and ships to the backup.
 */
package io.tandem.codec;
