package io.tandem.engine.snapshot;

import io.tandem.engine.machine.Machine;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * A machine's whole state in one file: a {@link SnapshotHeader}, one checksummed section per
 * component ({@link SnapshotSection}) and RAM without its zero pages ({@link RamSection}).
 * <p>
 * A snapshot is written to a temporary file, forced to disk and renamed into place, so that a
 * crash while writing never leaves a partial file under the final name. Loading checks the
 * magic, the version, the header's checksum, that the snapshot is of this guest on this machine,
 * every section's bounds and checksum, and that nothing is missing or left over, before it
 * changes the machine; only RAM is read straight into the machine, then checked. Every refusal is
 * a {@link SnapshotFormatException} naming the file, what is wrong and the byte offset.
 */
public final class SnapshotFile
{
    private SnapshotFile()
    {
    }

    /**
     * Saves a machine's state.
     *
     * @param path            the file to write (replaced if it exists).
     * @param machine         the machine, between {@link Machine#run} calls, {@link Machine#stateSavable()}.
     * @param elfSha256       SHA-256 of the guest ELF it was loaded from.
     * @param journalSequence the last journal entry logged up to now, or -1.
     * @return what was saved.
     */
    public static SnapshotInfo write(final Path path, final Machine machine, final byte[] elfSha256,
        final long journalSequence)
    {
        final SectionWriter sections = new SectionWriter();
        machine.saveState(sections);
        final SnapshotInfo info = new SnapshotInfo(machine.icount(), journalSequence, machine.stateHash(),
            machine.ram().sizeBytes(), machine.checkInterval(), machine.network() != null, machine.disk() != null,
            elfSha256.clone(), System.currentTimeMillis());
        return write(path, info, sections, machine.ram().view(0, machine.ram().sizeBytes()), machine.ram().address());
    }

    /**
     * Saves a state captured from a machine while its guest ran on ({@link RamPreCopy}): on any
     * thread, since it reads only the capture.
     *
     * @param path  the file to write (replaced if it exists).
     * @param state the capture.
     * @return what was saved.
     */
    public static SnapshotInfo write(final Path path, final CapturedState state)
    {
        return write(path, state.info(), state.sections(), state.ram(), state.ramAddress());
    }

    private static SnapshotInfo write(final Path path, final SnapshotInfo info, final SectionWriter sections,
        final ByteBuffer ram, final long ramAddress)
    {
        final long[] bitmap = RamSection.presentPages(ramAddress, ram.capacity());

        final Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final UnsafeBuffer headerBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(SnapshotHeader.LENGTH));
            final SnapshotHeader header = new SnapshotHeader().wrap(headerBuffer).fill(info, sections.count() + 1);
            header.crc(crc(headerBuffer.byteBuffer(), 0, SnapshotHeader.CRC_OFFSET));
            RamSection.writeFully(channel, headerBuffer.byteBuffer().duplicate().clear());

            final ByteBuffer state = sections.writer().buffer().byteBuffer();
            final ByteBuffer sectionHeader = ByteBuffer.allocateDirect(SnapshotHeader.SECTION_HEADER_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < sections.count(); i++)
            {
                final int start = sections.start(i);
                final int length = sections.length(i);
                sectionHeader.clear();
                sectionHeader.putInt(sections.section(i).tag()).putInt(crc(state, start, length)).putLong(length).flip();
                RamSection.writeFully(channel, sectionHeader);
                RamSection.writeFully(channel, state.duplicate().limit(start + length).position(start));
            }

