#!/usr/bin/env python3
"""Feeds raw Ethernet frames to a network guest and checks what comes back.

    framecheck.py [--elf bin/echo.elf] [--seed N]

QEMU runs the guest (default: echo, UDP port 7007) with its virtio-net
device on a "socket" back-end: every frame is one UDP datagram between
QEMU and this script on 127.0.0.1, so the script is the whole network and
can send what user networking never would. Checks: ARP requests for
10.0.2.15 are answered; a valid UDP datagram is echoed with correct
Ethernet, IPv4 and UDP headers and checksums (with or without a UDP
checksum on the request); and every malformed frame (runts, wrong MAC or
IP, other ethertypes and protocols, IP options, fragments, bad lengths,
bad IP or UDP checksums, every single-byte corruption of a valid frame,
random junk) is dropped without an answer while the guest keeps serving.
Exit status 0 when every check passed.
"""

import argparse
import os
import random
import socket
import struct
import sys

import qemunet

GUEST_IP = bytes([10, 0, 2, 15])
OUR_IP = bytes([10, 0, 2, 2])
OUR_MAC = bytes([0x02, 0, 0, 0, 0, 0x01])
BROADCAST = b"\xff" * 6
PORT = 7007


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(dst, ethertype, payload, src=OUR_MAC):
    return dst + src + struct.pack("!H", ethertype) + payload


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + spa + tha + tpa


def ipv4(payload, proto=17, src=OUR_IP, dst=GUEST_IP, flags_frag=0x4000,
         options=b"", total=None, version=4, bad_csum=False):
    ihl = 5 + len(options) // 4
    total = 4 * ihl + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", (version << 4) | ihl, 0, total, 0x1234,
                    flags_frag, 64, proto, 0, src, dst) + options
    c = csum(h) ^ (0x0001 if bad_csum else 0)
    return h[:10] + struct.pack("!H", c) + h[12:] + payload


