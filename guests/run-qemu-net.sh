#!/bin/sh
# Runs a guest ELF on QEMU's "virt" board with a virtio-net device on QEMU's
# user network (the guest is 10.0.2.15) and, with -d, a virtio-blk disk.
# Both use the modern virtio-mmio transport (version 2). The guest console
# goes to stdout; QEMU's own diagnostics to stderr. Exits with the guest's
# finisher code; servers run until killed (or until TIMEOUT seconds).
#
# usage: run-qemu-net.sh [-d DISK] [-p HOSTPORT:GUESTPORT]... FILE.elf [extra qemu args...]
#   -d DISK   raw disk image for virtio-blk (kvstore needs 3.4 MiB; use 4 MiB)
#   -p H:G    forward UDP 127.0.0.1:H on the host to 10.0.2.15:G in the guest
# environment: QEMU (default qemu-system-riscv32), TIMEOUT (seconds, 0 = none)
set -eu
usage() {
    echo "usage: $0 [-d DISK] [-p HOSTPORT:GUESTPORT]... FILE.elf [extra qemu args...]" >&2
    exit 2
}
disk=
fwd=
while getopts d:p: opt; do
    case $opt in
    d) disk=$OPTARG ;;
    p) case $OPTARG in
       [0-9]*:[0-9]*) ;;
       *) usage ;;
       esac
       host=${OPTARG%%:*}
       guest=${OPTARG#*:}
       case "$host$guest" in
       *[!0-9]*) usage ;;
       esac
       fwd="$fwd,hostfwd=udp:127.0.0.1:$host-10.0.2.15:$guest" ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
elf=$1
shift

if [ -n "$disk" ]; then
    set -- -drive "file=$disk,format=raw,if=none,id=d0" \
           -device virtio-blk-device,drive=d0 "$@"
fi
# -global virtio-mmio.force-legacy=false: version 2 (modern) virtio-mmio.
# QEMU plugs the first -device into the highest free virtio-mmio slot
# (0x10008000, IRQ 8), the next one below it; guests probe every slot.
exec timeout "${TIMEOUT:-0}" "${QEMU:-qemu-system-riscv32}" \
    -M virt -bios none -m 128M -smp 1 \
    -display none -serial stdio -monitor none -nodefaults -no-reboot \
    -global virtio-mmio.force-legacy=false \
    -netdev "user,id=n0$fwd" -device virtio-net-device,netdev=n0 \
    "$@" -kernel "$elf" </dev/null
