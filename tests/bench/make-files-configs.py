#!/usr/bin/env python3
"""Writes the files-stage benchmark configs (spec 3.3.0, valid, deterministic): files-1000.ign and
files-10000.ign. Each has that many files in nested directories (two to five levels under /etc,
/opt, /usr/local and /var/lib), inline data: contents of 200 bytes to 6 KB (percent-encoded, base64,
or gzip-compressed base64), some explicit modes, owners and sha512 hashes, plus about 1% as many
directories and symlinks.
Usage: make-files-configs.py OUT_DIR [SIZE...]"""
import base64
import gzip
import hashlib
import json
import random
import sys
import urllib.parse

out = sys.argv[1]
sizes = [int(s) for s in sys.argv[2:]] or [1000, 10000]

WORDS = ("server listen port address timeout retry interval enabled disabled cache size path log level "
         "debug info warn error user group mode owner backend upstream proxy tls cert key ca bundle "
         "endpoint region zone cluster node worker replica shard index queue topic consumer producer "
         "buffer limit max min threshold health check probe metrics export scrape target job").split()
TOPS = ["/etc", "/opt/app", "/usr/local/etc", "/var/lib"]
SUBS = ["conf.d", "sites", "certs", "profiles", "rules", "drop-ins", "env", "templates", "policies", "keys"]
EXTS = [".conf", ".yaml", ".json", ".env", ".ini", ".pem", ".rules", ".toml"]
MODES = [420, 384, 493, 416, 288]  # 0644 0600 0755 0640 0440


def text(rng, size):
    """Config-like text of about `size` bytes."""
    lines, n = [], 0
    while n < size:
        if rng.random() < 0.1:
            line = f"[{rng.choice(WORDS)}.{rng.choice(WORDS)}]"
        elif rng.random() < 0.1:
            line = "# " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
        else:
            value = rng.choice([str(rng.randint(0, 65535)), rng.choice(WORDS),
                                f"/{rng.choice(WORDS)}/{rng.choice(WORDS)}", f"\"{rng.choice(WORDS)} {rng.choice(WORDS)}\"",
                                f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"])
            line = f"{rng.choice(WORDS)}_{rng.choice(WORDS)} = {value}"
        lines.append(line)
        n += len(line) + 1
    return ("\n".join(lines) + "\n").encode()[:size]


def make(count, seed):
    rng = random.Random(seed)
    # A tree of directories two to five levels deep, about 8 files per leaf directory.
    dirs = set()
    while len(dirs) < max(count // 8, 4):
        depth = rng.randint(1, 4)
        parts = [rng.choice(TOPS), f"svc{rng.randint(0, count // 40 + 3):03d}"]
        parts += [rng.choice(SUBS) + (str(rng.randint(0, 3)) if rng.random() < 0.3 else "") for _ in range(depth - 1)]
        dirs.add("/".join(parts))
    dirs = sorted(dirs)

    files = []
    for i in range(count):
        size = int(rng.lognormvariate(7.0, 0.7))  # median ~1.1 KB
        size = min(max(size, 200), 6144)
        data = text(rng, size)
        entry = {"path": f"{rng.choice(dirs)}/f{i:05d}-{rng.choice(WORDS)}{rng.choice(EXTS)}"}
        kind = rng.random()
        if kind < 0.5:
            entry["contents"] = {"source": "data:," + urllib.parse.quote(data, safe="/=:,._-")}
        elif kind < 0.8:
            entry["contents"] = {"source": "data:;base64," + base64.b64encode(data).decode()}
        else:
            packed = gzip.compress(data, mtime=0)
            entry["contents"] = {"source": "data:;base64," + base64.b64encode(packed).decode(), "compression": "gzip"}
        if kind < 0.8 and rng.random() < 0.2:
            entry["contents"]["verification"] = {"hash": "sha512-" + hashlib.sha512(data).hexdigest()}
        if rng.random() < 0.6:
            entry["mode"] = rng.choice(MODES)
        if rng.random() < 0.1:
            entry["user"] = {"id": 1000}
            entry["group"] = {"id": 1000}
        if rng.random() < 0.3:
            entry["overwrite"] = True
        files.append(entry)

    extra = max(count // 100, 3)
    directories = [{"path": f"/var/lib/bench/state{i:03d}/data", "mode": rng.choice([448, 488, 493])} for i in range(extra)]
    links = [{"path": f"/etc/bench/links/l{i:04d}", "target": rng.choice(files)["path"]} for i in range(extra)]
    return {"ignition": {"version": "3.3.0"},
            "storage": {"directories": directories, "files": files, "links": links}}


for count in sizes:
    with open(f"{out}/files-{count}.ign", "w") as f:
        json.dump(make(count, seed=count), f, separators=(",", ":"))
