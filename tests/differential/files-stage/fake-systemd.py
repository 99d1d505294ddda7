#!/usr/bin/env python3
"""A stand-in for systemd's private D-Bus socket that answers only "what version are you?".

usage: fake-systemd.py SOCKET_PATH VERSION [LOG]

Why: when a config enables an instance unit (foo@a.service), Ignition (2.14 and today's) reads
the systemd manager's Version property over /run/systemd/private, only to log a warning when it
is older than 240, and fails the files stage when it cannot connect. In the initramfs systemd is
always there; on a test machine without systemd as PID 1 it is not. ../files-stage.sh runs the
cases in a private mount namespace with a tmpfs over /run/systemd and this server on
/run/systemd/private (the host's /run/systemd is never touched), reporting the host's systemd
version, so those cases behave as at a real first boot.

Protocol subset (peer-to-peer D-Bus as go-systemd speaks it, no bus daemon, no Hello):
SASL "AUTH" -> REJECTED EXTERNAL, "AUTH EXTERNAL ..." -> OK, NEGOTIATE_UNIX_FD -> ERROR (no fds
needed), BEGIN; then messages: org.freedesktop.DBus.Properties.Get(iface, "Version") -> variant
string VERSION; org.freedesktop.DBus.AddMatch -> empty reply; anything else -> an UnknownMethod
error. Each method call is appended to LOG when given.
"""
import os
import socket
import socketserver
import struct
import sys
import threading

SOCKET_PATH, VERSION = sys.argv[1], sys.argv[2]
LOG = sys.argv[3] if len(sys.argv) > 3 else None
log_lock = threading.Lock()
serial_lock = threading.Lock()
next_serial = [0]


def log(line):
    if LOG:
        with log_lock, open(LOG, "a") as f:
            f.write(line + "\n")


def pad(n, align):
    return (-n) % align


class Reader:
    def __init__(self, data, endian):
        self.data, self.pos, self.e = data, 0, endian

    def align(self, a):
        self.pos += pad(self.pos, a)

    def byte(self):
        v = self.data[self.pos]
        self.pos += 1
        return v

    def u32(self):
        self.align(4)
        (v,) = struct.unpack_from(self.e + "I", self.data, self.pos)
        self.pos += 4
        return v

    def string(self):
        n = self.u32()
        v = self.data[self.pos:self.pos + n].decode()
        self.pos += n + 1
        return v

    def signature(self):
        n = self.byte()
        v = self.data[self.pos:self.pos + n].decode()
        self.pos += n + 1
        return v

    def value(self, sig):
        if sig in ("s", "o"):
            return self.string()
        if sig == "g":
            return self.signature()
        if sig == "u":
            return self.u32()
        if sig == "y":
            return self.byte()
        raise ValueError("unsupported header type " + sig)


class Writer:
    def __init__(self):
        self.buf = bytearray()

    def align(self, a):
        self.buf += b"\0" * pad(len(self.buf), a)

    def byte(self, v):
        self.buf.append(v)

    def u32(self, v):
        self.align(4)
        self.buf += struct.pack("<I", v)

    def string(self, v):
        b = v.encode()
        self.u32(len(b))
        self.buf += b + b"\0"

    def signature(self, v):
        b = v.encode()
        self.byte(len(b))
        self.buf += b + b"\0"


def message(msg_type, fields, body_sig, body_values):
    """fields: list of (code, sig, value); body: values of basic types s or v(s)."""
    body = Writer()
    for sig, v in zip(body_sig, body_values):
        if sig == "s":
            body.string(v)
        elif sig == "v":
            body.signature("s")
            body.string(v)
    if body_sig:
        fields = fields + [(8, "g", body_sig)]
    with serial_lock:
        next_serial[0] += 1
        serial = next_serial[0]
    w = Writer()
    w.buf += struct.pack("<cBBBII", b"l", msg_type, 0, 1, len(body.buf), serial)
    arr = Writer()
    for code, sig, v in fields:
        arr.align(8)
        arr.byte(code)
        arr.signature(sig)
        if sig in ("s", "o"):
            arr.string(v)
        elif sig == "g":
            arr.signature(v)
        elif sig == "u":
            arr.u32(v)
    # the header-field array starts at offset 16, which is 8-aligned, so the offsets computed
    # inside arr (from 0) are the right ones
    w.u32(len(arr.buf))
    w.buf += arr.buf
    w.align(8)
    return bytes(w.buf) + bytes(body.buf)


class Handler(socketserver.BaseRequestHandler):
    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.request.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def sasl(self):
        if self.recv_exact(1) != b"\0":
            raise EOFError
        pending = b""
        while True:
            while b"\r\n" not in pending:
                chunk = self.request.recv(4096)
                if not chunk:
                    raise EOFError
                pending += chunk
            line, pending = pending.split(b"\r\n", 1)
            words = line.split()
            if not words:
                continue
            if words[0] == b"AUTH" and len(words) == 1:
                self.request.sendall(b"REJECTED EXTERNAL\r\n")
            elif words[0] == b"AUTH" and words[1] == b"EXTERNAL":
                self.request.sendall(b"OK 0123456789abcdef0123456789abcdef\r\n")
            elif words[0] == b"NEGOTIATE_UNIX_FD":
                self.request.sendall(b"ERROR\r\n")
            elif words[0] == b"BEGIN":
                return pending
            else:
                self.request.sendall(b"ERROR\r\n")

    def handle(self):
        try:
            rest = self.sasl()
            while True:
                head = rest[:16]
                rest = rest[16:]
                if len(head) < 16:
                    head += self.recv_exact(16 - len(head))
                endian = "<" if head[0:1] == b"l" else ">"
                msg_type, flags = head[1], head[2]
                body_len, serial, fields_len = struct.unpack_from(endian + "III", head, 4)
                total = fields_len + pad(16 + fields_len, 8) + body_len
                data = rest[:total]
                rest = rest[total:]
                if len(data) < total:
                    data += self.recv_exact(total - len(data))
                r = Reader(head + data, endian)
                r.pos = 16
                end = 16 + fields_len
                fields = {}
                while r.pos < end:
                    r.align(8)
                    code = r.byte()
                    sig = r.signature()
                    fields[code] = r.value(sig)
                r.align(8)
                args = []
                for sig in fields.get(8, ""):
                    args.append(r.value(sig) if sig in "sogu" else None)
                if msg_type != 1:
                    continue
                iface, member = fields.get(2, ""), fields.get(3, "")
                log("%s %s.%s %s" % (fields.get(1, ""), iface, member, args))
                if flags & 1:
                    continue
                reply_to = [(5, "u", serial)]
                if iface == "org.freedesktop.DBus.Properties" and member == "Get" and args[1:2] == ["Version"]:
                    out = message(2, reply_to, "v", [VERSION])
                elif member == "AddMatch":
                    out = message(2, reply_to, "", [])
                else:
                    out = message(3, reply_to + [(4, "s", "org.freedesktop.DBus.Error.UnknownMethod")],
                                  "s", ["fake-systemd.py answers only the manager's Version"])
                self.request.sendall(out)
        except (EOFError, ConnectionError):
            return


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


if __name__ == "__main__":
    if os.path.exists(SOCKET_PATH):
        os.unlink(SOCKET_PATH)
    with Server(SOCKET_PATH, Handler) as server:
        server.serve_forever()
