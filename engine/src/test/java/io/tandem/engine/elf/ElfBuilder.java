package io.tandem.engine.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only writer of small ELF32 little-endian RISC-V executables, valid by default, so that tests
 * can start from a good file and break one field at a time with {@link #putU16}/{@link #putU32}.
 * <p>
 * Layout: ELF header at 0, program headers at {@link #PHOFF}, segment bytes, then (when symbols
 * are wanted) {@code .strtab}, {@code .shstrtab}, {@code .symtab} and the section header table,
 * whose sections are 0 null, 1 {@code .symtab}, 2 {@code .strtab}, 3 {@code .shstrtab}.
 */
final class ElfBuilder
{
    static final int EHDR_SIZE = 52;
    static final int PHDR_SIZE = 32;
    static final int SHDR_SIZE = 40;
    static final int SYM_SIZE = 16;
    static final int PHOFF = EHDR_SIZE;

    static final int PT_LOAD = 1;
    static final int PT_INTERP = 3;
    static final int PT_NOTE = 4;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;
    static final int STT_NOTYPE = 0;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int STT_SECTION = 3;
    static final int STT_FILE = 4;
    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STB_WEAK = 2;
    static final int SHN_UNDEF = 0;
    static final int SHN_ABS = 0xFFF1;

    /** Section index of {@code .symtab} in the built file. */
    static final int SYMTAB_INDEX = 1;
    /** Section index of {@code .strtab} in the built file. */
    static final int STRTAB_INDEX = 2;

    private record Phdr(int type, int paddr, int vaddr, byte[] data, int memSize, int flags)
    {
    }

    private record Sym(String name, int value, int type, int bind, int shndx)
    {
    }

    private int entry = 0x8000_0000;
    private int flags;
    private boolean sectionHeaders = true;
    private final List<Phdr> phdrs = new ArrayList<>();
    private final List<Sym> symbols = new ArrayList<>();

    /** A builder for an executable with no segments yet; add at least one with {@link #load}. */
    static ElfBuilder executable()
    {
        return new ElfBuilder();
    }

    /** A typical guest: code at 0x80000000, data with a .bss tail after it, and a few symbols. */
    static ElfBuilder typicalGuest()
    {
        return executable()
            .entry(0x8000_0000)
            .load(0x8000_0000, code(), 0x40, PF_R | PF_X)
            .load(0x8000_1000, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0x100, PF_R | PF_W)
            .symbol("_start", 0x8000_0000, STT_NOTYPE, STB_GLOBAL)
            .symbol("main", 0x8000_0010, STT_FUNC, STB_GLOBAL)
            .symbol("tohost", 0x8000_1000, STT_OBJECT, STB_GLOBAL)
            .symbol("fromhost", 0x8000_1008, STT_OBJECT, STB_GLOBAL)
            .symbol("helper", 0x8000_0020, STT_FUNC, STB_LOCAL)
            .symbol("hello.c", 0, STT_FILE, STB_LOCAL, SHN_ABS)
            .symbol(".text", 0x8000_0000, STT_SECTION, STB_LOCAL, 1)
            .symbol("$xrv32i2p1_m2p0_a2p1", 0x8000_0000, STT_NOTYPE, STB_LOCAL, 1)
            .symbol("external", 0, STT_NOTYPE, STB_WEAK, SHN_UNDEF);
    }

    /** A few recognisable instruction words (addi, ebreak) so that segment bytes are not all alike. */
    static byte[] code()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(0x20).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 7; i++)
        {
            buffer.putInt(0x0000_0013 | (i + 1) << 20 | 10 << 7);
        }
        buffer.putInt(0x0010_0073);
        return buffer.array();
    }

    ElfBuilder entry(final int entry)
    {
        this.entry = entry;
        return this;
    }

    ElfBuilder flags(final int flags)
    {
        this.flags = flags;
        return this;
    }

    /** Leaves out section headers (and with them the symbol table), as {@code strip -s --strip-section-headers} would. */
    ElfBuilder withoutSectionHeaders()
    {
        this.sectionHeaders = false;
        return this;
    }

    ElfBuilder load(final int address, final byte[] data, final int memSize, final int flags)
    {
        return load(address, address, data, memSize, flags);
    }

    ElfBuilder load(final int paddr, final int vaddr, final byte[] data, final int memSize, final int flags)
    {
        return programHeader(PT_LOAD, paddr, vaddr, data, memSize, flags);
    }

    ElfBuilder programHeader(final int type, final int paddr, final int vaddr, final byte[] data, final int memSize, final int flags)
    {
        phdrs.add(new Phdr(type, paddr, vaddr, data.clone(), memSize, flags));
        return this;
    }

    ElfBuilder symbol(final String name, final int value, final int type, final int bind)
    {
        return symbol(name, value, type, bind, SHN_ABS);
    }

    ElfBuilder symbol(final String name, final int value, final int type, final int bind, final int shndx)
    {
        symbols.add(new Sym(name, value, type, bind, shndx));
        return this;
    }

    byte[] build()
    {
        final ByteBuffer out = ByteBuffer.allocate(estimateSize()).order(ByteOrder.LITTLE_ENDIAN);
        out.position(PHOFF + phdrs.size() * PHDR_SIZE);
        final int[] dataOffsets = new int[phdrs.size()];
        for (int i = 0; i < phdrs.size(); i++)
        {
            align(out, 16);
            dataOffsets[i] = out.position();
            out.put(phdrs.get(i).data());
        }

        int shoff = 0;
        int shnum = 0;
        if (sectionHeaders)
        {
            final ByteArrayOutputStream strtab = new ByteArrayOutputStream();
            strtab.write(0);
            final int[] nameOffsets = new int[symbols.size()];
            for (int i = 0; i < symbols.size(); i++)
            {
                nameOffsets[i] = strtab.size();
                strtab.writeBytes((symbols.get(i).name() + "\0").getBytes(StandardCharsets.UTF_8));
            }
            final byte[] shstrtab = "\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);

            final int strtabOffset = out.position();
            out.put(strtab.toByteArray());
            final int shstrtabOffset = out.position();
            out.put(shstrtab);
            align(out, 4);
            final int symtabOffset = out.position();
            out.put(new byte[SYM_SIZE]);
            for (int i = 0; i < symbols.size(); i++)
            {
                final Sym sym = symbols.get(i);
                out.putInt(nameOffsets[i]).putInt(sym.value()).putInt(0)
                    .put((byte)(sym.bind() << 4 | sym.type())).put((byte)0).putShort((short)sym.shndx());
            }
            final int symtabSize = out.position() - symtabOffset;
            align(out, 4);
            shoff = out.position();
            shnum = 4;
            out.put(new byte[SHDR_SIZE]);
            sectionHeader(out, 1, 2, symtabOffset, symtabSize, STRTAB_INDEX, 1, SYM_SIZE);
            sectionHeader(out, 9, 3, strtabOffset, strtab.size(), 0, 0, 0);
            sectionHeader(out, 17, 3, shstrtabOffset, shstrtab.length, 0, 0, 0);
        }
        final int size = out.position();

        out.position(0);
        out.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        out.putShort((short)2).putShort((short)243).putInt(1).putInt(entry).putInt(PHOFF).putInt(shoff).putInt(flags)
            .putShort((short)EHDR_SIZE).putShort((short)PHDR_SIZE).putShort((short)phdrs.size())
            .putShort((short)(sectionHeaders ? SHDR_SIZE : 0)).putShort((short)shnum).putShort((short)(sectionHeaders ? 3 : 0));
        for (int i = 0; i < phdrs.size(); i++)
        {
            final Phdr ph = phdrs.get(i);
            out.putInt(ph.type()).putInt(dataOffsets[i]).putInt(ph.vaddr()).putInt(ph.paddr())
                .putInt(ph.data().length).putInt(ph.memSize()).putInt(ph.flags()).putInt(ph.type() == PT_LOAD ? 16 : 4);
        }
        final byte[] bytes = new byte[size];
        out.position(0);
        out.get(bytes);
        return bytes;
    }

    private int estimateSize()
    {
        int size = EHDR_SIZE + phdrs.size() * (PHDR_SIZE + 16) + 4 * SHDR_SIZE + 64;
        for (final Phdr ph : phdrs)
        {
            size += ph.data().length;
        }
        for (final Sym sym : symbols)
        {
            size += SYM_SIZE + 4 * sym.name().length() + 1;
        }
        return size + 64;
    }

    private static void sectionHeader(final ByteBuffer out, final int name, final int type, final int offset, final int size,
        final int link, final int info, final int entSize)
    {
        out.putInt(name).putInt(type).putInt(0).putInt(0).putInt(offset).putInt(size)
            .putInt(link).putInt(info).putInt(type == 2 ? 4 : 1).putInt(entSize);
    }

    private static void align(final ByteBuffer out, final int alignment)
    {
        while (out.position() % alignment != 0)
        {
            out.put((byte)0);
        }
    }

    // Helpers to break a built file one field at a time.

    static int u16(final byte[] bytes, final int offset)
    {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    static int u32(final byte[] bytes, final int offset)
    {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    static byte[] putU16(final byte[] bytes, final int offset, final int value)
    {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short)value);
        return bytes;
    }

    static byte[] putU32(final byte[] bytes, final int offset, final int value)
    {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return bytes;
    }

    /** @return file offset of program header {@code index}. */
    static int phdr(final int index)
    {
        return PHOFF + index * PHDR_SIZE;
    }

    /** @return file offset of section header {@code index} in a built file. */
    static int shdr(final byte[] bytes, final int index)
    {
        return u32(bytes, 0x20) + index * SHDR_SIZE;
    }
}
