package io.tandem.engine.asm;

import static io.tandem.engine.asm.Assembler.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

import io.tandem.engine.cpu.Csr;
import io.tandem.engine.dev.SeededEntropy;
import io.tandem.engine.dev.StreamConsoleSink;
import io.tandem.engine.dev.VirtualClock;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.MachineContext;
import io.tandem.engine.machine.StopReason;

/**
 * Encodings checked against GNU as ({@code riscv64-unknown-elf-as -march=rv32ima_zicsr_zifencei},
 * {@code .option norvc}); the expected words were produced once with it and are fixed here so the
 * test needs no toolchain.
 */
class AssemblerTest
{
    private static final int ORIGIN = 0x8000_0000;

    @Test
    void everyInstructionMatchesGnuAs()
    {
        final Assembler a = new Assembler(0);
        final Label start = a.newLabel("start");
        final Label fwd = a.newLabel("fwd");
        a.bind(start);
        a.lui(A0, 0x12345);
        a.lui(T6, 0xFFFFF);
        a.auipc(S1, 0x80000);
        a.jal(RA, fwd);
        a.jal(X0, start);
        a.jalr(ZERO, RA, 0);
        a.jalr(T0, T1, -2048);
        a.jalr(S2, S3, 2047);
        a.beq(A0, A1, fwd);
        a.bne(T0, ZERO, start);
        a.blt(S0, S1, fwd);
        a.bge(A2, A3, start);
        a.bltu(T4, T5, fwd);
        a.bgeu(X31, X1, start);
        a.lb(A0, SP, -1);
        a.lh(A1, GP, 2047);
        a.lw(A2, TP, -2048);
        a.lbu(A3, S0, 0);
        a.lhu(A4, S11, 100);
        a.sb(A5, SP, -1);
        a.sh(A6, T0, 2047);
        a.sw(A7, T1, -2048);
        a.addi(A0, A0, -1);
        a.slti(T0, T1, -2048);
        a.sltiu(T2, T3, 2047);
        a.xori(S4, S5, -1);
        a.ori(S6, S7, 0x555);
        a.andi(S8, S9, 0xFF);
        a.slli(S10, S11, 31);
        a.srli(T3, T4, 1);
        a.srai(T5, T6, 31);
        a.add(X1, X2, X3);
        a.sub(X4, X5, X6);
        a.sll(X7, X8, X9);
        a.slt(X10, X11, X12);
        a.sltu(X13, X14, X15);
        a.xor(X16, X17, X18);
        a.srl(X19, X20, X21);
        a.sra(X22, X23, X24);
        a.or(X25, X26, X27);
        a.and(X28, X29, X30);
        a.fence();
        a.fenceI();
        a.ecall();
        a.ebreak();
        a.mret();
        a.wfi();
        a.mul(A0, A1, A2);
        a.mulh(A3, A4, A5);
        a.mulhsu(A6, A7, S2);
        a.mulhu(S3, S4, S5);
        a.div(T0, T1, T2);
        a.divu(S6, S7, S8);
        a.rem(S9, S10, S11);
        a.remu(T3, T4, T5);
        a.csrrw(A0, Csr.MSTATUS, A1);
        a.csrrs(ZERO, Csr.MTVEC, T0);
        a.csrrc(T1, Csr.MEPC, ZERO);
        a.csrrwi(A2, Csr.MSCRATCH, 31);
        a.csrrsi(ZERO, Csr.MIE, 8);
        a.csrrci(A3, 0xFFF, 1);
        a.lrW(A0, A1);
        a.scW(A2, A4, A3);
        a.amoswapW(T0, T2, T1);
        a.amoaddW(S0, S2, S1);
        a.amoxorW(A0, A2, A1);
        a.amoandW(A3, A5, A4);
        a.amoorW(A6, S3, A7);
        a.amominW(S4, S6, S5);
        a.amomaxW(S7, S9, S8);
        a.amominuW(S10, T3, S11);
        a.amomaxuW(T4, T6, T5);
        a.fence(0x3, 0x1);
        a.nop();
        a.ret();
        a.bind(fwd);
        a.nop();

        final int[] expected = {
            0x12345537, 0xffffffb7, 0x80000497, 0x120000ef, 0xff1ff06f, 0x00008067, 0x800302e7, 0x7ff98967,
            0x10b50663, 0xfc029ee3, 0x10944263, 0xfcd65ae3, 0x0feeee63, 0xfc1ff6e3, 0xfff10503, 0x7ff19583,
            0x80022603, 0x00044683, 0x064dd703, 0xfef10fa3, 0x7f029fa3, 0x81132023, 0xfff50513, 0x80032293,
            0x7ffe3393, 0xfffaca13, 0x555beb13, 0x0ffcfc13, 0x01fd9d13, 0x001ede13, 0x41ffdf13, 0x003100b3,
            0x40628233, 0x009413b3, 0x00c5a533, 0x00f736b3, 0x0128c833, 0x015a59b3, 0x418bdb33, 0x01bd6cb3,
            0x01eefe33, 0x0ff0000f, 0x0000100f, 0x00000073, 0x00100073, 0x30200073, 0x10500073, 0x02c58533,
            0x02f716b3, 0x0328a833, 0x035a39b3, 0x027342b3, 0x038bdb33, 0x03bd6cb3, 0x03eefe33, 0x30059573,
            0x3052a073, 0x34103373, 0x340fd673, 0x30446073, 0xfff0f6f3, 0x1005a52f, 0x18d7262f, 0x0863a2af,
            0x0099242f, 0x20b6252f, 0x60e7a6af, 0x4119a82f, 0x815b2a2f, 0xa18cabaf, 0xc1be2d2f, 0xe1efaeaf,
            0x0310000f, 0x00000013, 0x00008067, 0x00000013,
        };
        assertWords(expected, a.words());
        assertEquals(0x12C, fwd.address());
    }

