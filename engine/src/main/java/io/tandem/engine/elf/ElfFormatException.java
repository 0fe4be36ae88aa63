package io.tandem.engine.elf;

/**
 * A guest file that cannot be loaded: not an ELF file, not an RV32 static executable that Tandem
 * can run, or internally inconsistent.
 * <p>
 * The message is meant for the person who chose the file: it starts with the file's name, says
 * what is wrong and, where a field is at fault, at which byte offset it sits.
 */
public final class ElfFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final String problem;

    /**
     * @param sourceName name of the file (or other source) being read, as shown to the user.
     * @param problem    what is wrong, without the source name.
     */
    public ElfFormatException(final String sourceName, final String problem)
    {
        super(sourceName + ": " + problem);
        this.sourceName = sourceName;
        this.problem = problem;
    }

    /** @return name of the file (or other source) that was refused. */
    public String sourceName()
    {
        return sourceName;
    }

    /** @return what is wrong, without the source name. */
    public String problem()
    {
        return problem;
    }
}
