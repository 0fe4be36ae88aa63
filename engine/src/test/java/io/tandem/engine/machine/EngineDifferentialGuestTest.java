package io.tandem.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tandem.engine.cpu.compiler.CompiledEngine;

/**
 * Every committed batch guest runs on the interpreter and on the compiler, in the same random
 * slices, to the same state hash at every slice end and to the same console output and halt:
 * once at the default compile threshold and once compiling every block start entered twice, so
 * that short guests (the ISA suites) run their checks in compiled code, not only on the
 * interpreter the compiled engine falls back to.
 */
class EngineDifferentialGuestTest
{
    private static final int EAGER_COMPILE_THRESHOLD = 2;

    static List<Arguments> guests()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final String name : Guests.names())
        {
            cases.add(Arguments.of(name, MachineContext.DEFAULT_COMPILE_THRESHOLD));
            cases.add(Arguments.of(name, EAGER_COMPILE_THRESHOLD));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, compile threshold {1}")
    @MethodSource("guests")
    void bothEnginesReachTheSameStateAtEverySliceEnd(final String elf, final int compileThreshold)
    {
        final Guests.Capture interpretedConsole = new Guests.Capture();
        final Guests.Capture compiledConsole = new Guests.Capture();
        final SplittableRandom random = new SplittableRandom(elf.hashCode());
        int checks = 0;
        try (Machine interpreted = Guests.load(Guests.BIN.resolve(elf), interpretedConsole,
                MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS, CpuEngine.INTERPRETED);
            Machine compiled = Guests.load(Guests.BIN.resolve(elf), compiledConsole,
                MachineContext.DEFAULT_INTERRUPT_CHECK_INSTRUCTIONS, CpuEngine.COMPILED, compileThreshold))
        {
            while (interpreted.haltReason() == HaltReason.NONE && interpreted.icount() < Guests.MAX_INSTRUCTIONS)
            {
                // Mostly short slices (budgets ending inside regions), now and then a long one.
                final long budget = random.nextInt(8) == 0 ? 1 + random.nextInt(2_000_000) : 1 + random.nextInt(5000);
                final long target = interpreted.icount() + budget;
                final StopReason a = Guests.runTo(interpreted, target);
                final StopReason b = Guests.runTo(compiled, target);
                assertEquals(a, b, elf + " stop at " + interpreted.icount());
                assertEquals(interpreted.icount(), compiled.icount(), elf + " icount");
                assertEquals(interpreted.cpu().pc(), compiled.cpu().pc(), elf + " pc at " + interpreted.icount());
                if (random.nextInt(16) == 0 || a == StopReason.HALT)
                {
                    assertEquals(interpreted.stateHash(), compiled.stateHash(), elf + " state at " + interpreted.icount());
                    checks++;
                }
                if (a != StopReason.BUDGET && a != StopReason.HALT)
                {
                    break;
                }
            }
            assertEquals(interpreted.haltReason(), compiled.haltReason(), elf);
            assertEquals(interpreted.stateHash(), compiled.stateHash(), elf + " final state");
            assertEquals(interpretedConsole.text(), compiledConsole.text(), elf + " console");
            final CompiledEngine engine = (CompiledEngine)compiled.engine();
            System.out.printf("%s, compile threshold %d: %d instructions, %d state checks, %d regions compiled, " +
                "%d region calls%n", elf, compileThreshold, compiled.icount(), checks + 1, engine.regionsCompiled(),
                engine.regionCalls());
            if (compileThreshold == EAGER_COMPILE_THRESHOLD)
            {
                assertTrue(engine.regionCalls() > 0, elf + ": no compiled code ran");
            }
        }
    }
}