    @Test
    void liAndLaMatchGnuAs()
    {
        final Assembler a = new Assembler(ORIGIN);
        final Label start = a.newLabel("start");
        final Label far = a.newLabel("far");
        a.bind(start);
        a.li(A0, 0);
        a.li(A1, -1);
        a.li(A2, 2047);
        a.li(A3, -2048);
        a.li(A4, 2048);
        a.li(A5, 0x12345678);
        a.li(T0, 0x8000_0000);
        a.li(T1, 0x7FFF_FFFF);
        a.li(T2, 0xFFFF_F7FF);
        a.li(S0, 0x1234_5000);
        a.li(S1, 0x1234_5800);
        a.li(S2, 0xDEAD_BEEF);
        a.la(A0, far);
        a.la(A1, start);
        for (int i = 0; i < 0x1000 / 4; i++)
        {
            a.word(0);
        }
        a.nop();
        for (int i = 0; i < 0x7F0 / 4; i++)
        {
            a.word(0);
        }
        a.bind(far);
        a.nop();

        final int[] expected = {
            0x00000513, 0xfff00593, 0x7ff00613, 0x80000693, 0x00001737, 0x80070713, 0x123457b7, 0x67878793,
            0x800002b7, 0x80000337, 0xfff30313, 0xfffff3b7, 0x7ff38393, 0x12345437, 0x123464b7, 0x80048493,
            0xdeadc937, 0xeef90913, 0x00002517, 0x80450513, 0x00000597, 0xfb058593,
        };
        final int[] words = a.words();
        final int[] head = new int[expected.length];
        System.arraycopy(words, 0, head, 0, head.length);
        assertWords(expected, head);
        assertEquals(0x8000_184C, far.address());
        assertEquals(0x0000_0013, words[(0x8000_1058 - ORIGIN) / 4]);
        assertEquals(0x0000_0013, words[words.length - 1]);
    }

    @Test
    void liLoadsEveryInterestingValueOnTheMachine()
    {
        final int[] values = {
            0, 1, -1, 2047, -2048, 2048, -2049, 0x7FF, 0x800, 0xFFF, 0x1000, 0x7FFF_FFFF, 0x8000_0000,
            0x8000_0800, 0x7FFF_F800, 0xFFFF_F800, 0xFFFF_F7FF, 0x1234_5678, 0xDEAD_BEEF, 0x0000_0801,
        };
        final Assembler a = new Assembler(ORIGIN);
        for (int i = 0; i < values.length; i++)
        {
            a.li(1 + i, values[i]);
        }
        final Label done = a.newLabel();
        a.bind(done);
        a.j(done);
        try (Machine m = newMachine())
        {
            a.loadInto(m);
            m.run(a.size() - 1);
            assertEquals(done.address(), m.cpu().pc());
            for (int i = 0; i < values.length; i++)
            {
                assertEquals(values[i], m.cpu().register(1 + i), "li x" + (1 + i));
            }
        }
    }

