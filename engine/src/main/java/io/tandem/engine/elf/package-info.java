/**
 * Reading guest programs: {@link io.tandem.engine.elf.ElfReader} turns a static ELF32
 * little-endian RISC-V executable into an immutable {@link io.tandem.engine.elf.ElfImage} (entry
 * point, {@link io.tandem.engine.elf.ElfSegment loadable segments} and named symbols such as
 * {@code tohost}) after checking every field it relies on, so that the machine can copy segments
 * into guest memory without further checks; anything it cannot load safely is refused with an
 * {@link io.tandem.engine.elf.ElfFormatException} that tells the user what is wrong and where. The
 * package depends on nothing but the JDK.
 */
package io.tandem.engine.elf;
