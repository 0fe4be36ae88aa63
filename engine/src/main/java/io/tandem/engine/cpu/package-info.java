/**
 * The RV32IMA + Zicsr + Zifencei hart: decode-once dispatch over a decode cache, the register
 * file, the M-mode CSRs, precise traps and interrupt entry, and the exact instruction counter.
 */
package io.tandem.engine.cpu;
