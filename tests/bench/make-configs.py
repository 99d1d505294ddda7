#!/usr/bin/env python3
"""Writes the benchmark configs: a small one, and a ~1 MB one with 5,000 files (spec 3.3.0, valid)."""
import json
import sys

out = sys.argv[1]

small = {
    "ignition": {"version": "3.3.0"},
    "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBench core@bench"]}]},
    "storage": {"files": [{"path": "/etc/hostname", "mode": 420, "overwrite": True, "contents": {"source": "data:,bench%0A"}}]},
    "systemd": {"units": [{"name": "bench.service", "enabled": True,
                           "contents": "[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n"}]},
}

files = []
for i in range(5000):
    files.append({
        "path": f"/etc/bench/dir{i % 50:02d}/file-{i:05d}.conf",
        "mode": 420,
        "overwrite": True,
        "user": {"name": "core"},
        "contents": {
            "source": f"data:,bench%20file%20{i}",
            "verification": {"hash": "sha256-" + f"{i:064x}"},
        },
    })
large = dict(small)
large["storage"] = {"files": files}

with open(f"{out}/small.ign", "w") as f:
    json.dump(small, f, indent=2)
with open(f"{out}/large.ign", "w") as f:
    json.dump(large, f, separators=(",", ":"))
