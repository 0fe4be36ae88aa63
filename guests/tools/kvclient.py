#!/usr/bin/env python3
"""Reference client for the kvstore guest's UDP protocol (kvstore/README.md).

    kvclient.py [--host H] [--port P] [--client-id N] [--request-no N] get KEY
    kvclient.py --server A:7000,B:7000 ... get KEY   (a primary and its backup)
    kvclient.py ... put KEY VALUE
    kvclient.py ... delete KEY
    kvclient.py ... cas KEY EXPECTED VALUE
    kvclient.py selftest [--elf bin/kvstore.elf] [--keep-disk PATH]

The single commands talk to a running server (default 127.0.0.1:7000) and
print the response; with --server and several servers (a primary and its
backup), a request goes to the one that answered last and, after a timeout,
to all of them at once, so that the live side answers. `selftest` starts kvstore under QEMU itself (through
run-qemu-net.sh, on free ports of 127.0.0.1, with a fresh 4 MiB disk),
checks the protocol, restarts QEMU on the same disk and checks that the
data and the at-most-once table survived, then checks a corrupted slot
and a disk that is too small. Exit status 0 when every check passed.
"""

import argparse
import os
import socket
import struct
import sys
import tempfile
import time

VERSION = 1
OP_GET, OP_PUT, OP_DELETE, OP_CAS = 1, 2, 3, 4
OPS = {"get": OP_GET, "put": OP_PUT, "delete": OP_DELETE, "cas": OP_CAS}

OK, NOT_FOUND, CAS_MISMATCH, BAD_REQUEST, TOO_LARGE, FULL, STALE = range(7)
STATUS_NAMES = ["OK", "NOT_FOUND", "CAS_MISMATCH", "BAD_REQUEST",
                "TOO_LARGE", "FULL", "STALE_REQUEST"]

KEY_MAX = 64
VALUE_MAX = 1024
REQ_HEADER = struct.Struct("<BBHIIHH")     # 16 bytes
RESP_HEADER = struct.Struct("<BBHIII")     # 16 bytes

# Disk layout (see kvstore/README.md)
SECTOR = 512
SLOTS = 2048
SLOT_FIRST = 8
SLOT_SECTORS = 3
CLIENTS = 256
CLIENT_FIRST = 6152
CLIENT_SECTORS = 3
DISK_SECTORS = 6920
DISK_BYTES = 4 * 1024 * 1024


def encode_request(op, key, value=b"", expected=b"", client_id=1,
                   request_no=1, version=VERSION):
    """The datagram for one request (lengths taken from the fields)."""
    return REQ_HEADER.pack(version, op, len(key), client_id, request_no,
                           len(value), len(expected)) + key + expected + value


class Response:
    def __init__(self, data):
        if len(data) < RESP_HEADER.size:
            raise ValueError("short response (%d bytes)" % len(data))
        (self.version, self.status, self.value_len, self.client_id,
         self.request_no, self.reply_seq) = RESP_HEADER.unpack_from(data)
        self.value = data[RESP_HEADER.size:]
        if len(self.value) != self.value_len:
            raise ValueError("response value length %d, header says %d"
                             % (len(self.value), self.value_len))

    @property
    def status_name(self):
        if self.status < len(STATUS_NAMES):
            return STATUS_NAMES[self.status]
        return "status %d" % self.status

    def __repr__(self):
        return "<%s value=%r client=%d req=%d seq=%d>" % (
            self.status_name, self.value, self.client_id, self.request_no,
            self.reply_seq)


