package io.tandem.engine.cpu;

import static io.tandem.engine.asm.Assembler.*;
import static io.tandem.engine.cpu.Harness.DATA;
import static io.tandem.engine.cpu.Harness.runPassing;
import static io.tandem.engine.cpu.Harness.runToTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.machine.Machine;
import io.tandem.engine.mem.MemoryMap;

/** The A extension: LR/SC reservations and every AMO, on RAM; misaligned and device addresses trap. */
class AtomicsTest
{
    @Test
    void loadReservedThenStoreConditionalSucceedsAndStores()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 41);
            a.sw(T1, T0, 0);
            a.lrW(A0, T0);
            a.addi(A0, A0, 1);
            a.scW(A1, T0, A0);
        }))
        {
            assertEquals(0, m.cpu().register(A1), "sc.w writes 0 on success");
            assertEquals(42, m.ram().getInt(DATA));
        }
    }

    @Test
    void storeConditionalWithoutReservationFailsAndDoesNotStore()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 7);
            a.sw(T1, T0, 0);
            a.li(A0, 99);
            a.scW(A1, T0, A0);
        }))
        {
            assertEquals(1, m.cpu().register(A1), "sc.w writes 1 on failure");
            assertEquals(7, m.ram().getInt(DATA));
        }
    }

    @Test
    void storeConditionalToAnotherAddressFails()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, DATA + 4);
            a.lrW(A0, T0);
            a.li(A0, 99);
            a.scW(A1, T1, A0);
            a.scW(A2, T0, A0); // the failed sc.w consumed the reservation
        }))
        {
            assertEquals(1, m.cpu().register(A1));
            assertEquals(1, m.cpu().register(A2));
            assertEquals(0, m.ram().getInt(DATA + 4));
            assertEquals(0, m.ram().getInt(DATA));
        }
    }

    @Test
    void successfulStoreConditionalConsumesTheReservation()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.lrW(A0, T0);
            a.li(A0, 1);
            a.scW(A1, T0, A0);
            a.li(A0, 2);
            a.scW(A2, T0, A0);
        }))
        {
            assertEquals(0, m.cpu().register(A1));
            assertEquals(1, m.cpu().register(A2));
            assertEquals(1, m.ram().getInt(DATA));
        }
    }

    @Test
    void aLaterLoadReservedMovesTheReservation()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, DATA + 8);
            a.lrW(A0, T0);
            a.lrW(A0, T1);
            a.li(A0, 5);
            a.scW(A1, T1, A0);
        }))
        {
            assertEquals(0, m.cpu().register(A1));
            assertEquals(5, m.ram().getInt(DATA + 8));
        }
    }

    @Test
    void trapClearsTheReservation()
    {
        try (Machine m = runPassing(a ->
        {
            final Label handler = a.newLabel("handler");
            final Label main = a.newLabel("main");
            a.la(T0, handler);
            a.csrw(Csr.MTVEC, T0);
            a.j(main);
            a.bind(handler);
            Harness.skipAndReturn(a);
            a.bind(main);
            a.li(T0, DATA);
            a.lrW(A0, T0);
            a.ecall();           // trap and return: the reservation is gone
            a.li(A0, 9);
            a.scW(A1, T0, A0);
            a.lrW(A2, T0);       // without a trap the same sequence succeeds
            a.scW(A3, T0, A0);
        }))
        {
            assertEquals(1, m.cpu().register(A1));
            assertEquals(0, m.cpu().register(A3));
            assertEquals(9, m.ram().getInt(DATA));
        }
    }

    @Test
    void everyAmoReturnsTheOldValueAndStoresTheResult()
    {
        final int[] olds = {0, 1, -1, 5, -5, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x0F0F_F0F0};
        final int[] sources = {0, 1, -1, 3, -3, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x3C3C_3C3C};
        final String[] names = {"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"};
        final IntBinaryOperator[] ops = {
            (o, s) -> s,
            (o, s) -> o + s,
            (o, s) -> o ^ s,
            (o, s) -> o & s,
            (o, s) -> o | s,
            Math::min,
            Math::max,
            (o, s) -> Integer.compareUnsigned(o, s) <= 0 ? o : s,
            (o, s) -> Integer.compareUnsigned(o, s) >= 0 ? o : s,
        };
        for (int k = 0; k < names.length; k++)
        {
            final int kind = k;
            try (Machine m = runPassing(a ->
            {
                for (int i = 0; i < olds.length; i++)
                {
                    for (int j = 0; j < sources.length; j++)
                    {
                        final int slot = DATA + 4 * (i * sources.length + j);
                        a.li(T0, slot);
                        a.li(T1, olds[i]);
                        a.sw(T1, T0, 0);
                        a.li(T2, sources[j]);
                        emitAmo(a, kind, A0, T0, T2);
                        a.sw(A0, T0, 1024); // rd, for the host to check
                        a.sw(T2, T0, 2044); // rs2 after the AMO: unchanged
                    }
                }
            }))
            {
                for (int i = 0; i < olds.length; i++)
                {
                    for (int j = 0; j < sources.length; j++)
                    {
                        final int slot = DATA + 4 * (i * sources.length + j);
                        final String what = names[kind] + " old=" + olds[i] + " src=" + sources[j];
                        assertEquals(ops[kind].applyAsInt(olds[i], sources[j]), m.ram().getInt(slot), what + ": memory");
                        assertEquals(olds[i], m.ram().getInt(slot + 1024), what + ": rd");
                        assertEquals(sources[j], m.ram().getInt(slot + 2044), what + ": rs2");
                    }
                }
            }
        }
    }

    private static void emitAmo(final Assembler a, final int kind, final int rd, final int rs1, final int rs2)
    {
        switch (kind)
        {
            case 0: a.amoswapW(rd, rs1, rs2); break;
            case 1: a.amoaddW(rd, rs1, rs2); break;
            case 2: a.amoxorW(rd, rs1, rs2); break;
            case 3: a.amoandW(rd, rs1, rs2); break;
            case 4: a.amoorW(rd, rs1, rs2); break;
            case 5: a.amominW(rd, rs1, rs2); break;
            case 6: a.amomaxW(rd, rs1, rs2); break;
            case 7: a.amominuW(rd, rs1, rs2); break;
            default: a.amomaxuW(rd, rs1, rs2); break;
        }
    }

    @Test
    void minAndMaxAreSignedAndTheirUnsignedFormsAreNot()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, -1);
            a.li(T2, 1);
            a.sw(T1, T0, 0);
            a.amominW(A0, T0, T2);   // min(-1, 1) = -1
            a.lw(S2, T0, 0);
            a.sw(T1, T0, 0);
            a.amomaxW(A1, T0, T2);   // max(-1, 1) = 1
            a.lw(S3, T0, 0);
            a.sw(T1, T0, 0);
            a.amominuW(A2, T0, T2);  // minu(0xFFFFFFFF, 1) = 1
            a.lw(S4, T0, 0);
            a.sw(T1, T0, 0);
            a.amomaxuW(A3, T0, T2);  // maxu = 0xFFFFFFFF
            a.lw(S5, T0, 0);
        }))
        {
            assertEquals(-1, m.cpu().register(S2));
            assertEquals(1, m.cpu().register(S3));
            assertEquals(1, m.cpu().register(S4));
            assertEquals(-1, m.cpu().register(S5));
            assertEquals(-1, m.cpu().register(A0));
            assertEquals(-1, m.cpu().register(A3));
        }
    }

    @Test
    void amoWithRdEqualToRs2UsesTheSourceBeforeOverwritingIt()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 10);
            a.sw(T1, T0, 0);
            a.li(A0, 5);
            a.amoaddW(A0, T0, A0);
            a.li(A1, 3);
            a.amoswapW(A1, T0, A1);
        }))
        {
            assertEquals(15, m.cpu().register(A1));
            assertEquals(10, m.cpu().register(A0));
            assertEquals(3, m.ram().getInt(DATA));
        }
    }

    @Test
    void amoWithRdEqualToRs1UsesTheAddressBeforeOverwritingIt()
    {
        try (Machine m = runPassing(a ->
        {
            a.li(A0, DATA);
            a.li(T1, 10);
            a.sw(T1, A0, 0);
            a.li(T2, 1);
            a.amoaddW(A0, A0, T2);
        }))
        {
            assertEquals(10, m.cpu().register(A0));
            assertEquals(11, m.ram().getInt(DATA));
        }
    }

    @Test
    void misalignedAmoTrapsAsStoreAddressMisaligned()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, DATA + 2);
            a.li(A0, 77);
            a.amoaddW(A0, T0, T0);
        }))
        {
            assertEquals(TrapCause.STORE_ADDRESS_MISALIGNED, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(DATA + 2, m.cpu().control().peek(Csr.MTVAL));
            assertEquals(77, m.cpu().register(A0), "rd unchanged");
            assertEquals(0, m.ram().getInt(DATA));
        }
    }

    @Test
    void misalignedLoadReservedTrapsAsLoadAddressMisaligned()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, DATA + 1);
            a.lrW(A0, T0);
        }))
        {
            assertEquals(TrapCause.LOAD_ADDRESS_MISALIGNED, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(DATA + 1, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @Test
    void misalignedStoreConditionalTrapsAsStoreAddressMisaligned()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, DATA + 2);
            a.scW(A0, T0, T0);
        }))
        {
            assertEquals(TrapCause.STORE_ADDRESS_MISALIGNED, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(DATA + 2, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @Test
    void amoOnADeviceIsAStoreAccessFault()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, MemoryMap.CLINT_BASE);
            a.li(T1, 1);
            a.amoorW(A0, T0, T1);
        }))
        {
            assertEquals(TrapCause.STORE_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(MemoryMap.CLINT_BASE, m.cpu().control().peek(Csr.MTVAL));
            assertFalse(m.clint().softwareInterrupt(), "the device was not written");
        }
    }

    @Test
    void loadReservedOutsideRamIsALoadAccessFault()
    {
        try (Machine m = runToTrap(a ->
        {
            a.li(T0, 0x4000_0000);
            a.lrW(A0, T0);
        }))
        {
            assertEquals(TrapCause.LOAD_ACCESS_FAULT, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(0x4000_0000, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @Test
    void loadReservedWithNonZeroRs2IsIllegal()
    {
        final int word = Harness.encode(a -> a.lrW(A0, A1)) | (A2 << 20);
        try (Machine m = runToTrap(a -> a.word(word)))
        {
            assertEquals(TrapCause.ILLEGAL_INSTRUCTION, m.cpu().control().peek(Csr.MCAUSE));
            assertEquals(word, m.cpu().control().peek(Csr.MTVAL));
        }
    }

    @Test
    void acquireAndReleaseBitsAreAccepted()
    {
        final int aqrl = 3 << 25;
        try (Machine m = runPassing(a ->
        {
            a.li(T0, DATA);
            a.li(T1, 4);
            a.word(Harness.encode(x -> x.lrW(A0, T0)) | aqrl);
            a.word(Harness.encode(x -> x.scW(A1, T0, T1)) | aqrl);
            a.word(Harness.encode(x -> x.amoaddW(A2, T0, T1)) | aqrl);
        }))
        {
            assertEquals(0, m.cpu().register(A1));
            assertEquals(4, m.cpu().register(A2));
            assertEquals(8, m.ram().getInt(DATA));
        }
    }
}
