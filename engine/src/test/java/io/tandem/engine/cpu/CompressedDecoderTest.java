package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Rvc;
import io.tandem.engine.mem.MemoryMap;

/**
 * Every RV32C encoding decodes to what its 32-bit expansion decodes to, with length 2; the
 * floating-point, RV64-only and reserved encodings are illegal with their 16 bits as mtval.
 */
class CompressedDecoderTest
{
    private static final int RAM_HALFWORDS = (1 << 20) >>> 1;
    private static final int PC = MemoryMap.RAM_BASE + 0x1000 + 2;
    private static final long LENGTH_MASK = 7L << DecodedInstruction.LENGTH_SHIFT;

    private static void assertExpandsTo(final int half, final Consumer<Assembler> expansion)
    {
        final Assembler a = new Assembler(PC - 2);
        a.nop();
        final int pcOfExpansion = a.pc();
        expansion.accept(a);
        final int word = a.words()[1];
        // The expansion is assembled at PC + 2 (word aligned); decode it as if it were at PC.
        final long expected = Decoder.decode(word, PC, RAM_HALFWORDS);
        final long decoded = Decoder.decode(half, PC, RAM_HALFWORDS);
        assertEquals(2, DecodedInstruction.length(decoded), String.format("length of 0x%04x", half));
        assertEquals(4, DecodedInstruction.length(expected));
        assertEquals(DecodedInstruction.op(expected) + Op.COMPRESSED, DecodedInstruction.op(decoded),
            String.format("0x%04x has a compressed op of its own", half));
        assertEquals(expected & ~LENGTH_MASK, DecodedInstruction.uncompressed(decoded) & ~LENGTH_MASK,
            String.format("0x%04x decodes as 0x%08x at 0x%08x", half, word, pcOfExpansion));
    }

    @Test
    void registerAndImmediateForms()
    {
        for (final int rd : new int[] {8, 9, 12, 15})
        {
            for (final int uimm : new int[] {4, 8, 16, 64, 512, 1020})
            {
                assertExpandsTo(Rvc.addi4spn(rd, uimm), a -> a.addi(rd, SP, uimm));
            }
            for (final int rs : new int[] {8, 11, 15})
            {
                for (final int uimm : new int[] {0, 4, 32, 64, 124})
                {
                    assertExpandsTo(Rvc.lw(rd, rs, uimm), a -> a.lw(rd, rs, uimm));
                    assertExpandsTo(Rvc.sw(rd, rs, uimm), a -> a.sw(rd, rs, uimm));
                }
                assertExpandsTo(Rvc.sub(rd, rs), a -> a.sub(rd, rd, rs));
                assertExpandsTo(Rvc.xor(rd, rs), a -> a.xor(rd, rd, rs));
                assertExpandsTo(Rvc.or(rd, rs), a -> a.or(rd, rd, rs));
                assertExpandsTo(Rvc.and(rd, rs), a -> a.and(rd, rd, rs));
            }
            for (final int shamt : new int[] {0, 1, 17, 31})
            {
                assertExpandsTo(Rvc.srli(rd, shamt), a -> a.srli(rd, rd, shamt));
                assertExpandsTo(Rvc.srai(rd, shamt), a -> a.srai(rd, rd, shamt));
            }
            for (final int imm : new int[] {-32, -1, 0, 1, 31})
            {
                assertExpandsTo(Rvc.andi(rd, imm), a -> a.andi(rd, rd, imm));
            }
        }
        for (final int rd : new int[] {0, 1, 2, 5, 31})
        {
            for (final int imm : new int[] {-32, -7, 0, 1, 31})
            {
                assertExpandsTo(Rvc.addi(rd, imm), a -> a.addi(rd, rd, imm));
                assertExpandsTo(Rvc.li(rd, imm), a -> a.addi(rd, ZERO, imm));
                if (imm != 0 && rd != SP)
                {
                    assertExpandsTo(Rvc.lui(rd, imm), a -> a.lui(rd, imm & 0xFFFFF));
                }
            }
            for (final int shamt : new int[] {0, 1, 31})
            {
                assertExpandsTo(Rvc.slli(rd, shamt), a -> a.slli(rd, rd, shamt));
            }
            for (final int rs : new int[] {1, 2, 10, 31})
            {
                assertExpandsTo(Rvc.mv(rd, rs), a -> a.add(rd, ZERO, rs));
                assertExpandsTo(Rvc.add(rd, rs), a -> a.add(rd, rd, rs));
            }
            for (final int uimm : new int[] {0, 4, 60, 128, 252})
            {
                if (rd != 0)
                {
                    assertExpandsTo(Rvc.lwsp(rd, uimm), a -> a.lw(rd, SP, uimm));
                }
                assertExpandsTo(Rvc.swsp(rd, uimm), a -> a.sw(rd, SP, uimm));
            }
            if (rd != 0)
            {
                assertExpandsTo(Rvc.jr(rd), a -> a.jalr(ZERO, rd, 0));
                assertExpandsTo(Rvc.jalr(rd), a -> a.jalr(RA, rd, 0));
            }
        }
        for (final int imm : new int[] {-512, -16, 16, 496})
        {
            assertExpandsTo(Rvc.addi16sp(imm), a -> a.addi(SP, SP, imm));
        }
        assertExpandsTo(Rvc.NOP, a -> a.addi(ZERO, ZERO, 0));
        final long ebreak = Decoder.decode(Rvc.EBREAK, PC, RAM_HALFWORDS);
        assertEquals(Op.SYSTEM, DecodedInstruction.op(ebreak));
        assertEquals(Op.SYS_EBREAK, DecodedInstruction.aux(ebreak));
        assertEquals(2, DecodedInstruction.length(ebreak));
    }

