#!/usr/bin/env bash
# Guest MIPS of Tandem (both engines) and of QEMU on the same ELF, measured back to back in one
# run, as ratios. Usage: perf/mips-vs-qemu.sh [ELF] [ROUNDS]   (default guests/bin/cpubench.elf, 1)
# QEMU's MIPS uses Tandem's exact instruction count for the same ELF (QEMU does not count).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
elf="${1:-$root/guests/bin/cpubench.elf}"
rounds="${2:-1}"
command -v qemu-system-riscv32 >/dev/null || { echo "qemu-system-riscv32 is not installed (apt-get install qemu-system-misc)" >&2; exit 2; }
qemu=(qemu-system-riscv32 -M virt -bios none -m 128M -smp 1 -display none -serial stdio -monitor none
      -nodefaults -no-reboot -kernel "$elf")

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 </dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }

for round in $(seq 1 "$rounds"); do
  stats="$("$root/tandem" run --cpu interpreted "$elf" --stats 2>&1 >/dev/null)"
  instructions=$(echo "$stats" | sed -n 's/^instructions: //p')
  interpreted_mips=$(echo "$stats" | sed -n 's/^MIPS: //p')
  stats="$("$root/tandem" run --cpu compiled "$elf" --stats 2>&1 >/dev/null)"
  tandem_mips=$(echo "$stats" | sed -n 's/^MIPS: //p')
  icount_s=$(seconds "${qemu[@]}" -icount shift=0)
  plain_s=$(seconds "${qemu[@]}")
  icount_mips=$(echo "$instructions / $icount_s / 1000000" | bc -l)
  plain_mips=$(echo "$instructions / $plain_s / 1000000" | bc -l)
  printf 'round %d: %s instructions\n' "$round" "$instructions"
  printf '  tandem interpreted      %8.1f MIPS\n' "$interpreted_mips"
  printf '  tandem compiled         %8.1f MIPS   compiled/interpreted = %.2f\n' "$tandem_mips" "$(echo "$tandem_mips / $interpreted_mips" | bc -l)"
  printf '  qemu -icount shift=0    %8.1f MIPS   compiled/qemu-icount = %.2f\n' "$icount_mips" "$(echo "$tandem_mips / $icount_mips" | bc -l)"
  printf '  qemu (TCG, no icount)   %8.1f MIPS   compiled/qemu        = %.2f\n' "$plain_mips" "$(echo "$tandem_mips / $plain_mips" | bc -l)"
done
