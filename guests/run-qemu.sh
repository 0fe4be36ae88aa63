#!/bin/sh
# Runs one guest ELF on QEMU's "virt" board, the reference machine.
# The guest console (UART 0) goes to stdout; QEMU's own diagnostics go to
# stderr. Exits with the guest's finisher code (0 = pass), or 124 if the
# guest did not finish within the timeout.
#
# usage: run-qemu.sh FILE.elf [extra qemu args...]
# environment: QEMU (default qemu-system-riscv32), TIMEOUT (seconds, 120)
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 FILE.elf [extra qemu args...]" >&2
    exit 2
fi
elf=$1
shift
# -bios none: no firmware, QEMU jumps straight to the ELF entry in M mode.
# -display none -serial stdio -monitor none: UART on stdio, no monitor
#   multiplexed into the stream, so stdout holds the guest output only.
# -nodefaults: no extra default devices.
# -no-reboot: never restart the guest if it ever resets.
exec timeout "${TIMEOUT:-120}" "${QEMU:-qemu-system-riscv32}" \
    -M virt -bios none -m 128M -smp 1 \
    -display none -serial stdio -monitor none -nodefaults -no-reboot \
    -kernel "$elf" "$@" </dev/null