class KvClient:
    """One client id. Retries a request (same requestNo, same bytes) until
    its response arrives; responses for other request numbers (late
    duplicates) are skipped. With several servers (servers=[(host, port),
    ...]), the first attempt goes to the server that answered last and each
    retry to all of them, so that whichever side is live answers."""

    def __init__(self, host="127.0.0.1", port=7000, client_id=1,
                 timeout=0.5, retries=10, sock=None, servers=None):
        self.addrs = list(servers) if servers else [(host, port)]
        self.current = 0
        self.addr = self.addrs[0]
        self.client_id = client_id
        self.timeout = timeout
        self.retries = retries
        self.next_request_no = 1
        self.sock = sock or socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.last_seq = 0

    def send_raw(self, datagram, client_id, request_no):
        """Sends bytes and waits for the response to (client_id,
        request_no), resending the same bytes on timeout."""
        for attempt in range(self.retries):
            targets = [self.addrs[self.current]] if attempt == 0 else \
                self.addrs[self.current:] + self.addrs[:self.current]
            for target in targets:
                self.sock.sendto(datagram, target)
            deadline = time.monotonic() + self.timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.sock.settimeout(left)
                try:
                    data, sender = self.sock.recvfrom(65536)
                except socket.timeout:
                    break
                r = Response(data)
                if r.client_id == client_id and r.request_no == request_no:
                    self.last_seq = max(self.last_seq, r.reply_seq)
                    if sender in self.addrs:
                        self.current = self.addrs.index(sender)
                    return r
        raise TimeoutError("no response to client %d request %d"
                           % (client_id, request_no))

    def request(self, op, key, value=b"", expected=b"", request_no=None):
        if request_no is None:
            request_no = self.next_request_no
        self.next_request_no = max(self.next_request_no, request_no + 1)
        d = encode_request(op, key, value, expected, self.client_id,
                           request_no)
        return self.send_raw(d, self.client_id, request_no)

    def get(self, key, **kw):
        return self.request(OP_GET, key, **kw)

    def put(self, key, value, **kw):
        return self.request(OP_PUT, key, value, **kw)

    def delete(self, key, **kw):
        return self.request(OP_DELETE, key, **kw)

    def cas(self, key, expected, value, **kw):
        return self.request(OP_CAS, key, value, expected, **kw)

    def expect_silence(self, datagram, wait=0.5):
        """Sends bytes that must get no response at all."""
        self.sock.sendto(datagram, self.addr)
        self.sock.settimeout(wait)
        try:
            data, _ = self.sock.recvfrom(65536)
        except socket.timeout:
            return None
        return data


# ---- selftest --------------------------------------------------------------

class Checks:
    def __init__(self):
        self.failures = 0
        self.count = 0

    def check(self, name, ok, detail=""):
        self.count += 1
        if ok:
            print("ok   %s" % name)
        else:
            self.failures += 1
            print("FAIL %s %s" % (name, detail))

    def status(self, name, r, status, value=None):
        ok = r.status == status and (value is None or r.value == value)
        self.check(name, ok, "got %r, want %s%s" % (
            r, STATUS_NAMES[status], "" if value is None else " %r" % value))


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def start_kvstore(elf, disk):
    import qemunet
    return qemunet.start_on_free_port(
        lambda port: qemunet.Guest(elf, forwards={port: 7000}, disk=disk))


def selftest(args):
    with tempfile.TemporaryDirectory(prefix="kvstore-selftest-") as tmp:
        return run_selftest(args, tmp)


