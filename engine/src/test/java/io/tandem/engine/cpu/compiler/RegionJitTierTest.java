package io.tandem.engine.cpu.compiler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionJitTierTest
{
    @Test
    void theGeneratorsBytecodeLibraryIsKeptAwayFromC2ByDefault() throws Exception
    {
        RegionJitTier.apply();

        assertEquals("C1 only", RegionJitTier.generatorOutcome(60_000), "the directive's thread reports it added");
        final String directives = RegionJitTier.diagnosticCommand("compilerDirectivesPrint");
        assertTrue(directives.contains("org/objectweb/asm/"), "HotSpot holds the directive:\n" + directives);
        assertEquals("C1 and C2 (tiered)", RegionJitTier.outcome(), "regions stay tiered by default");
    }
}
