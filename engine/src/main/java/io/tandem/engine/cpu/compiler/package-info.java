/**
 * The compiler of hot guest code to JVM bytecode: regions of a page's code (several blocks, their
 * branches as JVM jumps, guest registers in JVM locals) become hidden classes generated with ASM,
 * entered from a dispatcher that keeps the interpreter's contract exactly (same instructions
 * retired, same stop, same state at every instruction count). Cold and rare instructions, and
 * every access that misses the RAM fast path, are stepped by the interpreter, the reference.
 */
package io.tandem.engine.cpu.compiler;
