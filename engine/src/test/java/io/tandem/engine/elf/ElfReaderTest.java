package io.tandem.engine.elf;

import static io.tandem.engine.elf.ElfBuilder.PF_R;
import static io.tandem.engine.elf.ElfBuilder.PF_W;
import static io.tandem.engine.elf.ElfBuilder.PF_X;
import static io.tandem.engine.elf.ElfBuilder.STB_GLOBAL;
import static io.tandem.engine.elf.ElfBuilder.STB_LOCAL;
import static io.tandem.engine.elf.ElfBuilder.STB_WEAK;
import static io.tandem.engine.elf.ElfBuilder.STT_FUNC;
import static io.tandem.engine.elf.ElfBuilder.STT_OBJECT;
import static io.tandem.engine.elf.ElfBuilder.phdr;
import static io.tandem.engine.elf.ElfBuilder.putU16;
import static io.tandem.engine.elf.ElfBuilder.putU32;
import static io.tandem.engine.elf.ElfBuilder.shdr;
import static io.tandem.engine.elf.ElfBuilder.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElfReaderTest
{
    private static final String NAME = "guest.elf";

    // ---- valid images -------------------------------------------------------------------------

    @Test
    void parsesEntrySegmentsAndBssOfATypicalGuest()
    {
        final ElfImage image = ElfReader.parse(ElfBuilder.typicalGuest().build(), NAME);

        assertEquals(NAME, image.sourceName());
        assertEquals(0x8000_0000, image.entry());
        assertEquals(2, image.segments().size());

        final ElfSegment text = image.segments().get(0);
        assertEquals(0x8000_0000, text.address());
        assertEquals(0x8000_0000, text.virtualAddress());
        assertArrayEquals(ElfBuilder.code(), text.fileBytes());
        assertEquals(0x40, text.memSize());
        assertEquals(0x20, text.zeroFillSize());
        assertTrue(text.readable());
        assertFalse(text.writable());
        assertTrue(text.executable());

        final ElfSegment data = image.segments().get(1);
        assertEquals(0x8000_1000, data.address());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, data.fileBytes());
        assertEquals(8, data.fileSize());
        assertEquals(0x100, data.memSize());
        assertEquals(0xF8, data.zeroFillSize(), "the .bss tail is memSize - fileSize");
        assertTrue(data.readable());
        assertTrue(data.writable());
        assertFalse(data.executable());
        assertTrue(data.contains(0x8000_10FF));
        assertFalse(data.contains(0x8000_1100));
    }

    @Test
    void readsNamedFunctionObjectAndUntypedSymbols()
    {
        final ElfImage image = ElfReader.parse(ElfBuilder.typicalGuest().build(), NAME);

        assertEquals(Map.of("_start", 0x8000_0000, "main", 0x8000_0010, "tohost", 0x8000_1000,
            "fromhost", 0x8000_1008, "helper", 0x8000_0020), image.symbols());
        assertEquals(OptionalInt.of(0x8000_1000), image.symbol("tohost"));
        assertEquals(OptionalInt.empty(), image.symbol("external"), "undefined symbols are left out");
        assertEquals(OptionalInt.empty(), image.symbol("hello.c"), "file symbols are left out");
        assertEquals(OptionalInt.empty(), image.symbol(".text"), "section symbols are left out");
        assertEquals(OptionalInt.empty(), image.symbol("$xrv32i2p1_m2p0_a2p1"), "mapping symbols are left out");
    }

    @Test
    void listsSymbolsInNameOrderAndRefusesChanges()
    {
        final ElfImage image = ElfReader.parse(ElfBuilder.typicalGuest().build(), NAME);

        assertEquals(List.of("_start", "fromhost", "helper", "main", "tohost"), new ArrayList<>(image.symbols().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> image.symbols().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> image.segments().clear());
    }

    @Test
    void prefersGlobalThenWeakOverLocalSymbolsOfTheSameName()
    {
        final byte[] elf = ElfBuilder.typicalGuest()
            .symbol("dup", 0x8000_0004, STT_FUNC, STB_LOCAL)
            .symbol("dup", 0x8000_0008, STT_FUNC, STB_WEAK)
            .symbol("dup", 0x8000_000C, STT_FUNC, STB_GLOBAL)
            .symbol("dup", 0x8000_0010, STT_FUNC, STB_LOCAL)
            .symbol("twice", 0x8000_0014, STT_OBJECT, STB_LOCAL)
            .symbol("twice", 0x8000_0018, STT_OBJECT, STB_LOCAL)
            .build();

        final ElfImage image = ElfReader.parse(elf, NAME);

        assertEquals(OptionalInt.of(0x8000_000C), image.symbol("dup"));
        assertEquals(OptionalInt.of(0x8000_0014), image.symbol("twice"), "among equals the first wins");
    }

    @Test
    void acceptsAnImageWithoutSectionHeadersAndHasNoSymbols()
    {
        final ElfImage image = ElfReader.parse(ElfBuilder.typicalGuest().withoutSectionHeaders().build(), NAME);

        assertEquals(2, image.segments().size());
        assertTrue(image.symbols().isEmpty());
    }

    @Test
    void loadsAtThePhysicalAddressWhenItDiffersFromTheVirtualOne()
    {
        final byte[] elf = ElfBuilder.executable()
            .entry(0x8000_0000)
            .load(0x8000_0000, ElfBuilder.code(), 0x20, PF_R | PF_X)
            .load(0x8000_0100, 0x8010_0000, new byte[] {9, 9}, 0x10, PF_R | PF_W)
            .build();

        final ElfSegment data = ElfReader.parse(elf, NAME).segments().get(1);

        assertEquals(0x8000_0100, data.address());
        assertEquals(0x8010_0000, data.virtualAddress());
    }

    @Test
    void fallsBackToVirtualAddressesWhenNoPhysicalAddressIsSet()
    {
        final byte[] elf = ElfBuilder.executable()
            .entry(0x8000_0000)
            .load(0, 0x8000_0000, ElfBuilder.code(), 0x20, PF_R | PF_X)
            .load(0, 0x8000_1000, new byte[] {9}, 0x10, PF_R | PF_W)
            .build();

        final List<ElfSegment> segments = ElfReader.parse(elf, NAME).segments();

        assertEquals(0x8000_0000, segments.get(0).address());
        assertEquals(0x8000_1000, segments.get(1).address());
    }

    @Test
    void acceptsASegmentThatEndsExactlyAtTheTopOfTheAddressSpace()
    {
        final byte[] elf = ElfBuilder.executable()
            .entry(0xFFFF_F000)
            .load(0xFFFF_F000, ElfBuilder.code(), 0x1000, PF_R | PF_X)
            .build();

        final ElfSegment segment = ElfReader.parse(elf, NAME).segments().get(0);

        assertEquals(0xFFFF_F000, segment.address());
        assertTrue(segment.contains(0xFFFF_FFFF));
    }

    @Test
    void ignoresProgramHeadersThatAreNotLoadable()
    {
        final byte[] elf = ElfBuilder.typicalGuest().programHeader(ElfBuilder.PT_NOTE, 0, 0, new byte[8], 0, PF_R).build();

        assertEquals(2, ElfReader.parse(elf, NAME).segments().size());
    }

    @Test
    void handsOutCopiesOfSegmentBytes()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        final ElfSegment text = ElfReader.parse(elf, NAME).segments().get(0);

        text.fileBytes()[0] = 0x55;
        Arrays.fill(elf, (byte)0);

        assertArrayEquals(ElfBuilder.code(), text.fileBytes());
    }

    @Test
    void readsAFileAndNamesTheImageAfterIt(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("guest.elf");
        Files.write(file, ElfBuilder.typicalGuest().build());

        final ElfImage image = ElfReader.read(file);

        assertEquals(file.toString(), image.sourceName());
        assertEquals(OptionalInt.of(0x8000_1000), image.symbol("tohost"));
    }

    // ---- input/output problems -----------------------------------------------------------------

    @Test
    void reportsAMissingFileByName(@TempDir final Path dir)
    {
        final Path file = dir.resolve("missing.elf");

        final UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ElfReader.read(file));

        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void reportsADirectoryByName(@TempDir final Path dir)
    {
        final UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ElfReader.read(dir));

        assertEquals(dir + ": is a directory, not a file", e.getMessage());
    }

    // ---- refusals: identification and header ---------------------------------------------------

    @Test
    void refusesAnEmptyFile()
    {
        assertRefused(new byte[0], "guest.elf: empty file");
    }

    @Test
    void refusesAFileWithoutTheElfMagic()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        elf[3] = 'G';

        assertRefused(elf, "guest.elf: not an ELF file (magic at offset 0 is 7f 45 4c 47");
    }

    @Test
    void refusesAShortFileThatIsNotElf()
    {
        assertRefused(new byte[] {'#', '!'}, "not an ELF file (magic at offset 0 is 23 21");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 15, 16, 51})
    void refusesAFileTooShortForTheElfHeader(final int length)
    {
        assertRefused(Arrays.copyOf(ElfBuilder.typicalGuest().build(), length), "too short for an ELF header");
    }

    @Test
    void refusesSixtyFourBitElf()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        elf[4] = 2;

        assertRefused(elf, "guest.elf: 64-bit ELF (EI_CLASS=2); Tandem runs RV32 guests only");
    }

    @Test
    void refusesAnInvalidElfClass()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        elf[4] = 0;

        assertRefused(elf, "invalid ELF class (EI_CLASS=0");
    }

    @Test
    void refusesBigEndianElf()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        elf[5] = 2;

        assertRefused(elf, "big-endian", "little-endian");
    }

    @Test
    void refusesAnUnknownIdentVersion()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        elf[6] = 2;

        assertRefused(elf, "EI_VERSION=2");
    }

    @Test
    void refusesAnUnknownHeaderVersion()
    {
        assertRefused(putU32(ElfBuilder.typicalGuest().build(), 0x14, 0), "e_version=0");
    }

    @ParameterizedTest
    @CsvSource({"1, relocatable object", "3, shared object or position-independent executable", "4, core dump",
        "0, e_type=0x0"})
    void refusesFilesThatAreNotExecutables(final int type, final String expected)
    {
        assertRefused(putU16(ElfBuilder.typicalGuest().build(), 0x10, type), expected);
    }

    @Test
    void refusesAnotherMachine()
    {
        assertRefused(putU16(ElfBuilder.typicalGuest().build(), 0x12, 0x3E), "guest.elf: machine 0x3e (x86-64) is not RISC-V (0xf3)");
    }

    @Test
    void acceptsCompressedInstructions()
    {
        assertEquals(2, ElfReader.parse(ElfBuilder.typicalGuest().flags(0x1).build(), NAME).segments().size());
    }

    @ParameterizedTest
    @CsvSource({"2, single", "4, double", "6, quad"})
    void refusesHardFloatAbis(final int flags, final String kind)
    {
        assertRefused(ElfBuilder.typicalGuest().flags(flags).build(), "hard-float ABI not supported", kind + "-float");
    }

    @Test
    void acceptsFlagsThatNeedNothingBeyondRv32imac()
    {
        final int rvcRveAndTso = 0x1 | 0x8 | 0x10;

        assertEquals(2, ElfReader.parse(ElfBuilder.typicalGuest().flags(rvcRveAndTso).build(), NAME).segments().size());
    }

    @ParameterizedTest
    @CsvSource({"40, ELF header size is 64 (offset 0x28), expected 52", "42, program header size is 64 (offset 0x2a), expected 32",
        "46, section header size is 64 (offset 0x2e), expected 40"})
    void refusesWrongHeaderSizes(final int fieldOffset, final String expected)
    {
        assertRefused(putU16(ElfBuilder.typicalGuest().build(), fieldOffset, 64), expected);
    }

    // ---- refusals: program headers and segments -------------------------------------------------

    @Test
    void refusesAProgramHeaderTableThatRunsPastTheEndOfTheFile()
    {
        final byte[] elf = ElfBuilder.typicalGuest().withoutSectionHeaders().build();
        final byte[] truncated = Arrays.copyOf(elf, phdr(1) + 10);

        assertRefused(truncated, String.format(
            "guest.elf: program header 1 at offset 0x%x runs past the end of the file (size 0x%x)", phdr(1), truncated.length));
    }

    @Test
    void refusesAProgramHeaderOffsetThatWouldBeNegativeAsASignedInt()
    {
        assertRefused(putU32(ElfBuilder.typicalGuest().build(), 0x1C, 0xFFFF_FFF0), "program header 0 at offset 0xfffffff0 runs past");
    }

    @Test
    void refusesASectionHeaderTableThatRunsPastTheEndOfTheFile()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU16(elf, 0x30, 200);

        assertRefused(elf, "section header", "runs past the end of the file");
    }

    @Test
    void refusesASegmentWithMoreFileBytesThanMemory()
    {
        final byte[] elf = putU32(ElfBuilder.typicalGuest().build(), phdr(1) + 20, 4);

        assertRefused(elf, "program header 1", "file size 0x8 is larger than its memory size 0x4");
    }

    @Test
    void refusesASegmentWhoseBytesRunPastTheEndOfTheFile()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU32(elf, phdr(1) + 4, elf.length - 4);

        assertRefused(elf, "program header 1", "run past the end of the file");
    }

    @Test
    void refusesASegmentOffsetThatWouldBeNegativeAsASignedInt()
    {
        final byte[] elf = putU32(ElfBuilder.typicalGuest().build(), phdr(0) + 4, 0xFFFF_FFFC);

        assertRefused(elf, "program header 0", "0xfffffffc..0x10000001c run past the end of the file");
    }

    @Test
    void refusesOverlappingSegments()
    {
        final byte[] elf = ElfBuilder.executable()
            .load(0x8000_0000, ElfBuilder.code(), 0x100, PF_R | PF_X)
            .load(0x8000_00F0, new byte[4], 0x20, PF_R | PF_W)
            .build();

        assertRefused(elf, "program headers 0 and 1 have overlapping PT_LOAD segments (0x80000000..0x80000100 and 0x800000f0..0x80000110)");
    }

    @Test
    void refusesASegmentThatRunsPastTheTopOfTheAddressSpace()
    {
        final byte[] elf = ElfBuilder.executable()
            .entry(0xFFFF_F000)
            .load(0xFFFF_F000, ElfBuilder.code(), 0x1001, PF_R | PF_X)
            .build();

        assertRefused(elf, "program header 0", "0xfffff000 with memory size 0x1001 runs past the end of the 32-bit address space");
    }

    @Test
    void refusesAnImageWithoutLoadableSegments()
    {
        final byte[] elf = ElfBuilder.executable().programHeader(ElfBuilder.PT_NOTE, 0, 0, new byte[4], 0, PF_R).build();

        assertRefused(elf, "no loadable segment (PT_LOAD)");
    }

    @Test
    void refusesAnImageWithoutProgramHeaders()
    {
        assertRefused(ElfBuilder.executable().build(), "no loadable segment (PT_LOAD)");
    }

    @Test
    void refusesADynamicallyLinkedExecutable()
    {
        final byte[] elf = ElfBuilder.typicalGuest().programHeader(ElfBuilder.PT_INTERP, 0, 0, "/lib/ld.so\0".getBytes(), 0, PF_R).build();

        assertRefused(elf, "program header 2", "PT_INTERP", "dynamically linked");
    }

    @Test
    void refusesAnEntryPointOutsideEverySegment()
    {
        assertRefused(ElfBuilder.typicalGuest().entry(0x9000_0000).build(), "entry point 0x90000000", "not inside any loadable segment");
    }

    // ---- refusals: symbol table ------------------------------------------------------------------

    @Test
    void refusesASymbolTableThatRunsPastTheEndOfTheFile()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU32(elf, shdr(elf, ElfBuilder.SYMTAB_INDEX) + 20, 0x10_0000);

        assertRefused(elf, "symbol table (section 1)", "runs past the end of the file");
    }

    @Test
    void refusesASymbolTableWithTheWrongEntrySize()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU32(elf, shdr(elf, ElfBuilder.SYMTAB_INDEX) + 36, 24);

        assertRefused(elf, "symbol table (section 1) has entry size 24");
    }

    @Test
    void refusesASymbolTableSizeThatIsNotAWholeNumberOfEntries()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        final int size = shdr(elf, ElfBuilder.SYMTAB_INDEX) + 20;
        putU32(elf, size, u32(elf, size) - 1);

        assertRefused(elf, "symbol table (section 1) size", "is not a multiple of 16");
    }

    @Test
    void refusesASymbolTableLinkedToAMissingSection()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU32(elf, shdr(elf, ElfBuilder.SYMTAB_INDEX) + 24, 9);

        assertRefused(elf, "links to string table section 9", "does not exist");
    }

    @Test
    void refusesASymbolTableLinkedToSomethingOtherThanAStringTable()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU32(elf, shdr(elf, ElfBuilder.SYMTAB_INDEX) + 24, ElfBuilder.SYMTAB_INDEX);

        assertRefused(elf, "section 1, linked from the symbol table (section 1), is not a string table");
    }

    @Test
    void refusesAStringTableThatRunsPastTheEndOfTheFile()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        putU32(elf, shdr(elf, ElfBuilder.STRTAB_INDEX) + 16, elf.length - 2);

        assertRefused(elf, "string table (section 2)", "runs past the end of the file");
    }

    @Test
    void refusesAStringTableWithoutTheFinalNul()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        final int size = shdr(elf, ElfBuilder.STRTAB_INDEX) + 20;
        putU32(elf, size, u32(elf, size) - 1);

        assertRefused(elf, "string table (section 2)", "does not end with a NUL byte");
    }

    @Test
    void refusesASymbolNameOutsideTheStringTable()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        final int symtab = u32(elf, shdr(elf, ElfBuilder.SYMTAB_INDEX) + 16);
        putU32(elf, symtab + 2 * ElfBuilder.SYM_SIZE, 0x8000_0000);

        assertRefused(elf, "symbol 2", "name offset 0x80000000 past the end of the string table (section 2)");
    }

    // ---- robustness --------------------------------------------------------------------------

    @Test
    void truncatingAValidImageAnywhereGivesAnImageOrAFormatError()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        for (int length = 0; length <= elf.length; length++)
        {
            assertParsesOrRefuses(Arrays.copyOf(elf, length), "truncated to " + length + " bytes");
        }
    }

    @Test
    void truncatingAnywhereBeforeTheLastSegmentByteIsRefused()
    {
        final byte[] elf = ElfBuilder.typicalGuest().withoutSectionHeaders().build();
        for (int length = 0; length < elf.length; length++)
        {
            final byte[] truncated = Arrays.copyOf(elf, length);
            assertThrows(ElfFormatException.class, () -> ElfReader.parse(truncated, NAME), "truncated to " + length);
        }
    }

    @Test
    void changingAnySingleByteGivesAnImageOrAFormatError()
    {
        for (final byte[] elf : List.of(ElfBuilder.typicalGuest().build(), ElfBuilder.typicalGuest().withoutSectionHeaders().build()))
        {
            for (int offset = 0; offset < elf.length; offset++)
            {
                final int original = elf[offset];
                for (final int value : new int[] {original ^ 0xFF, original ^ 0x80, original ^ 0x01, original + 1, original - 1, 0, 0x7F, 0x80, 0xFF})
                {
                    final byte[] mutated = elf.clone();
                    mutated[offset] = (byte)value;
                    assertParsesOrRefuses(mutated, String.format("byte at 0x%x set to 0x%02x", offset, value & 0xFF));
                }
            }
        }
    }

    @Test
    void changingManyRandomBytesGivesAnImageOrAFormatError()
    {
        final byte[] elf = ElfBuilder.typicalGuest().build();
        final Random random = new Random(0x7A4DE3L);
        for (int round = 0; round < 50_000; round++)
        {
            final byte[] mutated = elf.clone();
            final int changes = 1 + random.nextInt(8);
            for (int i = 0; i < changes; i++)
            {
                // Favour the headers, where the interesting fields are.
                final int offset = random.nextBoolean() ? random.nextInt(ElfBuilder.phdr(2)) : random.nextInt(mutated.length);
                mutated[offset] = (byte)random.nextInt(256);
            }
            assertParsesOrRefuses(mutated, "round " + round);
        }
    }

    // ---- a real guest ------------------------------------------------------------------------

    @Test
    void parsesTheHelloGuestWhenItHasBeenBuilt()
    {
        final Path hello = findUp(Path.of("guests", "bin", "hello.elf"));
        Assumptions.assumeTrue(hello != null, "guests/bin/hello.elf has not been built");

        final ElfImage image = ElfReader.read(hello);

        assertTrue(image.segments().stream().anyMatch(s -> s.executable() && s.contains(image.entry())),
            "the entry point lies in an executable segment: " + image);
        assertTrue(image.symbol("tohost").isPresent() || image.symbols().isEmpty(), "a symbol table, if any, has tohost");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void assertRefused(final byte[] elf, final String... expectedFragments)
    {
        final ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.parse(elf, NAME));
        assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
        assertEquals(NAME, e.sourceName());
        for (final String fragment : expectedFragments)
        {
            assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
        }
    }

    private static void assertParsesOrRefuses(final byte[] elf, final String what)
    {
        final ElfImage image;
        try
        {
            image = ElfReader.parse(elf, NAME);
        }
        catch (final ElfFormatException e)
        {
            assertTrue(e.getMessage().startsWith(NAME + ": "), what + ": " + e.getMessage());
            return;
        }
        catch (final Throwable t)
        {
            throw new AssertionError(what + ": expected an image or ElfFormatException, got " + t, t);
        }
        assertFalse(image.segments().isEmpty(), what);
        long previousEnd = -1;
        final List<ElfSegment> byAddress = new ArrayList<>(image.segments());
        byAddress.removeIf(s -> s.memSize() == 0);
        byAddress.sort((x, y) -> Integer.compareUnsigned(x.address(), y.address()));
        for (final ElfSegment s : byAddress)
        {
            final long start = Integer.toUnsignedLong(s.address());
            if (s.fileSize() > s.memSize() || start + s.memSize() > 1L << 32 || start < previousEnd)
            {
                fail(what + ": inconsistent segment accepted: " + image);
            }
            previousEnd = start + s.memSize();
        }
    }

    private static Path findUp(final Path relative)
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve(relative)))
            {
                return dir.resolve(relative);
            }
        }
        return null;
    }
}
