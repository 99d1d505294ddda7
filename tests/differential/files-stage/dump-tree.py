#!/usr/bin/env python3
"""Prints a root directory as text, one line per node, so two roots can be compared with diff.

usage: dump-tree.py ROOT

Node lines, sorted by path (bytewise), the root itself as "/":
    PATH TYPE MODE UID GID [DETAIL]
TYPE is d (directory), f (regular file), l (symlink), p, s, c, b; MODE is the four-digit octal
permission incl. setuid/setgid/sticky (symlinks: 0777 as lstat gives it). DETAIL is
    f: sha256=<hex> size=<n> [nlink=<n> inode-of=<first path with that inode>]
    l: -> <target, verbatim>
    c/b: dev=<major>,<minor>
Then one section per user-database file (etc/passwd, group, shadow, gshadow and their "-"
backups), its entries one per line as the file has them, after the normalisations below.

Normalisations (everything else is compared byte for byte, through the sha256):
 1. shadow's third field, the day of the last password change, is "<recent>" when it lies
    within one day of today: useradd/usermod write the current day, which changes when two runs
    straddle midnight. The base root's own entries use the fixed day 19000 and stay as they are.
    (The files carrying that field, shadow and shadow-, are dumped by entries, not by hash.)
 2. etc/.ignition-result.json: its provisioningDate and provisioningBootID differ on every run,
    so the dump shows the sorted list of its top-level keys and the value of userConfigProvided
    instead of a hash; its type, mode and owner are compared as for any node.
 3. etc/systemd/system-preset/20-ignition.preset: Ignition 2.14 appends the preset lines in the
    iteration order of a Go map, which is random from one run to the next (today's Ignition sorts
    them), so the dump hashes the lines sorted and also lists them sorted. The order of the
    instance names inside one line is kept.
Anything that is not valid UTF-8 in a path or symlink target is printed with backslash escapes.
"""
import hashlib
import json
import os
import stat
import sys
import time

USERDB = {"etc/passwd", "etc/group", "etc/shadow", "etc/gshadow"}
USERDB |= {p + "-" for p in USERDB}
RESULT_FILE = "etc/.ignition-result.json"
PRESET_FILE = "etc/systemd/system-preset/20-ignition.preset"


def text(b):
    return b.decode("utf-8", "backslashreplace")


def walk(root):
    """Yields (relative path as bytes, lstat) for every node under root, root included."""
    stack = [b""]
    while stack:
        rel = stack.pop()
        full = os.path.join(root, rel) if rel else root
        st = os.lstat(full)
        yield rel, st
        if stat.S_ISDIR(st.st_mode):
            for name in os.listdir(full):
                stack.append(os.path.join(rel, name) if rel else name)


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def userdb_entries(rel, data, today):
    lines = []
    for line in text(data).split("\n"):
        if line == "":
            continue
        fields = line.split(":")
        if rel.startswith("etc/shadow") and len(fields) > 2 and fields[2].isdigit():
            if abs(int(fields[2]) - today) <= 1:
                fields[2] = "<recent>"
        lines.append(":".join(fields))
    return lines


def result_summary(data):
    try:
        doc = json.loads(data)
    except ValueError as e:
        return "unparseable-json(%s)" % e
    if not isinstance(doc, dict):
        return "not-an-object"
    return "keys=%s userConfigProvided=%s" % (
        ",".join(sorted(doc)), json.dumps(doc.get("userConfigProvided")))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: dump-tree.py ROOT\n")
        return 2
    root = os.fsencode(sys.argv[1])
    today = int(time.time() // 86400)

    nodes = sorted(walk(root), key=lambda n: n[0])
    first_path_of_inode = {}
    sections = []
    out = []
    for rel, st in nodes:
        full = os.path.join(root, rel) if rel else root
        srel = text(rel)
        path = "/" + srel
        mode = stat.S_IMODE(st.st_mode)
        fmt = stat.S_IFMT(st.st_mode)
        kind = {stat.S_IFDIR: "d", stat.S_IFREG: "f", stat.S_IFLNK: "l", stat.S_IFIFO: "p",
                stat.S_IFSOCK: "s", stat.S_IFCHR: "c", stat.S_IFBLK: "b"}.get(fmt, "?")
        line = "%s %s %04o %d %d" % (path, kind, mode, st.st_uid, st.st_gid)
        if kind == "f":
            with open(full, "rb") as f:
                data = f.read()
            if srel in USERDB:
                detail = "user-db size=%d (entries below)" % len(data)
                sections.append((srel, userdb_entries(srel, data, today)))
            elif srel == RESULT_FILE:
                detail = "ignition-result " + result_summary(data)
            elif srel == PRESET_FILE:
                sorted_lines = sorted(text(data).splitlines())
                detail = "preset-lines-sorted sha256=%s" % sha256_bytes(
                    "".join(l + "\n" for l in sorted_lines).encode())
                sections.append((srel + " (lines sorted)", sorted_lines))
            else:
                detail = "sha256=%s size=%d" % (sha256_bytes(data), len(data))
            if st.st_nlink > 1:
                key = (st.st_dev, st.st_ino)
                detail += " nlink=%d" % st.st_nlink
                if key in first_path_of_inode:
                    detail += " inode-of=%s" % first_path_of_inode[key]
                else:
                    first_path_of_inode[key] = path
            line += " " + detail
        elif kind == "l":
            line += " -> " + text(os.readlink(full))
        elif kind in "cb":
            line += " dev=%d,%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
        out.append(line)

    for name, entries in sections:
        out.append("")
        out.append("== /%s" % name)
        out.extend(entries)
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
