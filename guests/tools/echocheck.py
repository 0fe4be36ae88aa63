#!/usr/bin/env python3
"""Checks the echo guest under QEMU's user network (run-qemu-net.sh).

    echocheck.py [--elf bin/echo.elf] [--count N]

Starts echo on a free port of 127.0.0.1, checks that datagrams of 0 to
1472 bytes come back unchanged and that larger ones (which arrive as IP
fragments) are dropped without harming the server, measures the round-trip
time (informative) and checks that the idle guest sleeps (QEMU uses little
CPU while nothing arrives). Exit status 0 when every check passed.
"""

import argparse
import os
import socket
import sys
import time

import qemunet


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--elf", default=os.path.join(here, "..", "bin",
                                                 "echo.elf"))
    p.add_argument("--count", type=int, default=500,
                   help="round trips to time")
    args = p.parse_args()
    qemunet.exit_on_sigterm()

    failures = 0

    def check(name, ok, detail=""):
        nonlocal failures
        print("%s %s%s" % ("ok  " if ok else "FAIL", name,
                           "" if ok else " " + detail))
        failures += 0 if ok else 1

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2.0)
    addr = None

    def roundtrip(payload, timeout=2.0):
        sock.settimeout(timeout)
        sock.sendto(payload, addr)
        try:
            data, src = sock.recvfrom(65536)
        except socket.timeout:
            return None
        return data

    elf = os.path.abspath(args.elf)
    guest, port = qemunet.start_on_free_port(
        lambda port: qemunet.Guest(elf, forwards={port: 7007}))
    addr = ("127.0.0.1", port)
    with guest:
        line = guest.wait_line("echo:")
        check("start-up line", line == "echo: listening on 10.0.2.15:7007",
              line)

        for size in (1, 0, 17, 100, 1000, 1471, 1472):
            payload = bytes((i * 7 + size) & 0xFF for i in range(size))
            check("echo %d bytes" % size, roundtrip(payload) == payload)

        # Larger than one frame: the host fragments, the guest drops.
        for size in (1473, 4000):
            check("%d bytes (IP fragments) dropped" % size,
                  roundtrip(b"x" * size, timeout=0.5) is None)
        check("alive after fragments", roundtrip(b"still here") ==
              b"still here")

        rtts = []
        for i in range(args.count):
            msg = b"ping %d" % i
            t0 = time.perf_counter()
            got = roundtrip(msg)
            rtts.append(time.perf_counter() - t0)
            if got != msg:
                check("round trip %d" % i, False, repr(got))
                break
        rtts.sort()
        n = len(rtts)
        print("info round trip over QEMU user networking (%d): min %.0f us,"
              " median %.0f us, p99 %.0f us" % (
                  n, rtts[0] * 1e6, rtts[n // 2] * 1e6,
                  rtts[min(n - 1, n * 99 // 100)] * 1e6))

        # An idle guest waits in WFI: QEMU should be nearly idle too.
        time.sleep(0.2)
        c0 = guest.cpu_seconds()
        time.sleep(1.0)
        used = guest.cpu_seconds() - c0
        print("info QEMU CPU time while the guest idles: %.0f ms per s"
              % (used * 1000))
        check("idle guest sleeps (QEMU below 25% of a CPU)", used < 0.25,
              "%.2f s of CPU in 1 s" % used)
    sock.close()
    print("echo check: %s" % ("passed" if failures == 0 else
                              "%d failed" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
