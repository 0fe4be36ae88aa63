package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.CODE;
import static io.tandem.engine.cpu.Harness.DATA;
import static io.tandem.engine.cpu.Harness.HANDLER_INSTRUCTIONS;
import static io.tandem.engine.cpu.Harness.PREAMBLE_INSTRUCTIONS;
import static io.tandem.engine.cpu.Harness.runPassing;
import static io.tandem.engine.cpu.Harness.runToTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.asm.Rvc;
import io.tandem.engine.machine.HaltReason;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.machine.StopReason;
import io.tandem.engine.mem.MemoryMap;

/**
 * Synchronous exceptions: causes, mepc, mtval, the mstatus stack, privilege changes, MRET, mtvec
 * modes, instructions that trap not retiring, and lockup when a handler cannot run.
 */
class TrapTest
{
    private static final int BODY = CODE + 4 * PREAMBLE_INSTRUCTIONS;
    private static final int UNMAPPED = 0x4000_0000;

    // ------------------------------------------------------------------ environment calls and breakpoints

    @Test
    void ecallFromMachineModeRaisesCauseElevenWithZeroMtval()
    {
        final int[] ecallAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, 0x1234);
            a.csrw(Csr.MTVAL, T0); // the trap must overwrite it
            ecallAt[0] = a.pc();
            a.ecall();
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(TrapCause.ECALL_FROM_M, c.peek(Csr.MCAUSE));
            assertEquals(ecallAt[0], c.peek(Csr.MEPC));
            assertEquals(0, c.peek(Csr.MTVAL));
            assertEquals(Privilege.MACHINE, mpp(m));
            assertEquals(Privilege.MACHINE, c.privilege());
        }
    }

    @Test
    void ecallFromUserModeRaisesCauseEightAndSwitchesToMachineMode()
    {
        final int[] ecallAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            Harness.enterUser(a, user);
            a.bind(user);
            ecallAt[0] = a.pc();
            a.ecall();
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(TrapCause.ECALL_FROM_U, c.peek(Csr.MCAUSE));
            assertEquals(ecallAt[0], c.peek(Csr.MEPC));
            assertEquals(0, c.peek(Csr.MTVAL));
            assertEquals(Privilege.USER, mpp(m));
            assertEquals(Privilege.MACHINE, c.privilege());
        }
    }

    @Test
    void ebreakSetsMtvalToItsPc()
    {
        try (Machine m = runToTrap(a ->
        {
            a.nop();
            a.ebreak();
        }))
        {
            assertEquals(TrapCause.BREAKPOINT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(BODY + 4, m.cpu().control().peek(Csr.MEPC));
            assertEquals(BODY + 4, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    // ------------------------------------------------------------------ retirement

    @Test
    void trappingInstructionDoesNotRetire()
    {
        try (Machine m = runToTrap(a ->
        {
            a.nop();
            a.ecall();
        }))
        {
            assertEquals(PREAMBLE_INSTRUCTIONS + 1 + HANDLER_INSTRUCTIONS, m.icount());
        }
    }

    @Test
    void budgetOfOneAtATrappingInstructionRetiresTheHandlersFirstInstruction()
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("handler");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.ebreak();
        a.bind(handler);
        a.li(A0, 1);
        a.li(A1, 2);
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.BUDGET, m.run(3));
            assertEquals(CODE + 12, m.cpu().pc());
            assertEquals(StopReason.BUDGET, m.run(1));
            assertEquals(4, m.icount());
            assertEquals(1, m.cpu().register(A0));
            assertEquals(handler.address() + 4, m.cpu().pc());
            assertEquals(TrapCause.BREAKPOINT, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    @Test
    void instretDoesNotCountTheTrappingInstruction()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            a.csrr(A1, Csr.MINSTRET);  // the handler's first instruction
            Harness.skipAndReturn(a);
            a.bind(main);
            a.csrr(A0, Csr.MINSTRET);
            a.ecall();
        }))
        {
            assertEquals(1, m.cpu().register(A1) - m.cpu().register(A0),
                "only the csrr before the ecall retired between the two reads");
        }
    }

    // ------------------------------------------------------------------ illegal instructions

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(strings = {
        "00000000", // all zeros: defined illegal
        "ffffffff", // all ones
        "0000000b", // custom-0
        "0000003b", // OP-32 (RV64 only)
        "00002007", // FLW (no F)
        "00001067", // JALR with funct3 != 0
        "00002063", // branch funct3 2
        "00003003", // LD (RV64)
        "00006003", // LWU (RV64)
        "00003023", // SD (RV64)
        "0000200f", // MISC-MEM funct3 2
        "0000302f", // AMO funct3 3 (RV64 .d)
        "2800202f", // AMO funct5 0x05
        "00004073", // SYSTEM funct3 4
        "10200073", // sret (no S-mode)
        "00200073", // uret
        "12000073", // sfence.vma
        "7b200073", // dret
        "000000f3", // ecall with rd != 0
        "00100173", // ebreak with rd != 0
        "302000f3", // mret with rd != 0
        "10508073", // wfi with rs1 != 0
        "04000033", // OP funct7 2
        "40001033", // OP funct7 0x20 funct3 1
        "40006033", // OP funct7 0x20 funct3 6
        "40001013", // SLLI funct7 0x20
        "20005013", // SRLI funct7 0x10
        "02051513", // SLLI shamt[5] set
    })
    void illegalInstructionPutsTheInstructionBitsInMtval(final String hex)
    {
        final int word = Integer.parseUnsignedInt(hex, 16);
        try (Machine m = runToTrap(a ->
        {
            a.li(A0, 55);
            a.word(word);
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, c.peek(Csr.MCAUSE));
            assertEquals(word, c.peek(Csr.MTVAL));
            assertEquals(BODY + 4, c.peek(Csr.MEPC));
            assertEquals(55, m.cpu().register(A0));
        }
    }

    @Test
    void mretInUserModeIsIllegal()
    {
        final int[] mretAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            Harness.enterUser(a, user);
            a.bind(user);
            mretAt[0] = a.pc();
            a.mret();
        }))
        {
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(0x3020_0073, m.cpu().control().peek(Csr.MTVAL));
            assertEquals(mretAt[0], m.cpu().control().peek(Csr.MEPC));
            assertEquals(Privilege.USER, mpp(m));
        }
    }

    // ------------------------------------------------------------------ memory exceptions

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void misalignedLoadsInRamArePerformedLittleEndian(final int misalignment)
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 0x8483_8281);
            a.sw(T1, T0, 0);
            a.li(T1, 0x8887_8685);
            a.sw(T1, T0, 4);
            a.lw(A0, T0, misalignment);
            a.lh(A1, T0, misalignment);
            a.lhu(A2, T0, misalignment);
        }))
        {
            final long bytes = 0x8887_8685_8483_8281L >>> (8 * misalignment);
            assertEquals((int)bytes, m.cpu().register(A0));
            assertEquals((short)bytes, m.cpu().register(A1));
            assertEquals((int)bytes & 0xFFFF, m.cpu().register(A2));
        }
    }

    @Test
    void misalignedStoresInRamArePerformedAndOnlyTheirBytesChange()
    {
        final int[][] cases = {{4, 1}, {4, 2}, {4, 3}, {2, 1}, {2, 3}};
        for (final int[] c : cases)
        {
            try (Machine m = runPassing(a ->
            {
                a.li(T0, DATA);
                a.li(T1, 0x4433_2211);
                if (c[0] == 4)
                {
                    a.sw(T1, T0, c[1]);
                }
                else
                {
                    a.sh(T1, T0, c[1]);
                }
            }))
            {
                final long written = (c[0] == 4 ? 0x4433_2211L : 0x2211L) << (8 * c[1]);
                assertEquals((int)written, m.ram().getInt(DATA), "size " + c[0] + " at +" + c[1]);
                assertEquals((int)(written >>> 32), m.ram().getInt(DATA + 4));
            }
        }
    }

    @Test
    void misalignedStoreFromTheEndOfAPageRewritesCodeOnTheNextOne()
    {
        // sw to the last byte of a page: one byte there (the top byte of a nop, written with its
        // own value) and three on the next page, the low three of the addi that starts it.
        final int[] patchedAt = new int[1];
        try (Machine m = runPassing(a ->
        {
            final Label patched = a.newLabel("patched");
            final Label done = a.newLabel("done");
            a.li(S0, 0);
            a.li(S1, 0);
            a.la(T1, patched);
            a.li(T0, (Harness.encode(b -> b.addi(A0, ZERO, 10)) & 0xFF_FFFF) << 8);
            a.j(patched);
            while ((a.pc() & 0xFFF) != 0)
            {
                a.nop();
            }
            a.bind(patched);
            patchedAt[0] = a.pc();
            a.addi(A0, ZERO, 1);
            a.add(S1, S1, A0);
            a.addi(S0, S0, 1);
            a.li(T2, 2);
            a.beq(S0, T2, done);
            a.sw(T0, T1, -1);
            a.j(patched);
            a.bind(done);
        }))
        {
            assertEquals(1 + 10, m.cpu().register(S1), "the second pass ran the rewritten addi");
            assertEquals(Harness.encode(b -> b.nop()), m.ram().getInt(patchedAt[0] - 4));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void misalignedAccessAcrossTheEndOfRamIsAnAccessFaultAtTheEndOfRam(final int before)
    {
        final int end = CODE + Harness.RAM_BYTES;
        for (final boolean store : new boolean[] {false, true})
        {
            try (Machine m = runToTrap(a ->
            {
                a.li(T0, end - before);
                a.li(T1, -1);
                a.li(A0, 77);
                if (store)
                {
                    a.sw(T1, T0, 0);
                }
                else
                {
                    a.lw(A0, T0, 0);
                }
            }))
            {
                final HartControl c = m.cpu().control();
                assertEquals(store ? TrapCause.STORE_ACCESS_FAULT : TrapCause.LOAD_ACCESS_FAULT, c.peek(Csr.MCAUSE));
                assertEquals(end, c.peek(Csr.MTVAL), "the part that faulted");
                assertEquals(77, m.cpu().register(A0), "rd unchanged");
                assertEquals(0, m.ram().getInt(end - 4), "a faulting store writes nothing");
            }
        }
    }

    @Test
    void misalignedAccessToADeviceIsAnAccessFault()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, MemoryMap.CLINT_BASE + 0xBFF8 + 2);
            a.lw(A0, T0, 0);
        }))
        {
            assertEquals(TrapCause.LOAD_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(MemoryMap.CLINT_BASE + 0xBFF8 + 2, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000_0004, 0x0000_0008, UNMAPPED, CODE + Harness.RAM_BYTES, 0x7FFF_FFFC, 0xFFFF_FFFC})
    void loadFromUnmappedAddressIsAnAccessFault(final int address)
    {
        for (int size = 1; size <= 4; size *= 2)
        {
            final int width = size;
            try (Machine m = runToTrap(a ->
            {
                a.li(T0, address);
                a.li(A0, 66);
                switch (width)
                {
                    case 1: a.lbu(A0, T0, 0); break;
                    case 2: a.lh(A0, T0, 0); break;
                    default: a.lw(A0, T0, 0); break;
                }
            }))
            {
                assertEquals(TrapCause.LOAD_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE), "size " + width);
                assertEquals(address, m.cpu().control().peek(Csr.MTVAL));
                assertEquals(66, m.cpu().register(A0));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000_0004, 0x0000_0008, UNMAPPED, CODE + Harness.RAM_BYTES, 0x7FFF_FFFC, 0xFFFF_FFFC})
    void storeToUnmappedAddressIsAnAccessFault(final int address)
    {
        for (int size = 1; size <= 4; size *= 2)
        {
            final int width = size;
            try (Machine m = runToTrap(a ->
            {
                a.li(T0, address);
                switch (width)
                {
                    case 1: a.sb(T0, T0, 0); break;
                    case 2: a.sh(T0, T0, 0); break;
                    default: a.sw(T0, T0, 0); break;
                }
            }))
            {
                assertEquals(TrapCause.STORE_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE), "size " + width);
                assertEquals(address, m.cpu().control().peek(Csr.MTVAL));
            }
        }
    }

    @Test
    void lastWordOfRamIsAccessibleAndTheNextIsNot()
    {
        final int last = CODE + Harness.RAM_BYTES - 4;
        try (Machine m = runPassing(a ->
        {
            a.li(T0, last);
            a.li(T1, 0x0102_0304);
            a.sw(T1, T0, 0);
            a.lw(A0, T0, 0);
            a.lhu(A1, T0, 2);
            a.lbu(A2, T0, 3);
        }))
        {
            assertEquals(0x0102_0304, m.cpu().register(A0));
            assertEquals(0x0102, m.cpu().register(A1));
            assertEquals(0x01, m.cpu().register(A2));
        }
    }

    // ------------------------------------------------------------------ control transfers

    @Test
    void jumpToUnmappedAddressRetiresThenFaultsOnFetch()
    {
        final int[] linkAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, UNMAPPED);
            a.jalr(RA, T0, 0);
            linkAt[0] = a.pc();
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(TrapCause.INSTRUCTION_ACCESS_FAULT, c.peek(Csr.MCAUSE));
            assertEquals(UNMAPPED, c.peek(Csr.MEPC));
            assertEquals(UNMAPPED, c.peek(Csr.MTVAL));
            assertEquals(linkAt[0], m.cpu().register(RA), "the jump retired and linked");
        }
    }

    @Test
    void jalOutOfRamRetiresThenFaultsOnFetch()
    {
        final int[] linkAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            a.jal(RA, -(4 * PREAMBLE_INSTRUCTIONS + 4)); // CODE - 4, just below RAM
            linkAt[0] = a.pc();
        }))
        {
            assertEquals(TrapCause.INSTRUCTION_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(CODE - 4, m.cpu().control().peek(Csr.MEPC));
            assertEquals(CODE - 4, m.cpu().control().peek(Csr.MTVAL));
            assertEquals(linkAt[0], m.cpu().register(RA));
        }
    }

    @Test
    void aThirtyTwoBitInstructionInTheLastHalfwordOfRamFaultsAtTheEndOfRam()
    {
        // The instruction starts in RAM and its second half lies past it: mepc is its start,
        // mtval the part that faulted (the privileged spec, for variable-length instructions).
        final int end = CODE + Harness.RAM_BYTES;
        final Assembler handler = new Assembler(CODE);
        Harness.fail(handler, Harness.TRAP_EXIT_CODE);
        final Assembler tail = new Assembler(end - 16);
        tail.li(T0, CODE);
        tail.csrw(Csr.MTVEC, T0);
        tail.nop();
        tail.halves(Rvc.li(A0, 3), 0);
        try (Machine m = Harness.newMachine())
        {
            handler.loadInto(m);
            tail.loadInto(m);
            m.writeRam(end - 2, new byte[] {0x13, 0x00}, 0, 2); // the first half of an addi
            Harness.runToHalt(m);
            assertEquals(HaltReason.FAILED, m.haltReason(), m.haltMessage());
            assertEquals(TrapCause.INSTRUCTION_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(end - 2, m.cpu().control().peek(Csr.MEPC));
            assertEquals(end, m.cpu().control().peek(Csr.MTVAL));
            assertEquals(3, m.cpu().register(A0), "the compressed instruction before it retired");
        }
    }

    @Test
    void aCompressedInstructionInTheLastHalfwordOfRamRuns()
    {
        final int end = CODE + Harness.RAM_BYTES;
        final Assembler handler = new Assembler(CODE);
        Harness.fail(handler, Harness.TRAP_EXIT_CODE);
        final Assembler tail = new Assembler(end - 16);
        tail.li(T0, CODE);
        tail.csrw(Csr.MTVEC, T0);
        tail.nop();
        tail.halves(Rvc.li(A0, 3), Rvc.addi(A0, 4));
        try (Machine m = Harness.newMachine())
        {
            handler.loadInto(m);
            tail.loadInto(m);
            Harness.runToHalt(m);
            assertEquals(TrapCause.INSTRUCTION_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(end, m.cpu().control().peek(Csr.MEPC));
            assertEquals(end, m.cpu().control().peek(Csr.MTVAL));
            assertEquals(7, m.cpu().register(A0));
        }
    }

    @Test
    void anIllegalCompressedInstructionPutsItsSixteenBitsInMtvalAndMepcAtItsHalfword()
    {
        try (Machine m = runToTrap(a ->
        {
            a.halves(Rvc.li(A0, 5), 0x6000); // c.li, then c.flw: no F extension
            a.word(0x72b8_0001);
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, c.peek(Csr.MCAUSE));
            assertEquals(0x6000, c.peek(Csr.MTVAL));
            assertEquals(BODY + 2, c.peek(Csr.MEPC));
            assertEquals(5, m.cpu().register(A0));
        }
    }

    @Test
    void compressedEbreakAndJumpsLinkPastTwoBytes()
    {
        try (Machine m = runToTrap(a ->
        {
            a.halves(Rvc.jal(4), Rvc.NOP); // c.jal over the c.nop: ra = BODY + 2
            a.halves(Rvc.mv(A0, RA), Rvc.EBREAK);
        }))
        {
            final HartControl c = m.cpu().control();
            assertEquals(TrapCause.BREAKPOINT, c.peek(Csr.MCAUSE));
            assertEquals(BODY + 6, c.peek(Csr.MEPC));
            assertEquals(BODY + 6, c.peek(Csr.MTVAL));
            assertEquals(BODY + 2, m.cpu().register(A0));
        }
    }

    @Test
    void executionRunningOffTheEndOfRamFaultsOnFetch()
    {
        final int end = CODE + Harness.RAM_BYTES;
        final Assembler handler = new Assembler(CODE);
        Harness.fail(handler, Harness.TRAP_EXIT_CODE);
        final Assembler tail = new Assembler(end - 16);
        tail.li(T0, CODE);
        tail.csrw(Csr.MTVEC, T0);
        tail.nop();
        tail.nop();
        try (Machine m = Harness.newMachine())
        {
            handler.loadInto(m);
            tail.loadInto(m);
            Harness.runToHalt(m);
            assertEquals(HaltReason.FAILED, m.haltReason(), m.haltMessage());
            assertEquals(TrapCause.INSTRUCTION_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(end, m.cpu().control().peek(Csr.MEPC));
            assertEquals(end, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @Test
    void jalToAHalfwordTargetRunsTheCompressedInstructionThere()
    {
        // IALIGN 16: a target at a halfword is no misaligned jump; it lands on the second half
        // of the word, a c.li, and the first half (c.ebreak) never runs.
        try (Machine m = runPassing(a ->
        {
            a.li(A0, 1);
            a.jal(RA, 10);
            a.nop();
            a.halves(Rvc.EBREAK, Rvc.li(A0, 7));
            a.halves(Rvc.NOP, Rvc.NOP);
        }))
        {
            assertEquals(7, m.cpu().register(A0));
            assertEquals(CODE + 8, m.cpu().register(RA), "the link is the jal's pc + 4");
        }
    }

    @Test
    void takenBranchToAHalfwordTargetRunsTheInstructionThere()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, 1);
            a.beq(ZERO, ZERO, 10);
            a.nop();
            a.halves(Rvc.EBREAK, Rvc.addi(A0, 5));
            a.halves(Rvc.NOP, Rvc.NOP);
        }))
        {
            assertEquals(6, m.cpu().register(A0));
        }
    }

    @Test
    void untakenBranchOutOfRamDoesNothing()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, 1);
            a.bne(ZERO, ZERO, -(4 * 2)); // CODE - 4 if taken
            a.li(A0, 2);
        }))
        {
            assertEquals(2, m.cpu().register(A0));
        }
    }

    @Test
    void jalrToAHalfwordTargetClearsBitZeroAndRunsTheInstructionThere()
    {
        for (final int low : new int[] {2, 3})
        {
            final int[] jumpAt = new int[1];
            try (Machine m = runPassing(a ->
            {
                final Label target = a.newLabel("target");
                a.la(T0, target);
                a.li(A0, 1);
                jumpAt[0] = a.pc();
                a.jalr(RA, T0, low);
                a.nop();
                a.bind(target);
                a.halves(Rvc.EBREAK, Rvc.addi(A0, 9));
                a.halves(Rvc.NOP, Rvc.NOP);
            }))
            {
                assertEquals(10, m.cpu().register(A0), "low bits " + low);
                assertEquals(jumpAt[0] + 4, m.cpu().register(RA));
            }
        }
    }

    @Test
    void jalrToAnUnmappedHalfwordFaultsOnTheFetchThere()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, UNMAPPED + 2);
            a.jalr(RA, T0, 0);
        }))
        {
            assertEquals(TrapCause.INSTRUCTION_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(UNMAPPED + 2, m.cpu().control().peek(Csr.MEPC));
            assertEquals(UNMAPPED + 2, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    // ------------------------------------------------------------------ mstatus stack and MRET

    @Test
    void trapEntryStacksMieIntoMpieAndRecordsThePreviousPrivilege()
    {
        try (Machine m = runToTrap(a ->
        {
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE); // mie CSR is 0: no interrupt can be taken
            a.ecall();
        }))
        {
            final int mstatus = m.cpu().control().peek(Csr.MSTATUS);
            assertEquals(0, mstatus & Csr.MSTATUS_MIE);
            assertEquals(Csr.MSTATUS_MPIE, mstatus & Csr.MSTATUS_MPIE);
            assertEquals(Privilege.MACHINE, mpp(m));
        }
    }

    @Test
    void trapEntryWithInterruptsDisabledClearsMpie()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, Csr.MSTATUS_MPIE);
            a.csrw(Csr.MSTATUS, T0);
            a.ecall();
        }))
        {
            assertEquals(0, m.cpu().control().peek(Csr.MSTATUS) & (Csr.MSTATUS_MPIE | Csr.MSTATUS_MIE));
        }
    }

    @Test
    void mretRestoresMieFromMpieSetsMpieAndClearsMpp()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            a.csrr(A1, Csr.MSTATUS);     // inside: MIE 0, MPIE 1, MPP M
            Harness.skipAndReturn(a);
            a.bind(main);
            a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);
            a.ecall();
            a.csrr(A0, Csr.MSTATUS);     // after mret
        }))
        {
            final int inside = m.cpu().register(A1);
            assertEquals(Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP, inside & (Csr.MSTATUS_MIE | Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP));
            final int after = m.cpu().register(A0);
            assertEquals(Csr.MSTATUS_MIE | Csr.MSTATUS_MPIE, after & (Csr.MSTATUS_MIE | Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP));
            assertEquals(Privilege.MACHINE, m.cpu().control().privilege());
        }
    }

    @Test
    void mretSetsMpieEvenWhenItWasClearAndLeavesMieClear()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            a.csrr(A1, Csr.MSTATUS);     // inside: MIE 0, MPIE 0 (MIE was 0 at the trap)
            Harness.skipAndReturn(a);
            a.bind(main);
            a.ecall();
            a.csrr(A0, Csr.MSTATUS);
        }))
        {
            final int fields = Csr.MSTATUS_MIE | Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP;
            assertEquals(Csr.MSTATUS_MPP, m.cpu().register(A1) & fields);
            assertEquals(Csr.MSTATUS_MPIE, m.cpu().register(A0) & fields);
        }
    }

    @Test
    void mretReturnsToMepcInThePrivilegeFromMpp()
    {
        final int[] userAt = new int[1];
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            Harness.enterUser(a, user);
            a.bind(user);
            userAt[0] = a.pc();
            a.auipc(A0, 0);
            a.ecall();
        }))
        {
            assertEquals(userAt[0], m.cpu().register(A0), "mret went to mepc");
            assertEquals(TrapCause.ECALL_FROM_U, m.cpu().control().peek(Csr.MCAUSE), "in U-mode");
        }
    }

    @Test
    void mretIntoUserModeClearsMprv()
    {
        try (Machine m = runToTrap(a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, Csr.MSTATUS_MPRV);
            a.csrs(Csr.MSTATUS, T0);
            Harness.enterUser(a, user);
            a.bind(user);
            a.ecall();
        }))
        {
            assertEquals(0, m.cpu().control().peek(Csr.MSTATUS) & Csr.MSTATUS_MPRV);
        }
    }

    @Test
    void mretIntoMachineModeKeepsMprv()
    {
        try (Machine m = runToTrap(a ->
        {
            final Label next = a.newLabel("next");
            a.li(T0, Csr.MSTATUS_MPRV | Csr.MSTATUS_MPP);
            a.csrs(Csr.MSTATUS, T0);
            a.la(T0, next);
            a.csrw(Csr.MEPC, T0);
            a.mret();
            a.bind(next);
            a.ecall();
        }))
        {
            assertEquals(Csr.MSTATUS_MPRV, m.cpu().control().peek(Csr.MSTATUS) & Csr.MSTATUS_MPRV);
        }
    }

    @Test
    void mepcAndMtvalAreWritableByTheHandlerAndMretUsesTheNewMepc()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            final Label resume = a.newLabel("resume");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            a.la(T0, resume);
            a.csrw(Csr.MEPC, T0);
            a.mret();
            a.bind(main);
            a.li(A0, 1);
            a.ebreak();
            a.li(A0, 2); // skipped
            a.bind(resume);
            a.addi(A0, A0, 10);
        }))
        {
            assertEquals(11, m.cpu().register(A0));
        }
    }

    // ------------------------------------------------------------------ mtvec modes

    @Test
    void directMtvecSendsExceptionsToBase()
    {
        try (Machine m = runToTrap(a -> a.ecall()))
        {
            assertEquals(TrapCause.ECALL_FROM_M, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    @Test
    void vectoredMtvecSendsExceptionsToBase()
    {
        try (Machine m = Harness.newMachine())
        {
            Harness.vectoredProgram(a -> a.ecall()).loadInto(m);
            Harness.runToHalt(m);
            assertEquals(HaltReason.FAILED, m.haltReason());
            assertEquals(Harness.VECTOR_EXIT_CODE, m.exitCode(), "exceptions go to the base in vectored mode");
            assertEquals(TrapCause.ECALL_FROM_M, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    // ------------------------------------------------------------------ lockup

    @Test
    void illegalInstructionWithMtvecZeroLocksUpAndHaltsWithAReport()
    {
        final Assembler a = new Assembler(CODE);
        a.li(A0, 1);
        a.word(0xFFFF_FFFF);
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.HALT, m.run(100));
            assertEquals(HaltReason.LOCKED_UP, m.haltReason());
            assertTrue(m.cpu().control().lockedUp());
            assertEquals(1, m.icount());
            final String message = m.haltMessage();
            assertEquals(m.cpu().control().lockupReport(), message);
            assertTrue(message.contains("illegal instruction"), message);
            assertTrue(message.contains("0x80000004"), message);
            assertTrue(message.contains("0xffffffff"), message);
            assertTrue(message.contains("instruction access fault"), message);
            assertTrue(message.contains("0x00000000"), message);
            assertEquals(StopReason.HALT, m.run(100), "a halted machine stays halted");
            assertEquals(1, m.icount());
        }
    }

    @Test
    void handlerWhoseFirstInstructionTrapsLocksUp()
    {
        final Assembler a = new Assembler(CODE);
        final Label handler = a.newLabel("handler");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.ecall();
        a.bind(handler);
        a.ebreak();
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.HALT, m.run(100));
            assertEquals(HaltReason.LOCKED_UP, m.haltReason());
            final String message = m.haltMessage();
            assertTrue(message.contains("environment call from M-mode"), message);
            assertTrue(message.contains("breakpoint"), message);
            assertTrue(message.contains(String.format("0x%08x", handler.address())), message);
        }
    }

    @Test
    void jumpToUnmappedWithMtvecZeroLocksUp()
    {
        final Assembler a = new Assembler(CODE);
        a.li(T0, UNMAPPED);
        a.jalr(ZERO, T0, 0);
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.HALT, m.run(100));
            assertEquals(HaltReason.LOCKED_UP, m.haltReason());
            assertTrue(m.haltMessage().contains("instruction access fault"), m.haltMessage());
        }
    }

    @Test
    void handlerThatRetiresBeforeTrappingAgainDoesNotLockUp()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            final Label done = a.newLabel("done");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            a.addi(S0, S0, 1);      // one instruction retires, then the handler traps again
            a.li(T0, 3);
            a.beq(S0, T0, done);
            a.ecall();
            a.bind(main);
            a.li(S0, 0);
            a.ebreak();
            a.bind(done);
        }))
        {
            assertEquals(3, m.cpu().register(S0));
            assertFalse(m.cpu().control().lockedUp());
            assertEquals(TrapCause.ECALL_FROM_M, m.cpu().control().peek(Csr.MCAUSE));
        }
    }

    @Test
    void userModeEcallWithUnmappedHandlerLocksUp()
    {
        final Assembler a = new Assembler(CODE);
        final Label user = a.newLabel("user");
        a.li(T0, UNMAPPED);
        a.csrw(Csr.MTVEC, T0);
        Harness.enterUser(a, user);
        a.bind(user);
        a.ecall();
        try (Machine m = Harness.newMachine())
        {
            a.loadInto(m);
            assertEquals(StopReason.HALT, m.run(100));
            assertEquals(HaltReason.LOCKED_UP, m.haltReason());
            assertTrue(m.haltMessage().contains("environment call from U-mode"), m.haltMessage());
        }
    }

    private static int mpp(final Machine m)
    {
        return (m.cpu().control().peek(Csr.MSTATUS) & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT;
    }
}
