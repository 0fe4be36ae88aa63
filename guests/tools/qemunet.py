"""Starts and stops network guests under QEMU for the self-tests.

Used by kvclient.py (selftest), echocheck.py and framecheck.py. Every wait
is bounded and the QEMU process is always killed at the end (use the
Guest object as a context manager).
"""

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time

GUESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN_QEMU_NET = os.path.join(GUESTS, "run-qemu-net.sh")


def free_udp_port():
    """A UDP port on 127.0.0.1 that is free right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_on_free_port(make, attempts=3):
    """Starts make(port) on a free UDP port of 127.0.0.1. The port is free
    when picked but QEMU binds it a moment later; if QEMU quits before the
    guest prints anything, tries again with another port.
    Returns (guest, port)."""
    for attempt in range(attempts):
        port = free_udp_port()
        guest = make(port)
        guest.start()
        if guest.wait_started():
            return guest, port
        guest.stop()
        err = guest.stderr.decode("utf-8", "replace").strip()
        if attempt + 1 == attempts:
            raise RuntimeError("QEMU quit before the guest started: " + err)
        print("info QEMU did not start on port %d (%s); another port"
              % (port, err))


def make_disk(path, size):
    """Creates (or truncates) a zero-filled raw disk image of `size` bytes."""
    with open(path, "wb") as f:
        f.truncate(size)


class Guest:
    """One QEMU run of a guest ELF.

    Either through run-qemu-net.sh (user network, UDP forwards given as
    {host_port: guest_port}, optional disk) or with an explicit argument
    list (`argv`) for other network back-ends. Console lines are collected
    by a reader thread.
    """

    def __init__(self, elf, forwards=None, disk=None, argv=None, extra=()):
        if argv is None:
            argv = [RUN_QEMU_NET]
            if disk:
                argv += ["-d", disk]
            for host, guest in (forwards or {}).items():
                argv += ["-p", "%d:%d" % (host, guest)]
            argv += [elf] + list(extra)
        self.argv = argv
        self.lines = []
        self._queue = queue.Queue()
        self.proc = None
        self.stderr = b""

    def __enter__(self):
        if self.proc is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        if self.proc is not None:
            raise RuntimeError("guest already started")
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE,
                                     start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            self._queue.put(line)
        self._queue.put(None)

    def _read_err(self):
        self.stderr = self.proc.stderr.read()

    def wait_started(self, timeout=15.0):
        """True once the guest printed something; False if QEMU quit
        first (e.g. it could not bind a port). Leaves the lines queued."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.lines:
                return True
            if self.proc.poll() is not None:
                time.sleep(0.1)         # let the reader thread finish
                return bool(self.lines)
            time.sleep(0.01)
        raise RuntimeError("guest printed nothing in %.0f s" % timeout)

    def wait_line(self, prefix, timeout=15.0):
        """The first console line starting with `prefix` (from now on).

        Raises RuntimeError on timeout or if the guest stops first."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("timed out waiting for %r; console: %r"
                                   % (prefix, self.lines))
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                self.proc.wait(timeout=5)
                raise RuntimeError(
                    "guest stopped (exit %s) before %r; console: %r; qemu: %s"
                    % (self.proc.returncode, prefix, self.lines,
                       self.stderr.decode("utf-8", "replace").strip()))
            if line.startswith(prefix):
                return line

    def wait_exit(self, timeout=30.0):
        """The exit code; kills QEMU and raises if it runs past `timeout`."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise RuntimeError("guest still running after %.0f s" % timeout)

    def cpu_seconds(self):
        """User + system CPU time of the QEMU process so far (Linux)."""
        pid = self.qemu_pid()
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def qemu_pid(self):
        # run-qemu-net.sh execs timeout, which forks QEMU as its child.
        try:
            with open("/proc/%d/task/%d/children" % (self.proc.pid,
                                                    self.proc.pid)) as f:
                kids = f.read().split()
            if kids:
                return int(kids[0])
        except OSError:
            pass
        return self.proc.pid

    def stop(self):
        """Ends the run: SIGTERM, then SIGKILL, to the process group started
        for it (the script's `timeout` and its QEMU child, nothing else)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=5)
                return
            except subprocess.TimeoutExpired:
                pass


def exit_on_sigterm():
    """Turns SIGTERM into SystemExit so `finally` blocks still stop QEMU."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