def udp(payload, sport=40000, dport=PORT, src=OUR_IP, dst=GUEST_IP,
        length=None, checksum=True, bad_csum=False):
    length = 8 + len(payload) if length is None else length
    h = struct.pack("!HHHH", sport, dport, length, 0)
    c = 0
    if checksum:
        pseudo = src + dst + struct.pack("!BBH", 0, 17, 8 + len(payload))
        c = csum(pseudo + h + payload) or 0xFFFF
        if bad_csum:
            c ^= 0x0100
    return h[:6] + struct.pack("!H", c) + payload


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--elf", default=os.path.join(here, "..", "bin",
                                                 "echo.elf"))
    p.add_argument("--seed", type=int, default=7007,
                   help="seed of the random junk frames")
    args = p.parse_args()
    qemunet.exit_on_sigterm()

    failures = 0

    def check(name, ok, detail=""):
        nonlocal failures
        print("%s %s%s" % ("ok  " if ok else "FAIL", name,
                           "" if ok else " " + detail))
        failures += 0 if ok else 1

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    my_port = sock.getsockname()[1]
    qemu_port = None

    def make(port):
        nonlocal qemu_port
        qemu_port = port
        argv = ["timeout", os.environ.get("TIMEOUT", "300"),
                os.environ.get("QEMU", "qemu-system-riscv32"),
                "-M", "virt", "-bios", "none", "-m", "128M", "-smp", "1",
                "-display", "none", "-serial", "stdio", "-monitor", "none",
                "-nodefaults", "-no-reboot",
                "-global", "virtio-mmio.force-legacy=false",
                "-netdev", "socket,id=n0,udp=127.0.0.1:%d,"
                "localaddr=127.0.0.1:%d" % (my_port, port),
                "-device", "virtio-net-device,netdev=n0",
                "-kernel", os.path.abspath(args.elf)]
        return qemunet.Guest(None, argv=argv)

    def send(frame):
        sock.sendto(frame, ("127.0.0.1", qemu_port))

    def receive(timeout):
        sock.settimeout(timeout)
        try:
            return sock.recvfrom(65536)[0]
        except socket.timeout:
            return None

    guest, _ = qemunet.start_on_free_port(make)
    with guest:
        guest.wait_line("echo:")

        # ---- ARP ----------------------------------------------------------
        send(eth(BROADCAST, 0x0806, arp(1, OUR_MAC, OUR_IP, b"\0" * 6,
                                         GUEST_IP)))
        r = receive(2.0)
        ok = (r is not None and len(r) >= 42 and r[0:6] == OUR_MAC and
              r[12:14] == b"\x08\x06")
        check("ARP request answered", ok, repr(r))
        if not ok:
            return 1
        mac = r[6:12]
        a = r[14:42]
        check("ARP reply fields", a == arp(2, mac, GUEST_IP, OUR_MAC, OUR_IP),
              a.hex())
        check("ARP reply padded to 60 bytes", len(r) == 60, str(len(r)))

        # ---- valid datagrams ----------------------------------------------
        def echo_frame(payload, checksum=True, sport=40000):
            return eth(mac, 0x0800, ipv4(udp(payload, sport=sport,
                                             checksum=checksum)))

        def check_echo(name, payload, r, sport=40000):
            if r is None:
                check(name, False, "no answer")
                return
            ip = r[14:]
            ihl = (ip[0] & 15) * 4
            total = struct.unpack("!H", ip[2:4])[0]
            u = ip[ihl:total]
            ulen = struct.unpack("!H", u[4:6])[0]
            pseudo = ip[12:16] + ip[16:20] + struct.pack("!BBH", 0, 17, ulen)
            problems = []
            if r[0:6] != OUR_MAC or r[6:12] != mac or r[12:14] != b"\x08\x00":
                problems.append("ethernet")
            if ip[0] != 0x45 or csum(ip[:20]) != 0:
                problems.append("ip header/checksum")
            if ip[9] != 17 or ip[12:16] != GUEST_IP or ip[16:20] != OUR_IP:
                problems.append("ip addresses/protocol")
            if struct.unpack("!HH", u[0:4]) != (PORT, sport):
                problems.append("ports")
            if ulen != len(u) or u[8:] != payload:
                problems.append("payload")
            if u[6:8] != b"\0\0" and csum(pseudo + u) != 0:
                problems.append("udp checksum")
            if len(r) < 60:
                problems.append("frame under 60 bytes")
            check(name, not problems, ", ".join(problems))

        send(echo_frame(b"hello"))
        check_echo("UDP echo (with checksum)", b"hello", receive(2.0))
        send(echo_frame(b"no checksum", checksum=False, sport=40001))
        check_echo("UDP echo (zero checksum accepted)", b"no checksum",
                   receive(2.0), sport=40001)
        big = bytes(range(256)) * 5 + bytes(192)            # 1472 bytes
        send(echo_frame(big))
        check_echo("UDP echo (1472 bytes, full frame)", big, receive(2.0))
        padded = eth(mac, 0x0800, ipv4(udp(b"pad"))) + b"\xAA" * 20
        send(padded)
        check_echo("Ethernet padding ignored", b"pad", receive(2.0))

        # ---- malformed frames: none may get an answer ---------------------
        good = echo_frame(b"0123456789abcdef0123456789abcdef")
        bad = {
            "runt 1 byte": b"\x52",
            "runt 13 bytes": good[:13],
            "header only": good[:14],
            "other unicast MAC": eth(b"\x52\x54\x00\x99\x99\x99", 0x0800,
                                     ipv4(udp(b"x"))),
            "multicast MAC": eth(b"\x01\x00\x5e\x00\x00\x01", 0x0800,
                                 ipv4(udp(b"x"))),
            "broadcast IPv4": eth(BROADCAST, 0x0800, ipv4(udp(b"x"))),
            "IPv6 ethertype": eth(mac, 0x86DD, bytes(60)),
            "ARP for another IP": eth(BROADCAST, 0x0806,
                                      arp(1, OUR_MAC, OUR_IP, bytes(6),
                                          bytes([10, 0, 2, 16]))),
            "ARP reply": eth(mac, 0x0806, arp(2, OUR_MAC, OUR_IP, mac,
                                              GUEST_IP)),
            "ARP truncated": eth(BROADCAST, 0x0806,
                                 arp(1, OUR_MAC, OUR_IP, bytes(6),
                                     GUEST_IP)[:20]),
            "ARP not Ethernet/IPv4": eth(BROADCAST, 0x0806, struct.pack(
                "!HHBBH", 6, 0x0800, 6, 4, 1) + OUR_MAC + OUR_IP + bytes(6)
                + GUEST_IP),
            "IPv4 truncated header": eth(mac, 0x0800, ipv4(b"")[:12]),
            "IP version 6": eth(mac, 0x0800, ipv4(udp(b"x"), version=6)),
            "IP options": eth(mac, 0x0800, ipv4(udp(b"x"),
                                                options=b"\x01\x01\x01\x00")),
            "IP total length beyond frame": eth(mac, 0x0800,
                                                ipv4(udp(b"x"), total=600)),
            "IP total length < 20": eth(mac, 0x0800, ipv4(udp(b"x"),
                                                          total=19)),
            "IP total length cuts UDP": eth(mac, 0x0800,
                                            ipv4(udp(b"xxxx"), total=30)),
            "bad IP checksum": eth(mac, 0x0800, ipv4(udp(b"x"),
                                                     bad_csum=True)),
            "IP fragment (MF)": eth(mac, 0x0800, ipv4(udp(b"x"),
                                                      flags_frag=0x2000)),
            "IP fragment (offset)": eth(mac, 0x0800, ipv4(udp(b"x"),
                                                          flags_frag=0x0010)),
            "other destination IP": eth(mac, 0x0800, ipv4(
                udp(b"x", dst=bytes([10, 0, 2, 99])),
                dst=bytes([10, 0, 2, 99]))),
            "ICMP": eth(mac, 0x0800, ipv4(b"\x08\0\xf7\xff\0\0\0\0",
                                          proto=1)),
            "TCP": eth(mac, 0x0800, ipv4(bytes(20), proto=6)),
            "UDP header truncated": eth(mac, 0x0800, ipv4(udp(b"")[:6])),
            "UDP length < 8": eth(mac, 0x0800, ipv4(udp(b"xx", length=7,
                                                        checksum=False))),
            "UDP length beyond IP": eth(mac, 0x0800, ipv4(udp(
                b"xx", length=40, checksum=False))),
            "bad UDP checksum": eth(mac, 0x0800, ipv4(udp(b"x",
                                                          bad_csum=True))),
            "unbound UDP port": eth(mac, 0x0800, ipv4(udp(b"x", dport=9))),
            "oversized frame (2000 bytes)": eth(mac, 0x0800,
                                                ipv4(udp(bytes(1958)))),
        }
        for i in range(14, len(good)):
            for flip in (0x01, 0x80):
                f = bytearray(good)
                f[i] ^= flip
                bad["byte %d ^ 0x%02x" % (i, flip)] = bytes(f)
        rng = random.Random(args.seed)
        for i in range(300):
            n = rng.randrange(1, 1600)   # 0 bytes would stop QEMU reading
            junk = bytes(rng.randrange(256) for _ in range(n))
            if i % 2:           # aimed at us, IPv4, garbage after that
                junk = mac + OUR_MAC + b"\x08\x00" + junk
            bad["junk %d" % i] = junk

        # The guest handles frames in order: if nothing comes back before
        # the echo of a marker sent after a batch, no frame of the batch
        # got an answer. Small batches keep the socket buffers from
        # overflowing while the guest's receive ring is full.
        names = list(bad)
        answered, lost, batch = [], 0, 8
        for first in range(0, len(names), batch):
            for name in names[first:first + batch]:
                send(bad[name])
            marker = b"marker %d" % first
            send(echo_frame(marker, sport=40002))
            while True:
                r = receive(3.0)
                if r is None:
                    lost += 1
                    break
                if r.endswith(marker) or marker in r:
                    break
                answered.append((names[first:first + batch], r[:64]))
        check("%d malformed frames: no answer" % len(bad), not answered,
              repr(answered[:3]))
        check("served the marker after every batch", lost == 0,
              "%d markers lost" % lost)
        send(echo_frame(b"final", sport=40003))
        check_echo("still serving after malformed frames", b"final",
                   receive(2.0), sport=40003)
        send(eth(BROADCAST, 0x0806, arp(1, OUR_MAC, OUR_IP, bytes(6),
                                         GUEST_IP)))
        r = receive(2.0)
        check("ARP still answered", r is not None and r[12:14] == b"\x08\x06")
        check("console quiet", guest.lines == [
            "echo: listening on 10.0.2.15:7007"], repr(guest.lines))
    sock.close()
    print("frame check: %s" % ("passed" if failures == 0 else
                               "%d failed" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