    @Test
    void liUsesOneInstructionWhenTheValueFitsAndTwoOtherwise()
    {
        assertEquals(1, new Assembler(0).li(A0, -2048).size());
        assertEquals(1, new Assembler(0).li(A0, 0x7000_0000).size());
        assertEquals(2, new Assembler(0).li(A0, 2048).size());
        assertEquals(2, new Assembler(0).li(A0, 0x1234_5678).size());
    }

    @Test
    void laLoadsTheLabelAddressOnTheMachine()
    {
        final Assembler a = new Assembler(ORIGIN + 0x100);
        final Label data = a.newLabel("data");
        final Label back = a.newLabel("back");
        a.bind(back);
        a.la(A0, data);
        a.la(A1, back);
        a.lw(A2, A0, 0);
        for (int i = 0; i < 700; i++)
        {
            a.nop();
        }
        a.bind(data);
        a.word(0xCAFE_F00D);
        try (Machine m = newMachine())
        {
            a.loadInto(m);
            assertEquals(ORIGIN + 0x100, m.cpu().pc());
            m.run(5);
            assertEquals(data.address(), m.cpu().register(A0));
            assertEquals(ORIGIN + 0x100, m.cpu().register(A1));
            assertEquals(0xCAFE_F00D, m.cpu().register(A2));
        }
    }

    @Test
    void offsetJumpsAndBranchesEncodeRawOffsets()
    {
        final Assembler a = new Assembler(0);
        a.jal(RA, 2);
        a.beq(A0, A1, -4096);
        a.bne(ZERO, ZERO, 4094);
        a.jal(ZERO, -(1 << 20));
        assertWords(new int[] {0x002000ef, 0x80b50063, 0x7e001fe3, 0x8000006f}, a.words());
    }

    @Test
    void pseudoInstructionsMatchGnuAs()
    {
        final Assembler a = new Assembler(0);
        final Label l24 = a.newLabel();
        final Label l1c = a.newLabel();
        a.csrsi(Csr.MSTATUS, 8);
        a.csrwi(Csr.MSCRATCH, 5);
        a.csrci(Csr.MIE, 8);
        a.csrr(A0, Csr.MCAUSE);
        a.csrw(Csr.MTVEC, T0);
        a.csrs(Csr.MSTATUS, T1);
        a.csrc(Csr.MIE, T2);
        a.bind(l1c);
        a.beqz(A0, l24);
        a.bnez(A1, l1c);
        a.bind(l24);
        a.mv(A2, A3);
        a.j(l24);
        a.call(l1c);
        assertWords(new int[] {
            0x30046073, 0x3402d073, 0x30447073, 0x34202573, 0x30529073, 0x30032073, 0x3043b073, 0x00050463,
            0xfe059ee3, 0x00068613, 0xffdff06f, 0xff1ff0ef,
        }, a.words());
    }