    @Test
    void jumpsAndBranchesHaveAbsoluteTargets()
    {
        for (final int offset : new int[] {-2048, -1000, -2, 0, 2, 6, 1024, 2046})
        {
            assertExpandsTo(Rvc.j(offset), a -> a.jal(ZERO, offset));
            assertExpandsTo(Rvc.jal(offset), a -> a.jal(RA, offset));
        }
        for (final int rs : new int[] {8, 12, 15})
        {
            for (final int offset : new int[] {-256, -130, -2, 0, 2, 10, 254})
            {
                assertExpandsTo(Rvc.beqz(rs, offset), a -> a.beq(rs, ZERO, offset));
                assertExpandsTo(Rvc.bnez(rs, offset), a -> a.bne(rs, ZERO, offset));
            }
        }
    }

    @Test
    void aJumpOutOfRamIsCold()
    {
        final int lastHalfword = MemoryMap.RAM_BASE + 2 * (RAM_HALFWORDS - 1);
        assertEquals(Op.BRANCH_COLD, DecodedInstruction.op(Decoder.decode(Rvc.j(2), lastHalfword, RAM_HALFWORDS)));
        assertEquals(Op.BRANCH_COLD, DecodedInstruction.op(Decoder.decode(Rvc.beqz(8, -4), MemoryMap.RAM_BASE + 2, RAM_HALFWORDS)));
        assertEquals(Op.COMPRESSED + Op.BEQ, DecodedInstruction.op(Decoder.decode(Rvc.beqz(8, -2), MemoryMap.RAM_BASE + 2, RAM_HALFWORDS)));
    }

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(strings = {
        "0000", // c.addi4spn with uimm 0: the defined illegal instruction
        "2000", // c.fld
        "6000", // c.flw
        "8000", // reserved
        "a000", // c.fsd
        "e000", // c.fsw
        "6101", // c.addi16sp with imm 0
        "6081", // c.lui with imm 0
        "9001", // c.srli with shamt[5]
        "9401", // c.srai with shamt[5]
        "9c01", // c.subw (RV64)
        "9c21", // c.addw (RV64)
        "9c41", // reserved
        "1002", // c.slli with shamt[5]
        "2002", // c.fldsp
        "4002", // c.lwsp with rd x0
        "6002", // c.flwsp
        "8002", // c.jr with rs1 x0
        "a002", // c.fsdsp
        "e002", // c.fswsp
    })
    void reservedAndFloatingPointEncodingsAreIllegalWithTheirSixteenBits(final String hex)
    {
        final int half = Integer.parseInt(hex, 16);
        // The halfword after it is another instruction: only these 16 bits belong to this one.
        final long d = Decoder.decode(0x72b8_0000 | half, PC, RAM_HALFWORDS);
        assertEquals(Op.ILLEGAL, DecodedInstruction.op(d));
        assertEquals(half, DecodedInstruction.imm(d));
        assertEquals(2, DecodedInstruction.length(d));
    }
}
