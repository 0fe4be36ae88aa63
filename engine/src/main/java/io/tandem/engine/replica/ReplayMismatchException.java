package io.tandem.engine.replica;

/** A log that does not belong to this guest or machine, or has no beginning: refused before replaying. */
public final class ReplayMismatchException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what does not match. */
    public ReplayMismatchException(final String message)
    {
        super(message);
    }
}