    @Test
    void bytesAreLittleEndianWords()
    {
        final Assembler a = new Assembler(0);
        a.word(0x0403_0201);
        a.word(0x0807_0605);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, a.bytes());
    }

    @Test
    void pcAdvancesByFourPerInstruction()
    {
        final Assembler a = new Assembler(0x8000_0010);
        assertEquals(0x8000_0010, a.pc());
        a.nop().li(A0, 0x1234_5678);
        assertEquals(0x8000_001C, a.pc());
        assertEquals(0x8000_0010, a.origin());
    }

    @Test
    void unboundLabelIsRejectedByName()
    {
        final Assembler a = new Assembler(0);
        a.j(a.newLabel("nowhere"));
        final IllegalStateException e = assertThrows(IllegalStateException.class, a::words);
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void branchOutOfReachIsRejectedByName()
    {
        final Assembler a = new Assembler(0);
        final Label far = a.newLabel("faraway");
        a.beq(A0, A1, far);
        for (int i = 0; i < 1024; i++)
        {
            a.nop();
        }
        a.bind(far);
        final IllegalStateException e = assertThrows(IllegalStateException.class, a::words);
        assertTrue(e.getMessage().contains("faraway"), e.getMessage());
    }

    @Test
    void branchAtTheEdgeOfReachIsAccepted()
    {
        final Assembler a = new Assembler(0);
        final Label edge = a.newLabel();
        a.beq(A0, A1, edge);
        for (int i = 0; i < 1022; i++)
        {
            a.nop();
        }
        a.bind(edge);
        assertEquals(4092, edge.address());
        assertEquals(0x7eb50ee3, a.words()[0]);
        a.words();
    }

    @Test
    void jalOutOfReachIsRejectedByName()
    {
        final Assembler a = new Assembler(0);
        final Label far = a.newLabel("distant");
        a.jal(RA, far);
        for (int i = 0; i < (1 << 18); i++)
        {
            a.word(0);
        }
        a.bind(far);
        final IllegalStateException e = assertThrows(IllegalStateException.class, a::words);
        assertTrue(e.getMessage().contains("distant"), e.getMessage());
    }

    @Test
    void bindingALabelTwiceIsRejected()
    {
        final Assembler a = new Assembler(0);
        final Label l = a.newLabel("twice");
        a.bind(l);
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.bind(l));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void operandsOutOfRangeAreRejected()
    {
        final Assembler a = new Assembler(0);
        assertThrows(IllegalArgumentException.class, () -> a.add(32, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> a.add(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> a.sub(0, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> a.addi(A0, A0, 2048));
        assertThrows(IllegalArgumentException.class, () -> a.addi(A0, A0, -2049));
        assertThrows(IllegalArgumentException.class, () -> a.sw(A0, A0, 2048));
        assertThrows(IllegalArgumentException.class, () -> a.lw(A0, A0, -2049));
        assertThrows(IllegalArgumentException.class, () -> a.jalr(A0, A0, 4096));
        assertThrows(IllegalArgumentException.class, () -> a.slli(A0, A0, 32));
        assertThrows(IllegalArgumentException.class, () -> a.srai(A0, A0, -1));
        assertThrows(IllegalArgumentException.class, () -> a.lui(A0, 0x10_0000));
        assertThrows(IllegalArgumentException.class, () -> a.auipc(A0, -0x8_0001));
        assertThrows(IllegalArgumentException.class, () -> a.csrrw(A0, 0x1000, A1));
        assertThrows(IllegalArgumentException.class, () -> a.csrrwi(A0, Csr.MSCRATCH, 32));
        assertThrows(IllegalArgumentException.class, () -> a.amoaddW(A0, 33, A1));
        assertThrows(IllegalArgumentException.class, () -> a.jal(RA, 3));
        assertThrows(IllegalArgumentException.class, () -> a.jal(RA, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> a.beq(A0, A1, 4096));
        assertThrows(IllegalArgumentException.class, () -> a.li(40, 1));
        assertThrows(IllegalArgumentException.class, () -> new Assembler(2));
        assertEquals(0, a.size(), "rejected instructions are not emitted");
    }

    @Test
    void loadIntoReplacesCodeTheMachineAlreadyDecoded()
    {
        try (Machine m = newMachine())
        {
            final Assembler first = new Assembler(ORIGIN);
            first.li(A0, 1).li(A0, 1);
            first.loadInto(m);
            assertEquals(StopReason.BUDGET, m.run(1));
            final Assembler second = new Assembler(ORIGIN);
            second.li(A0, 2).li(A0, 2);
            second.loadInto(m);
            m.run(1);
            assertEquals(2, m.cpu().register(A0));
        }
    }

    private static Machine newMachine()
    {
        return new Machine(new MachineContext()
            .ramMib(1)
            .clock(new VirtualClock())
            .entropy(new SeededEntropy(1))
            .consoleSink(new StreamConsoleSink(new ByteArrayOutputStream())));
    }

    private static void assertWords(final int[] expected, final int[] actual)
    {
        assertEquals(expected.length, actual.length, "word count");
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], actual[i], String.format(
                "word %d: expected %08x, got %08x", i, expected[i], actual[i]));
        }
    }
}