            final long ramHeaderPosition = channel.position();
            sectionHeader.clear();
            sectionHeader.putInt(SnapshotSection.RAM.tag()).putInt(0).putLong(RamSection.bodyLength(bitmap)).flip();
            RamSection.writeFully(channel, sectionHeader);
            final int ramCrc = RamSection.write(ram, bitmap, channel);
            sectionHeader.clear();
            sectionHeader.putInt(ramCrc).flip();
            channel.write(sectionHeader, ramHeaderPosition + SnapshotHeader.SECTION_CRC_OFFSET);
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + path + ": " + ex.getMessage(), ex);
        }
        try
        {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot rename " + temporary + " to " + path + ": " + ex.getMessage(), ex);
        }
        return info;
    }

    /**
     * Reads and checks a snapshot's header only: for choosing a snapshot before loading one.
     *
     * @throws SnapshotFormatException when it is not a readable snapshot of this version.
     */
    public static SnapshotInfo readInfo(final Path path)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            return readHeader(path.toString(), channel).info();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Loads a snapshot into a machine built like the one it was taken from (same RAM, check
     * interval and devices) and not yet run; its ELF need not be loaded.
     *
     * @param elfSha256 SHA-256 of the guest ELF the machine is for.
     * @return what was loaded.
     * @throws SnapshotFormatException when the snapshot is damaged, cut short, of another version or
     *                                 of another guest or machine; the machine must then be closed.
     */
    public static SnapshotInfo load(final Path path, final Machine machine, final byte[] elfSha256)
    {
        final String source = path.toString();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final SnapshotHeader header = readHeader(source, channel);
            final SnapshotInfo info = header.info();
            checkMachine(source, info, machine, elfSha256);

            final long size = channel.size();
            final ExpandableDirectByteBuffer state = new ExpandableDirectByteBuffer(64 * 1024);
            final SectionReader sections = new SectionReader(source, state);
            final ByteBuffer sectionHeader = ByteBuffer.allocateDirect(SnapshotHeader.SECTION_HEADER_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
            final int sectionCount = header.sectionCount();
            long position = SnapshotHeader.LENGTH;
            int stateLength = 0;
            long ramPosition = -1;
            long ramLength = 0;
            int ramCrc = 0;
            for (int i = 0; i < sectionCount; i++)
            {
                if (size - position < SnapshotHeader.SECTION_HEADER_LENGTH)
                {
                    throw new SnapshotFormatException(String.format("%s: truncated: the file ends at byte offset %d " +
                        "where section %d of %d should begin", source, size, i + 1, sectionCount));
                }
                sectionHeader.clear();
                RamSection.readFully(channel, sectionHeader, position);
                final int tag = sectionHeader.getInt(SnapshotHeader.SECTION_TAG_OFFSET);
                final int crc = sectionHeader.getInt(SnapshotHeader.SECTION_CRC_OFFSET);
                final long length = sectionHeader.getLong(SnapshotHeader.SECTION_LENGTH_OFFSET);
                final SnapshotSection section = SnapshotSection.ofTag(tag);
                if (section == null || sections.has(section) || (section == SnapshotSection.RAM && ramPosition >= 0))
                {
                    throw new SnapshotFormatException(String.format("%s: %s section tag %d at byte offset %d",
                        source, section == null ? "unknown" : "repeated", tag, position));
                }
                final long body = position + SnapshotHeader.SECTION_HEADER_LENGTH;
                if (length < 0 || length > size - body)
                {
                    throw new SnapshotFormatException(String.format("%s: truncated: section %s at byte offset %d " +
                        "has %d bytes but the file ends at byte offset %d", source, section, position, length, size));
                }
                if (section == SnapshotSection.RAM)
                {
                    ramPosition = body;
                    ramLength = length;
                    ramCrc = crc;
                }
                else
                {
                    if (length > Integer.MAX_VALUE - stateLength)
                    {
                        throw new SnapshotFormatException(source + ": section " + section + " at byte offset " +
                            position + " is " + length + " bytes long, more than any machine saves");
                    }
                    state.checkLimit(stateLength + (int)length);
                    final ByteBuffer target = state.byteBuffer().duplicate();
                    target.limit(stateLength + (int)length).position(stateLength);
                    RamSection.readFully(channel, target, body);
                    final int actual = crc(state.byteBuffer(), stateLength, (int)length);
                    if (actual != crc)
                    {
                        throw new SnapshotFormatException(String.format("%s: section %s at byte offset %d: checksum " +
                            "mismatch (CRC32C %08x, recorded %08x): the snapshot is damaged",
                            source, section, position, actual, crc));
                    }
                    sections.add(section, stateLength, (int)length, body);
                    stateLength += (int)length;
                }
                position = body + length;
            }
            if (position != size)
            {
                throw new SnapshotFormatException(String.format("%s: %d bytes after the last section at byte " +
                    "offset %d", source, size - position, position));
            }
            if (ramPosition < 0)
            {
                throw new SnapshotFormatException(source + ": section RAM is missing");
            }
            RamSection.read(source, machine.ram(), channel, ramPosition, ramLength, ramCrc);
            machine.loadState(sections);
            if (machine.icount() != info.icount())
            {
                throw new SnapshotFormatException(source + ": the CPU section is at instruction " + machine.icount() +
                    " but the header says " + info.icount());
            }
            return info;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + path + ": " + ex.getMessage(), ex);
        }
    }

    private static SnapshotHeader readHeader(final String source, final FileChannel channel) throws IOException
    {
        final long size = channel.size();
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(SnapshotHeader.LENGTH));
        final SnapshotHeader header = new SnapshotHeader().wrap(buffer);
        final ByteBuffer target = buffer.byteBuffer().duplicate().clear();
        target.limit((int)Math.min(SnapshotHeader.LENGTH, size));
        RamSection.readFully(channel, target, 0);
        if (size < Long.BYTES || header.magic() != SnapshotHeader.MAGIC)
        {
            throw new SnapshotFormatException(source + ": not a Tandem snapshot (no TANDEMSN magic at byte offset 0)");
        }
        if (size < SnapshotHeader.LENGTH)
        {
            throw new SnapshotFormatException(source + ": truncated: the file ends at byte offset " + size +
                " inside the " + SnapshotHeader.LENGTH + "-byte header");
        }
        if (header.version() != SnapshotHeader.VERSION)
        {
            throw new SnapshotFormatException(source + ": snapshot version " + header.version() + " at byte offset " +
                SnapshotHeader.VERSION_OFFSET + ", this build reads version " + SnapshotHeader.VERSION);
        }
        final int actual = crc(buffer.byteBuffer(), 0, SnapshotHeader.CRC_OFFSET);
        if (actual != header.crc() || header.headerLength() != SnapshotHeader.LENGTH)
        {
            throw new SnapshotFormatException(String.format("%s: header checksum mismatch at byte offset 0..%d " +
                "(CRC32C %08x, recorded %08x): the snapshot is damaged", source, SnapshotHeader.LENGTH - 1, actual,
                header.crc()));
        }
        return header;
    }

    static void checkMachine(final String source, final SnapshotInfo info, final Machine machine,
        final byte[] elfSha256)
    {
        if (!info.sameElf(elfSha256))
        {
            throw new SnapshotFormatException(source + ": the snapshot is of another guest ELF (SHA-256 " +
                HexFormat.of().formatHex(info.elfSha256(), 0, 6) + "..., this ELF is " +
                HexFormat.of().formatHex(elfSha256, 0, 6) + "...)");
        }
        if (info.ramBytes() != machine.ram().sizeBytes())
        {
            throw new SnapshotFormatException(source + ": the snapshot's machine has " + (info.ramBytes() >> 20) +
                " MiB of RAM, this one " + (machine.ram().sizeBytes() >> 20) + " MiB");
        }
        if (info.checkInterval() != machine.checkInterval())
        {
            throw new SnapshotFormatException(source + ": the snapshot's machine checks interrupts every " +
                info.checkInterval() + " instructions, this one every " + machine.checkInterval());
        }
        if (info.network() != (machine.network() != null) || info.disk() != (machine.disk() != null))
        {
            throw new SnapshotFormatException(source + ": the snapshot's machine " +
                (info.network() ? "has" : "has no") + " network card and " + (info.disk() ? "a" : "no") +
                " disk; give this one the same devices");
        }
    }

    private static int crc(final ByteBuffer buffer, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        final ByteBuffer region = buffer.duplicate();
        region.limit(offset + length).position(offset);
        crc.update(region);
        return (int)crc.getValue();
    }
}
