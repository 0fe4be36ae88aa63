package io.tandem.engine.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads static ELF32 little-endian RISC-V executables ({@code ET_EXEC}, soft-float ABI, no
 * compressed instructions) into {@link ElfImage}s.
 * <p>
 * Every field the loader depends on is checked, with all 32-bit fields treated as unsigned, so any
 * byte sequence either yields a consistent image or an {@link ElfFormatException}; no other
 * exception escapes for malformed input. Section headers are optional and only consulted for the
 * symbol table, but one that is present and corrupt is refused rather than silently ignored.
 */
public final class ElfReader
{
    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;
    private static final int SHDR_SIZE = 40;
    private static final int SYM_SIZE = 16;

    private static final int ET_EXEC = 2;
    private static final int EM_RISCV = 243;
    private static final int EF_RISCV_FLOAT_ABI = 0x6;

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int PN_XNUM = 0xFFFF;

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_COMMON = 0xFFF2;

    private static final int STT_NOTYPE = 0;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int STB_LOCAL = 0;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;

    private static final long ADDRESS_SPACE = 1L << 32;

    private ElfReader()
    {
    }

    /**
     * Reads and validates a guest executable from a file.
     *
     * @param file the ELF file; its {@link Path#toString()} becomes the image's source name.
     * @return the validated image.
     * @throws ElfFormatException   if the file is not a loadable RV32 executable.
     * @throws UncheckedIOException if the file cannot be read (missing, a directory, no permission...),
     *                              with a message naming the file.
     */
    public static ElfImage read(final Path file)
    {
        Objects.requireNonNull(file, "file");
        final String source = file.toString();
        final byte[] bytes;
        try
        {
            // Files.readAllBytes fails with an OutOfMemoryError past this size; say why instead.
            final long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8)
            {
                throw new ElfFormatException(source, "file is too large (" + size + " bytes) to be a guest executable");
            }
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new UncheckedIOException(source + ": no such file", e);
        }
        catch (final AccessDeniedException e)
        {
            throw new UncheckedIOException(source + ": permission denied", e);
        }
        catch (final IOException e)
        {
            final String why = Files.isDirectory(file) ? "is a directory, not a file" : "cannot be read (" + e + ")";
            throw new UncheckedIOException(source + ": " + why, e);
        }
        return parse(bytes, source);
    }

    /**
     * Validates a guest executable held in memory.
     *
     * @param bytes      the whole ELF file; not modified and not retained.
     * @param sourceName name used in error messages and {@link ElfImage#sourceName()}.
     * @return the validated image.
     * @throws ElfFormatException if the bytes are not a loadable RV32 executable.
     */
    public static ElfImage parse(final byte[] bytes, final String sourceName)
    {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sourceName, "sourceName");
        return new Parser(bytes, sourceName).parse();
    }

    /** One parse: holds the input so that field reads and error messages stay short. */
    private static final class Parser
    {
        private final byte[] b;
        private final String source;
        private final long length;

        private int shnum;
        private long shoff;

        Parser(final byte[] bytes, final String source)
        {
            this.b = bytes;
            this.source = source;
            this.length = bytes.length;
        }

        ElfImage parse()
        {
            checkIdent();
            if (length < EHDR_SIZE)
            {
                throw fail("file is too short for an ELF header (%d bytes, need %d)", length, EHDR_SIZE);
            }
            checkType();
            final int entry = (int)u32(24);
            final long phoff = u32(28);
            checkFlags((int)u32(36));
            checkHeaderSize(0x28, "ELF header", EHDR_SIZE);
            readSectionTableBounds();
            final long phnum = programHeaderCount();
            if (phnum > 0)
            {
                checkHeaderSize(0x2A, "program header", PHDR_SIZE);
                checkTable("program header", phoff, phnum, PHDR_SIZE);
            }
            final List<ElfSegment> segments = readSegments(phoff, (int)phnum, entry);
            final Map<String, Integer> symbols = readSymbols();
            return new ElfImage(source, entry, segments, symbols);
        }

        private void checkIdent()
        {
            if (length == 0)
            {
                throw fail("empty file; expected an ELF executable");
            }
            final byte[] magic = {0x7F, 'E', 'L', 'F'};
            final int n = (int)Math.min(magic.length, length);
            if (!Arrays.equals(b, 0, n, magic, 0, n))
            {
                final StringBuilder seen = new StringBuilder();
                for (int i = 0; i < n; i++)
                {
                    seen.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
                }
                throw fail("not an ELF file (magic at offset 0 is %s, expected 7f 45 4c 46)", seen);
            }
            if (length < 16)
            {
                throw fail("file is too short for an ELF header (%d bytes, need %d)", length, EHDR_SIZE);
            }
            final int elfClass = u8(4);
            if (elfClass == 2)
            {
                throw fail("64-bit ELF (EI_CLASS=2); Tandem runs RV32 guests only");
            }
            if (elfClass != 1)
            {
                throw fail("invalid ELF class (EI_CLASS=%d at offset 0x4, expected 1 for 32-bit)", elfClass);
            }
            final int data = u8(5);
            if (data == 2)
            {
                throw fail("big-endian ELF (EI_DATA=2); RISC-V guests are little-endian");
            }
            if (data != 1)
            {
                throw fail("invalid data encoding (EI_DATA=%d at offset 0x5, expected 1 for little-endian)", data);
            }
            final int version = u8(6);
            if (version != 1)
            {
                throw fail("unsupported ELF version (EI_VERSION=%d at offset 0x6, expected 1)", version);
            }
        }

        private void checkType()
        {
            final int type = u16(16);
            if (type == 1)
            {
                throw fail("relocatable object file (e_type=1, REL); link it into an executable first");
            }
            if (type == 3)
            {
                throw fail("shared object or position-independent executable (e_type=3, DYN); " +
                    "Tandem loads static executables (ET_EXEC) only: link with -static and without -pie");
            }
            if (type == 4)
            {
                throw fail("core dump (e_type=4, CORE), not an executable");
            }
            if (type != ET_EXEC)
            {
                throw fail("unsupported file type (e_type=0x%x at offset 0x10), expected 2 (EXEC)", type);
            }
            final int machine = u16(18);
            if (machine != EM_RISCV)
            {
                throw fail("machine 0x%x%s is not RISC-V (0xf3)", machine, machineName(machine));
            }
            final long version = u32(20);
            if (version != 1)
            {
                throw fail("unsupported ELF version (e_version=%d at offset 0x14, expected 1)", version);
            }
        }

        private static String machineName(final int machine)
        {
            // Only the hosts someone is likely to pass by mistake; the number alone is enough otherwise.
            return switch (machine)
            {
                case 0x03 -> " (x86)";
                case 0x28 -> " (ARM)";
                case 0x3E -> " (x86-64)";
                case 0xB7 -> " (AArch64)";
                default -> "";
            };
        }

        private void checkFlags(final int flags)
        {
            final int floatAbi = flags & EF_RISCV_FLOAT_ABI;
            if (floatAbi != 0)
            {
                final String kind = floatAbi == 2 ? "single" : floatAbi == 4 ? "double" : "quad";
                throw fail("hard-float ABI not supported (e_flags=0x%x at offset 0x24, %s-float); " +
                    "Tandem has no FPU: build with -mabi=ilp32", flags, kind);
            }
            // EF_RISCV_RVC (the machine has the C extension), RVE (fewer registers) and TSO (a
            // stronger memory model) need nothing that RV32IMAC lacks on a single hart, so the
            // remaining bits are accepted.
        }

        private void checkHeaderSize(final int fieldOffset, final String what, final int expected)
        {
            final int actual = u16(fieldOffset);
            if (actual != expected)
            {
                throw fail("%s size is %d (offset 0x%x), expected %d", what, actual, fieldOffset, expected);
            }
        }

        /** Section header table: where it is and how many entries, honouring extended numbering. */
        private void readSectionTableBounds()
        {
            shoff = u32(32);
            shnum = u16(48);
            if (shoff == 0)
            {
                // No section header table: symbols are optional, so this is not an error.
                shnum = 0;
                return;
            }
            checkHeaderSize(0x2E, "section header", SHDR_SIZE);
            if (shnum == 0)
            {
                // Extended numbering: the real count is in section 0's sh_size.
                checkTable("section header", shoff, 1, SHDR_SIZE);
                final long count = u32(shoff + 20);
                checkTable("section header", shoff, Math.max(1, count), SHDR_SIZE);
                // The table fits in the file, so the count is far below Integer.MAX_VALUE.
                shnum = (int)Math.max(1, count);
                return;
            }
            checkTable("section header", shoff, shnum, SHDR_SIZE);
        }

        private long programHeaderCount()
        {
            final int phnum = u16(44);
            if (phnum != PN_XNUM)
            {
                return phnum;
            }
            // Extended numbering: the real count is in section 0's sh_info.
            if (shnum == 0)
            {
                throw fail("e_phnum=0xffff (offset 0x2c) points to section header 0 for the program header count, " +
                    "but there is no section header table");
            }
            return u32(shoff + 28);
        }

        /** Throws unless {@code count} entries of {@code size} bytes at {@code offset} lie within the file. */
        private void checkTable(final String what, final long offset, final long count, final int size)
        {
            if (offset + count * size <= length)
            {
                return;
            }
            final long index = offset >= length ? 0 : (length - offset) / size;
            throw fail("%s %d at offset 0x%x runs past the end of the file (size 0x%x)",
                what, index, offset + index * size, length);
        }

        private List<ElfSegment> readSegments(final long phoff, final int phnum, final int entry)
        {
            final List<long[]> loads = new ArrayList<>();
            for (int i = 0; i < phnum; i++)
            {
                final long ph = phoff + (long)i * PHDR_SIZE;
                final long type = u32(ph);
                if (type == PT_INTERP || type == PT_DYNAMIC)
                {
                    throw fail("program header %d at offset 0x%x is %s: dynamically linked executables are not " +
                        "supported; link with -static", i, ph, type == PT_INTERP ? "PT_INTERP" : "PT_DYNAMIC");
                }
                if (type != PT_LOAD)
                {
                    continue;
                }
                final long offset = u32(ph + 4);
                final long vaddr = u32(ph + 8);
                final long paddr = u32(ph + 12);
                final long filesz = u32(ph + 16);
                final long memsz = u32(ph + 20);
                final long flags = u32(ph + 24);
                if (filesz > memsz)
                {
                    throw fail("program header %d at offset 0x%x: PT_LOAD file size 0x%x is larger than its memory " +
                        "size 0x%x", i, ph, filesz, memsz);
                }
                if (offset + filesz > length)
                {
                    throw fail("program header %d at offset 0x%x: PT_LOAD file bytes 0x%x..0x%x run past the end of " +
                        "the file (size 0x%x)", i, ph, offset, offset + filesz, length);
                }
                loads.add(new long[] {i, offset, vaddr, paddr, filesz, memsz, flags});
            }
            if (loads.isEmpty())
            {
                throw fail("no loadable segment (PT_LOAD) among %d program headers; nothing to put in guest memory", phnum);
            }

            final boolean physicalUnset = loads.stream().allMatch(l -> l[3] == 0) && loads.stream().anyMatch(l -> l[2] != 0);
            final int address = physicalUnset ? 2 : 3;
            for (final long[] l : loads)
            {
                if (l[address] + l[5] > ADDRESS_SPACE)
                {
                    throw fail("program header %d: PT_LOAD at 0x%08x with memory size 0x%x runs past the end of the " +
                        "32-bit address space", l[0], l[address], l[5]);
                }
            }
            checkNoOverlap(loads, address);
            checkEntry(loads, entry, address);

            final List<ElfSegment> segments = new ArrayList<>(loads.size());
            for (final long[] l : loads)
            {
                final byte[] data = Arrays.copyOfRange(b, (int)l[1], (int)(l[1] + l[4]));
                segments.add(new ElfSegment((int)l[address], (int)l[2], data, l[5], (int)l[6]));
            }
            return Collections.unmodifiableList(segments);
        }

        private void checkNoOverlap(final List<long[]> loads, final int address)
        {
            // Empty segments occupy no memory and cannot clash with anything.
            final List<long[]> sorted = new ArrayList<>();
            for (final long[] l : loads)
            {
                if (l[5] != 0)
                {
                    sorted.add(l);
                }
            }
            sorted.sort(Comparator.comparingLong(l -> l[address]));
            for (int i = 1; i < sorted.size(); i++)
            {
                final long[] prev = sorted.get(i - 1);
                final long[] next = sorted.get(i);
                if (prev[address] + prev[5] > next[address])
                {
                    throw fail("program headers %d and %d have overlapping PT_LOAD segments (0x%08x..0x%08x and " +
                        "0x%08x..0x%08x)", Math.min(prev[0], next[0]), Math.max(prev[0], next[0]),
                        prev[address], prev[address] + prev[5], next[address], next[address] + next[5]);
                }
            }
        }

        private void checkEntry(final List<long[]> loads, final int entry, final int address)
        {
            // The entry is a virtual address; accept it in either view so that AT() load addresses
            // do not make a good image look broken. Without this check a bad entry only shows up
            // later as a fetch fault far from its cause.
            final long pc = Integer.toUnsignedLong(entry);
            for (final long[] l : loads)
            {
                if ((pc >= l[2] && pc - l[2] < l[5]) || (pc >= l[address] && pc - l[address] < l[5]))
                {
                    return;
                }
            }
            throw fail("entry point 0x%08x (e_entry at offset 0x18) is not inside any loadable segment", pc);
        }

        private Map<String, Integer> readSymbols()
        {
            int symtab = -1;
            for (int i = 0; i < shnum && symtab < 0; i++)
            {
                if (u32(shoff + (long)i * SHDR_SIZE + 4) == SHT_SYMTAB)
                {
                    symtab = i;
                }
            }
            if (symtab < 0)
            {
                return Collections.emptyMap();
            }
            final long sh = shoff + (long)symtab * SHDR_SIZE;
            final long symOffset = u32(sh + 16);
            final long symSize = u32(sh + 20);
            final long link = u32(sh + 24);
            final long entSize = u32(sh + 36);
            final String what = "symbol table (section " + symtab + ")";
            if (entSize != SYM_SIZE)
            {
                throw fail("%s has entry size %d (sh_entsize at offset 0x%x), expected %d", what, entSize, sh + 36, SYM_SIZE);
            }
            if (symSize % SYM_SIZE != 0)
            {
                throw fail("%s size 0x%x (sh_size at offset 0x%x) is not a multiple of %d", what, symSize, sh + 20, SYM_SIZE);
            }
            checkSectionData(what, symOffset, symSize);
            if (link == 0 || link >= shnum)
            {
                throw fail("%s links to string table section %d (sh_link at offset 0x%x), which does not exist " +
                    "(%d sections)", what, link, sh + 24, shnum);
            }
            final long str = shoff + link * SHDR_SIZE;
            final String strWhat = "string table (section " + link + ")";
            final long strType = u32(str + 4);
            if (strType != SHT_STRTAB)
            {
                throw fail("section %d, linked from the %s, is not a string table (sh_type=%d at offset 0x%x)",
                    link, what, strType, str + 4);
            }
            final long strOffset = u32(str + 16);
            final long strSize = u32(str + 20);
            checkSectionData(strWhat, strOffset, strSize);
            // The ELF spec ends every string table with NUL; relying on it bounds each name scan.
            if (strSize == 0 || b[(int)(strOffset + strSize - 1)] != 0)
            {
                throw fail("%s at offset 0x%x does not end with a NUL byte", strWhat, strOffset);
            }

            final Map<String, Integer> values = new TreeMap<>();
            final Map<String, Integer> ranks = new HashMap<>();
            final long count = symSize / SYM_SIZE;
            // Entry 0 is the reserved null symbol.
            for (long i = 1; i < count; i++)
            {
                final long sym = symOffset + i * SYM_SIZE;
                final long name = u32(sym);
                if (name >= strSize)
                {
                    throw fail("symbol %d at offset 0x%x has name offset 0x%x past the end of the %s (size 0x%x)",
                        i, sym, name, strWhat, strSize);
                }
                final int info = u8(sym + 12);
                final int type = info & 0xF;
                final int bind = info >>> 4;
                final int shndx = u16(sym + 14);
                if (name == 0 || (type != STT_NOTYPE && type != STT_OBJECT && type != STT_FUNC) ||
                    shndx == SHN_UNDEF || shndx == SHN_COMMON)
                {
                    continue;
                }
                final String symbolName = string(strOffset + name);
                // psABI mapping symbols ($x, $d, $x<isa>) mark code/data boundaries, not things to look up.
                if (bind == STB_LOCAL && type == STT_NOTYPE && symbolName.startsWith("$"))
                {
                    continue;
                }
                final int rank = bind == STB_GLOBAL ? 3 : bind == STB_WEAK ? 2 : 1;
                final Integer previous = ranks.get(symbolName);
                if (previous == null || rank > previous)
                {
                    ranks.put(symbolName, rank);
                    values.put(symbolName, (int)u32(sym + 4));
                }
            }
            return Collections.unmodifiableMap(values);
        }

        private void checkSectionData(final String what, final long offset, final long size)
        {
            if (offset + size > length)
            {
                throw fail("%s at offset 0x%x..0x%x runs past the end of the file (size 0x%x)",
                    what, offset, offset + size, length);
            }
        }

        /** A NUL-terminated string known to end inside the file. */
        private String string(final long offset)
        {
            int end = (int)offset;
            while (b[end] != 0)
            {
                end++;
            }
            return new String(b, (int)offset, end - (int)offset, StandardCharsets.UTF_8);
        }

        private int u8(final long offset)
        {
            require(offset, 1);
            return b[(int)offset] & 0xFF;
        }

        private int u16(final long offset)
        {
            require(offset, 2);
            final int i = (int)offset;
            return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
        }

        private long u32(final long offset)
        {
            require(offset, 4);
            final int i = (int)offset;
            return ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (long)(b[i + 3] & 0xFF) << 24);
        }

        private void require(final long offset, final int size)
        {
            // Callers bound-check tables before reading them; this keeps a missed check from
            // surfacing as an IndexOutOfBoundsException instead of a message about the file.
            if (offset < 0 || offset + size > length)
            {
                throw fail("truncated: %d-byte field at offset 0x%x runs past the end of the file (size 0x%x)",
                    size, offset, length);
            }
        }

        private ElfFormatException fail(final String format, final Object... args)
        {
            return new ElfFormatException(source, String.format(format, args));
        }
    }
}
