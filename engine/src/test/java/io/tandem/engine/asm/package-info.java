/**
 * A small in-memory RV32IMA + Zicsr + Zifencei encoder, {@link io.tandem.engine.asm.Assembler},
 * for building test programs and benchmarks in Java without a cross toolchain: one method per
 * instruction, {@link io.tandem.engine.asm.Label labels} resolved when the words are taken, and
 * ranges checked when an instruction is added so that a wrong test program fails loudly instead
 * of running something else.
 */
package io.tandem.engine.asm;
