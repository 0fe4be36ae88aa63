package io.tandem.engine.dev;

import java.security.SecureRandom;

/** Entropy from the host's {@link SecureRandom}. */
public final class HostEntropy implements EntropySource
{
    private final SecureRandom random = new SecureRandom();

    @Override
    public int next16()
    {
        return random.nextInt() & 0xFFFF;
    }
}
