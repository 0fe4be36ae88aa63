package io.tandem.engine.cpu;

/**
 * Internal opcodes of decoded instructions: the dense numbering the dispatch {@code switch}
 * compiles into one jump table. {@link #UNDECODED} must stay zero because a freshly allocated or
 * invalidated decode-cache slot reads as zero.
 */
final class Op
{
    static final int UNDECODED = 0;
    static final int ILLEGAL = 1;

    static final int LUI = 2;          // also AUIPC: the sum with pc is folded in at decode time
    static final int JAL = 3;          // imm holds the absolute target
    static final int JALR = 4;
    static final int BEQ = 5;          // branches: imm holds the absolute target
    static final int BNE = 6;
    static final int BLT = 7;
    static final int BGE = 8;
    static final int BLTU = 9;
    static final int BGEU = 10;

    static final int LB = 11;
    static final int LH = 12;
    static final int LW = 13;
    static final int LBU = 14;
    static final int LHU = 15;
    static final int SB = 16;
    static final int SH = 17;
    static final int SW = 18;

    static final int ADDI = 19;
    static final int SLTI = 20;
    static final int SLTIU = 21;
    static final int XORI = 22;
    static final int ORI = 23;
    static final int ANDI = 24;
    static final int SLLI = 25;
    static final int SRLI = 26;
    static final int SRAI = 27;

    static final int ADD = 28;
    static final int SUB = 29;
    static final int SLL = 30;
    static final int SLT = 31;
    static final int SLTU = 32;
    static final int XOR = 33;
    static final int SRL = 34;
    static final int SRA = 35;
    static final int OR = 36;
    static final int AND = 37;

    static final int MUL = 38;
    static final int MULH = 39;
    static final int MULHSU = 40;
    static final int MULHU = 41;
    static final int DIV = 42;
    static final int DIVU = 43;
    static final int REM = 44;
    static final int REMU = 45;

    static final int FENCE = 46;       // FENCE and FENCE.I: a single hart whose stores invalidate decoded code needs neither
    static final int SYSTEM = 47;      // ECALL, EBREAK, MRET, WFI: cold, aux holds the kind
    static final int CSR = 48;         // all six CSR instructions: cold, aux holds funct3, imm the CSR number
    static final int AMO = 49;         // LR, SC and the AMOs: cold, aux holds funct5
    static final int BRANCH_COLD = 50; // a branch or JAL whose target cannot be fetched (misaligned, outside RAM): cold
    static final int FETCH_FAULT = 51; // the sentinel slot just past the end of RAM: cold

    static final int COUNT = 52;

    // SYSTEM kinds, in aux
    static final int SYS_ECALL = 0;
    static final int SYS_EBREAK = 1;
    static final int SYS_MRET = 2;
    static final int SYS_WFI = 3;

    private Op()
    {
    }
}