def run_selftest(args, tmp):
    import qemunet
    t = Checks()
    elf = os.path.abspath(args.elf)
    disk = args.keep_disk or os.path.join(tmp, "disk.img")
    qemunet.make_disk(disk, DISK_BYTES)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    seqs = []

    def track(r):
        seqs.append(r.reply_seq)
        return r

    # ---- first boot: fresh disk ----------------------------------------
    guest, port = start_kvstore(elf, disk)
    try:
        line = guest.wait_line("kvstore:")
        t.check("boot fresh disk", line ==
                "kvstore: listening on 10.0.2.15:7000, 0 keys loaded", line)
        a = KvClient(port=port, client_id=0x1001, sock=sock)
        b = KvClient(port=port, client_id=0x2002, sock=sock)

        t.status("get missing", track(a.get(b"alpha")), NOT_FOUND)
        t.status("put", track(a.put(b"alpha", b"one")), OK)
        t.status("get", track(a.get(b"alpha")), OK, b"one")
        t.status("put overwrite", track(a.put(b"alpha", b"two")), OK)
        t.status("get overwritten", track(a.get(b"alpha")), OK, b"two")
        t.status("put empty value", track(a.put(b"empty", b"")), OK)
        t.status("get empty value", track(a.get(b"empty")), OK, b"")

        r = track(a.cas(b"alpha", b"one", b"three"))
        t.status("cas mismatch returns current", r, CAS_MISMATCH, b"two")
        t.status("cas match", track(a.cas(b"alpha", b"two", b"three")), OK)
        t.status("get after cas", track(a.get(b"alpha")), OK, b"three")
        t.status("cas missing key", track(a.cas(b"nokey", b"", b"x")),
                 NOT_FOUND)

        t.status("delete", track(a.delete(b"empty")), OK)
        t.status("get deleted", track(a.get(b"empty")), NOT_FOUND)
        t.status("delete missing", track(a.delete(b"empty")), NOT_FOUND)
        t.status("put after delete", track(a.put(b"empty", b"back")), OK)
        t.status("get after re-put", track(a.get(b"empty")), OK, b"back")

        # Retries: the same requestNo gets the remembered response and is
        # not applied again.
        t.status("put counter", track(a.put(b"counter", b"1")), OK)
        n = a.next_request_no
        first = track(a.cas(b"counter", b"1", b"2", request_no=n))
        t.status("cas 1->2", first, OK)
        again = track(a.cas(b"counter", b"1", b"2", request_no=n))
        t.status("cas retry: same response", again, OK)
        t.check("cas retry: new replySeq", again.reply_seq > first.reply_seq,
                "%d then %d" % (first.reply_seq, again.reply_seq))
        other = track(a.put(b"counter", b"999", request_no=n))
        t.status("retry with other body: remembered response", other, OK)
        t.status("retries not re-applied", track(a.get(b"counter")), OK, b"2")

        m = a.next_request_no
        t.status("get remembered (1)", track(a.get(b"alpha", request_no=m)),
                 OK, b"three")
        t.status("other client changes it",
                 track(b.put(b"alpha", b"four")), OK)
        t.status("get retry returns remembered value",
                 track(a.get(b"alpha", request_no=m)), OK, b"three")
        t.status("get new request sees change", track(a.get(b"alpha")),
                 OK, b"four")

        # Stale requests
        t.status("stale request", track(a.put(b"alpha", b"old",
                                              request_no=m)),
                 STALE)
        t.status("stale request not applied", track(a.get(b"alpha")),
                 OK, b"four")
        t.status("stale request no 1", track(a.get(b"alpha", request_no=1)),
                 STALE)

        # Sizes
        big = bytes(range(256)) * 4
        t.status("put 1024-byte value", track(a.put(b"big", big)), OK)
        t.status("get 1024-byte value", track(a.get(b"big")), OK, big)
        k64 = b"k" * KEY_MAX
        t.status("put 64-byte key", track(a.put(k64, b"v")), OK)
        t.status("get 64-byte key", track(a.get(k64)), OK, b"v")
        n = a.next_request_no
        t.status("put 1025-byte value", track(a.put(b"huge", big + b"x",
                                                     request_no=n)),
                 TOO_LARGE)
        t.status("too-large retry", track(a.put(b"huge", big + b"x",
                                                 request_no=n)),
                 TOO_LARGE)
        t.status("too-large not stored", track(a.get(b"huge")), NOT_FOUND)
        t.status("cas 1025-byte expected",
                 track(a.cas(b"big", big + b"y", b"")), TOO_LARGE)
        t.status("65-byte key", track(a.put(b"k" * 65, b"v")), BAD_REQUEST)
        t.status("empty key", track(a.get(b"")), BAD_REQUEST)
        t.status("unknown op", track(a.request(9, b"alpha")), BAD_REQUEST)
        t.status("get with a value", track(a.request(OP_GET, b"alpha",
                                                     b"v")), BAD_REQUEST)

        n = a.next_request_no
        a.next_request_no += 1
        d = encode_request(OP_PUT, b"alpha", b"xyz", client_id=a.client_id,
                           request_no=n)
        t.status("length mismatch", track(a.send_raw(d[:-1], a.client_id, n)),
                 BAD_REQUEST)
        n = a.next_request_no
        a.next_request_no += 1
        d = encode_request(OP_GET, b"alpha", client_id=a.client_id,
                           request_no=n, version=2)
        t.status("bad version", track(a.send_raw(d, a.client_id, n)),
                 BAD_REQUEST)

        # Malformed short packets: no reply, and the server lives on.
        for size in (0, 1, 5, 15):
            junk = encode_request(OP_GET, b"alpha", client_id=a.client_id,
                                  request_no=a.next_request_no)[:size]
            got = a.expect_silence(junk)
            t.check("short packet (%d bytes) ignored" % size, got is None,
                    repr(got))
        t.status("alive after junk", track(a.get(b"alpha")), OK, b"four")

        # Many keys, several clients
        clients = [KvClient(port=port, client_id=0x3000 + i, sock=sock)
                   for i in range(8)]
        ok = True
        for i in range(64):
            c = clients[i % len(clients)]
            r = track(c.put(b"key-%03d" % i, b"value-%d" % (i * i)))
            ok = ok and r.status == OK
        t.check("64 puts from 8 clients", ok)
        ok = all(track(clients[i % 8].get(b"key-%03d" % i)).value ==
                 b"value-%d" % (i * i) for i in range(64))
        t.check("64 gets", ok)

        t.check("replySeq counts replies from 1", seqs ==
                list(range(1, len(seqs) + 1)), "%r" % seqs[:10])

        # Round trip (informative)
        rtts = []
        for i in range(50):
            t0 = time.perf_counter()
            a.get(b"alpha")
            rtts.append(time.perf_counter() - t0)
        for i in range(50):
            t0 = time.perf_counter()
            a.put(b"rtt", b"%d" % i)
            rtts.append(time.perf_counter() - t0)
        get_us = sorted(rtts[:50])[25] * 1e6
        put_us = sorted(rtts[50:])[25] * 1e6
        print("info median round trip: get %.0f us, put %.0f us" %
              (get_us, put_us))
    finally:
        guest.stop()

    keys = 2 + 1 + 1 + 1 + 64 + 1     # alpha empty counter big k64 key-* rtt
    last_a = a.next_request_no - 1

    # ---- second boot: same disk ----------------------------------------
    guest, port = start_kvstore(elf, disk)
    try:
        line = guest.wait_line("kvstore:")
        t.check("reboot loads the keys", line ==
                "kvstore: listening on 10.0.2.15:7000, %d keys loaded" % keys,
                line)
        a = KvClient(port=port, client_id=0x1001, sock=sock)
        # The last request before the reboot (a PUT that returned OK) is
        # remembered: a GET of a missing key with its number gets OK.
        r = a.get(b"nokey", request_no=last_a)
        t.status("last request before reboot remembered", r, OK)
        t.check("replySeq starts at 1 again", r.reply_seq == 1, repr(r))
        a.next_request_no = last_a + 1
        t.status("persisted get", a.get(b"alpha"), OK, b"four")
        t.status("persisted cas value", a.get(b"counter"), OK, b"2")
        t.status("persisted big value", a.get(b"big"), OK, big)
        t.status("persisted delete+put", a.get(b"empty"), OK, b"back")
        t.status("persisted miss", a.get(b"huge"), NOT_FOUND)
        ok = all(KvClient(port=port, client_id=0x4000, sock=sock,
                          ).get(b"key-%03d" % i, request_no=i + 1).value ==
                 b"value-%d" % (i * i) for i in range(64))
        t.check("persisted 64 keys", ok)

        # The at-most-once table survived too. Client 0x3000 did 8 puts
        # (requests 1-8) and 8 gets (9-16, the last one of key-056).
        c0 = KvClient(port=port, client_id=0x3000, sock=sock)
        r = c0.put(b"key-000", b"again", request_no=16)
        t.status("persisted client table: remembered response", r, OK,
                 b"value-%d" % (56 * 56))
        t.status("remembered request not applied",
                 a.get(b"key-000"), OK, b"value-0")
        t.status("persisted client table: stale",
                 c0.put(b"key-000", b"again", request_no=15), STALE)
        # Change one key so the next boot has work to check.
        t.status("delete after reboot", a.delete(b"rtt"), OK)
        next_a = a.next_request_no
    finally:
        guest.stop()
    keys -= 1

    # ---- third boot: a corrupted slot is refused -------------------------
    slot = fnv1a(b"alpha") & (SLOTS - 1)
    with open(disk, "r+b") as f:
        f.seek((SLOT_FIRST + slot * SLOT_SECTORS) * SECTOR + 40)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0xFF]))
    # ... and a lost client record: client 0x3007 did puts 1-8 (the last
    # one key-063) and gets 9-16. Erasing its record looks like a stop
    # between a slot write and the client-record write; the slots' stamps
    # bring back request 8 as its highest (the reads 9-16 are forgotten).
    with open(disk, "r+b") as f:
        erased = False
        for i in range(CLIENTS):
            f.seek((CLIENT_FIRST + i * CLIENT_SECTORS) * SECTOR)
            rec = f.read(16)
            if rec[0:4] == b"KVC1" and struct.unpack_from("<I", rec,
                                                         12)[0] == 0x3007:
                f.seek(-16, 1)
                f.write(bytes(CLIENT_SECTORS * SECTOR))
                erased = True
        t.check("client record found on disk", erased)
    guest, port = start_kvstore(elf, disk)
    try:
        line = guest.wait_line("kvstore:")
        t.check("corrupt slot reported",
                line == "kvstore: slot %d: bad checksum, refused" % slot, line)
        line = guest.wait_line("kvstore:")
        t.check("corrupt slot not loaded", line ==
                "kvstore: listening on 10.0.2.15:7000, %d keys loaded"
                % (keys - 1), line)
        a = KvClient(port=port, client_id=0x1001, sock=sock)
        a.next_request_no = next_a
        t.status("refused key is gone", a.get(b"alpha"), NOT_FOUND)
        t.status("other keys still there", a.get(b"counter"), OK, b"2")
        t.status("refused slot reusable", a.put(b"alpha", b"five"), OK)
        t.status("reused slot readable", a.get(b"alpha"), OK, b"five")
        c7 = KvClient(port=port, client_id=0x3007, sock=sock)
        t.status("recovered record: remembered response",
                 c7.put(b"key-063", b"changed", request_no=8), OK)
        t.status("recovered record: request not applied again",
                 c7.get(b"key-063", request_no=9), OK, b"value-%d" % (63 * 63))
        t.status("recovered record: stale", c7.get(b"key-063", request_no=7),
                 STALE)
    finally:
        guest.stop()

    # ---- a disk too small for the layout ---------------------------------
    small = os.path.join(tmp, "small.img")
    qemunet.make_disk(small, 1024 * 1024)
    guest, port = start_kvstore(elf, small)
    try:
        line = guest.wait_line("kvstore:")
        t.check("small disk reported", line.startswith(
            "kvstore: disk too small: 2048 sectors, the layout needs %d"
            % DISK_SECTORS), line)
        code = guest.wait_exit(timeout=20)
        t.check("small disk exit code 4", code == 4, "exit %s" % code)
    finally:
        guest.stop()

    sock.close()
    print("kvstore selftest: %d checks, %d failed" % (t.count, t.failures))
    return 1 if t.failures else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7000)
    p.add_argument("--server", metavar="HOST:PORT[,HOST:PORT]",
                   help="servers, primary first (instead of --host/--port)")
    p.add_argument("--client-id", type=lambda s: int(s, 0), default=1)
    p.add_argument("--request-no", type=int, default=1,
                   help="requestNo to use (a client's numbers start at 1)")
    p.add_argument("--timeout", type=float, default=0.5,
                   help="seconds before a retry (10 tries)")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("get").add_argument("key")
    s = sub.add_parser("put")
    s.add_argument("key")
    s.add_argument("value")
    sub.add_parser("delete").add_argument("key")
    s = sub.add_parser("cas")
    s.add_argument("key")
    s.add_argument("expected")
    s.add_argument("value")
    s = sub.add_parser("selftest")
    here = os.path.dirname(os.path.abspath(__file__))
    s.add_argument("--elf", default=os.path.join(here, "..", "bin",
                                                 "kvstore.elf"))
    s.add_argument("--keep-disk", metavar="PATH",
                   help="use (and keep) this disk image instead of a "
                        "temporary one; it is overwritten")
    args = p.parse_args()

    if args.cmd == "selftest":
        import qemunet
        qemunet.exit_on_sigterm()
        return selftest(args)
    servers = None
    if args.server:
        servers = []
        for item in args.server.split(","):
            host, _, port = item.rpartition(":")
            if not host or not port.isdigit():
                p.error("--server wants HOST:PORT[,HOST:PORT]: %s" % item)
            servers.append((socket.gethostbyname(host), int(port)))
    c = KvClient(args.host, args.port, args.client_id, timeout=args.timeout,
                 servers=servers)
    enc = lambda s: s.encode("utf-8", "surrogateescape")
    if args.cmd == "get":
        r = c.get(enc(args.key), request_no=args.request_no)
    elif args.cmd == "put":
        r = c.put(enc(args.key), enc(args.value), request_no=args.request_no)
    elif args.cmd == "delete":
        r = c.delete(enc(args.key), request_no=args.request_no)
    else:
        r = c.cas(enc(args.key), enc(args.expected), enc(args.value),
                  request_no=args.request_no)
    print("%s replySeq=%d" % (r.status_name, r.reply_seq))
    if r.value_len or (args.cmd in ("get", "cas") and
                       r.status in (OK, CAS_MISMATCH)):
        sys.stdout.write(r.value.decode("utf-8", "backslashreplace") + "\n")
    return 0 if r.status == OK else 1


if __name__ == "__main__":
    sys.exit(main())
