package io.tandem.engine.cpu;

/**
 * Internal opcodes of decoded instructions: the dense numbering the dispatch {@code switch}
 * compiles into one jump table. {@link #UNDECODED} must stay zero because a freshly allocated or
 * invalidated decode-cache slot reads as zero.
 */
public final class Op
{
    public static final int UNDECODED = 0;
    public static final int ILLEGAL = 1;

    public static final int LUI = 2;          // also AUIPC: the sum with pc is folded in at decode time
    public static final int JAL = 3;          // imm holds the absolute target
    public static final int JALR = 4;
    public static final int BEQ = 5;          // branches: imm holds the absolute target
    public static final int BNE = 6;
    public static final int BLT = 7;
    public static final int BGE = 8;
    public static final int BLTU = 9;
    public static final int BGEU = 10;

    public static final int LB = 11;
    public static final int LH = 12;
    public static final int LW = 13;
    public static final int LBU = 14;
    public static final int LHU = 15;
    public static final int SB = 16;
    public static final int SH = 17;
    public static final int SW = 18;

    public static final int ADDI = 19;
    public static final int SLTI = 20;
    public static final int SLTIU = 21;
    public static final int XORI = 22;
    public static final int ORI = 23;
    public static final int ANDI = 24;
    public static final int SLLI = 25;
    public static final int SRLI = 26;
    public static final int SRAI = 27;

    public static final int ADD = 28;
    public static final int SUB = 29;
    public static final int SLL = 30;
    public static final int SLT = 31;
    public static final int SLTU = 32;
    public static final int XOR = 33;
    public static final int SRL = 34;
    public static final int SRA = 35;
    public static final int OR = 36;
    public static final int AND = 37;

    public static final int MUL = 38;
    public static final int MULH = 39;
    public static final int MULHSU = 40;
    public static final int MULHU = 41;
    public static final int DIV = 42;
    public static final int DIVU = 43;
    public static final int REM = 44;
    public static final int REMU = 45;

    public static final int FENCE = 46;       // FENCE and FENCE.I: a single hart whose stores invalidate decoded code needs neither
    public static final int SYSTEM = 47;      // ECALL, EBREAK, MRET, WFI: cold, aux holds the kind
    public static final int CSR = 48;         // all six CSR instructions: cold, aux holds funct3, imm the CSR number
    public static final int AMO = 49;         // LR, SC and the AMOs: cold, aux holds funct5
    public static final int BRANCH_COLD = 50; // a branch or JAL whose target cannot be fetched (misaligned, outside RAM): cold
    public static final int FETCH_FAULT = 51; // the sentinel slot just past the end of RAM: cold
    /**
     * Never decoded from a word: the compiled engine writes it over the slot of a compiled
     * region's entry, so that the interpreter stops there and hands the pc back to it. A store to
     * the word clears it with the rest of the slot, as it clears any decoded instruction.
     */
    public static final int REGION_ENTRY = 52;
    /**
     * Never decoded from a word: the slot of a 32-bit instruction in a page's last halfword, which
     * reaches into the next page. Its decoded form is never cached (a write to the next page
     * would not clear it); the interpreter decodes it from RAM each time it runs. The mark itself
     * depends only on the first halfword, whose writes clear it.
     */
    public static final int STRADDLING = 53;

    public static final int COUNT = 54;

    /**
     * Added to the op of a compressed instruction's expansion (the ops it uses: ADDI, LUI, JAL,
     * JALR, BEQ, BNE, LW, SW, SLLI, SRLI, SRAI, ANDI, SUB, XOR, OR, AND, ADD), so that the
     * interpreter has a case for each form and advances pc by a constant, 4 or 2: taking the
     * length from the decoded value would make every next fetch wait for the current one.
     */
    public static final int COMPRESSED = 64;

    // SYSTEM kinds, in aux
    public static final int SYS_ECALL = 0;
    public static final int SYS_EBREAK = 1;
    public static final int SYS_MRET = 2;
    public static final int SYS_WFI = 3;

    private Op()
    {
    }
}
