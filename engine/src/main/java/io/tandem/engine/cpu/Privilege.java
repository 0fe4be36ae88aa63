package io.tandem.engine.cpu;

/** Privilege levels as encoded in mstatus.MPP; this hart has M and U only. */
public final class Privilege
{
    public static final int USER = 0;
    public static final int MACHINE = 3;

    private Privilege()
    {
    }
}
