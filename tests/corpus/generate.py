#!/usr/bin/env python3
"""Generate the ignition-validate differential corpus.

Writes every case to  validate/<area>/<name>.ign  (deterministically), runs the
real ignition-validate (Ignition 2.14) on it and records the verdict in
validate/<area>/<name>.expected:

    exit=<code>
    <every stdout line, verbatim>
    stderr: <every stderr line>

Usage: generate.py [--ignition-validate PATH] [--runs N] [--no-run] [--keep-going]

Python 3.11 standard library only.  See README.md next to this file.
"""

import argparse
import base64
import collections
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "validate")

V30, V31, V32, V33 = "3.0.0", "3.1.0", "3.2.0", "3.3.0"
VERSIONS = [V30, V31, V32, V33]


def vt(v):
    """'3.2.0' -> 'v32'"""
    return "v" + v[0] + v[2]


def since(v0):
    return [v for v in VERSIONS if v >= v0]


def before(v0):
    return [v for v in VERSIONS if v < v0]


# ---------------------------------------------------------------------------
# Serialisation styles.  Dict insertion order is preserved, so output is stable.
# ---------------------------------------------------------------------------

STYLE_CYCLE = ("pretty", "compact", "pretty", "spaced", "indent4", "compact", "tabs")


def dump(obj, style):
    if style == "pretty":
        return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
    if style == "compact":
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    if style == "spaced":
        return json.dumps(obj, ensure_ascii=False) + "\n"
    if style == "indent4":
        return json.dumps(obj, indent=4, ensure_ascii=False) + "\n"
    if style == "tabs":
        return json.dumps(obj, indent="\t", ensure_ascii=False) + "\n"
    if style == "crlf":
        return json.dumps(obj, indent=2, ensure_ascii=False).replace("\n", "\r\n") + "\r\n"
    if style == "ascii":
        return json.dumps(obj, indent=2, ensure_ascii=True) + "\n"
    raise ValueError(style)


# ---------------------------------------------------------------------------
# Expectation helpers (intent checks, so the corpus really exercises what the
# case name claims).  They do not influence the recorded .expected files.
# ---------------------------------------------------------------------------

def OK():
    return ("ok", [])


def W(*subs):
    return ("warn", list(subs))


def E(*subs):
    return ("error", list(subs))


Case = collections.namedtuple("Case", "area name data want")


class Corpus:
    def __init__(self):
        self.cases = collections.OrderedDict()
        self.counters = collections.Counter()

    def add(self, area, name, content, want=None, style=None):
        key = area + "/" + name
        if key in self.cases:
            raise SystemExit("duplicate case name " + key)
        if want is None:
            raise SystemExit("case %s has no intent" % key)
        if isinstance(content, (dict, list)):
            if style is None:
                style = STYLE_CYCLE[self.counters[area] % len(STYLE_CYCLE)]
                self.counters[area] += 1
            data = dump(content, style).encode("utf-8")
        elif isinstance(content, str):
            data = content.encode("utf-8")
        else:
            data = bytes(content)
        self.cases[key] = Case(area, name, data, want)


# ---------------------------------------------------------------------------
# Config construction helpers
# ---------------------------------------------------------------------------

def C(version, ign=None, **sections):
    """A config dict: ignition first (version first inside), then sections in
    the given order."""
    ignition = {"version": version}
    if ign:
        ignition.update(ign)
    d = {"ignition": ignition}
    for k, v in sections.items():
        d[k] = v
    return d


def S(**kw):
    return dict(kw)


def files(*fs):
    return {"files": list(fs)}


def F(path, **kw):
    d = {"path": path}
    d.update(kw)
    return d


def src(url, **kw):
    d = {"source": url}
    d.update(kw)
    return d


def units(*us):
    return {"units": list(us)}


def U(name, **kw):
    d = {"name": name}
    d.update(kw)
    return d


def data_plain(text):
    return "data:," + urllib.parse.quote(text, safe="")


def data_b64(blob, mime="text/plain;charset=utf-8"):
    if isinstance(blob, str):
        blob = blob.encode("utf-8")
    return "data:%s;base64,%s" % (mime, base64.b64encode(blob).decode("ascii"))


def sha512(blob):
    if isinstance(blob, str):
        blob = blob.encode("utf-8")
    return "sha512-" + hashlib.sha512(blob).hexdigest()


def sha256(blob):
    if isinstance(blob, str):
        blob = blob.encode("utf-8")
    return "sha256-" + hashlib.sha256(blob).hexdigest()


def gz(text):
    return gzip.compress(text.encode("utf-8"), mtime=0)


# Realistic sample material ---------------------------------------------------

SSH_KEY_1 = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOq2wDa3rVV6pDp0uMpqXbIjpb7eS7N2a0Vq7G5UQ8x1 "
             "core@workstation")
SSH_KEY_2 = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC7n4Yk2rX0dM9pZ1Jb3v8Qw5Lr6Tq0sN1uV2yW3zA4bC5dE6fG7"
             "hI8jK9lM0nO1pQ2rS3tU4vW5xY6zA7bB8cC9dD0eE1fF2gG3hH4iI5jJ6kK7lL8mM9nN0oO1pP2qQ3rR4sS5tT6u "
             "ops@bastion.example.net")
SSH_KEY_3 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEx3 deploy@ci"
PW_HASH = "$6$rounds=4096$yjWpjXzR2TlKJ3$0t9zL7Dk0gq8w2XaZr0JfM9pQ1cVbN4eHkS6uYtR3wE5sD7fG9hJ1kL3mN5bV7cX9zA1sD3fG5hJ7kL9"
PW_HASH_Y = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7"

CA_PEM = """-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUPxBz4pq3u4f5JZr9kLwQmI3wYxAwCgYIKoZIzj0EAwIw
LzEtMCsGA1UEAwwkUHJvdmlzaW9uZXIgVGVzdCBSb290IENBIChkbyBub3QgdXNl
KTAeFw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAwMDBaMC8xLTArBgNVBAMMJFBy
b3Zpc2lvbmVyIFRlc3QgUm9vdCBDQSAoZG8gbm90IHVzZSkwWTATBgcqhkjOPQIB
-----END CERTIFICATE-----
"""

HOSTNAME = "node-01.lab.example.com\n"
MOTD = "Welcome to a Provisioner-configured host.\nUnauthorised access is prohibited.\n"
SYSCTL = "vm.swappiness=10\nnet.ipv4.ip_forward=1\nkernel.panic=10\n"
CHRONY = "server time.example.com iburst\ndriftfile /var/lib/chrony/drift\nmakestep 1.0 3\n"
SSHD_DROPIN = "PasswordAuthentication no\nPermitRootLogin no\nClientAliveInterval 300\n"
REGISTRIES = '[[registry]]\nlocation = "registry.example.com"\ninsecure = false\n'

UNIT_HELLO = """[Unit]
Description=Say hello once
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=/usr/bin/echo hello
RemainAfterExit=yes

[Install]
WantedBy=multi-user.target
"""

UNIT_NOINSTALL = """[Unit]
Description=Unit without an install section

[Service]
Type=oneshot
ExecStart=/usr/bin/true
"""

UNIT_CONTAINER = """[Unit]
Description=etcd member container
After=network-online.target
Wants=network-online.target

[Service]
Restart=always
ExecStartPre=-/usr/bin/podman rm --force etcd
ExecStart=/usr/bin/podman run --name etcd --net=host \\
  -v /var/lib/etcd:/var/lib/etcd:z \\
  quay.io/coreos/etcd:v3.5.9
ExecStop=/usr/bin/podman stop etcd

[Install]
WantedBy=multi-user.target
"""

UNIT_TIMER = """[Unit]
Description=Nightly cleanup

[Timer]
OnCalendar=*-*-* 03:00:00
Persistent=true

[Install]
WantedBy=timers.target
"""

UNIT_CLEANUP = """[Unit]
Description=Nightly cleanup job

[Service]
Type=oneshot
ExecStart=/usr/local/bin/cleanup.sh
"""

UNIT_MOUNT = """[Unit]
Description=Mount data volume
Before=local-fs.target

[Mount]
What=/dev/disk/by-label/data
Where=/var/srv
Type=xfs

[Install]
RequiredBy=local-fs.target
"""

DROPIN_ENV = "[Service]\nEnvironment=HTTP_PROXY=http://proxy.example.com:3128\n"
DROPIN_AUTOLOGIN = """[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin core --noclear %I $TERM
"""

GUID_ROOT = "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709"
GUID_LINUX = "0FC63DAF-8483-4772-8E79-3D69D8477DE4"
GUID_SWAP = "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F"
GUID_RAID = "A19D880F-05FC-4D3B-A006-743F0F84911E"
GUID_ESP = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"

TANG_THP = "Y9Vh3Fbf6mBqk4gqkZx1MnqS5XYyEbyfDmz7xQlZ4o8"
TANG_THP2 = "nWd4XzAH7zW0qG3dKbQxJ2S9uTn5P1mvCw6RyLh0aEo"

SHA512_HELLO = sha512("hello\n")
SHA256_HELLO = sha256("hello\n")
HEX128 = "a" * 128
HEX64 = "b" * 64


# ===========================================================================
# Area: syntax -- JSON syntax errors and non-JSON inputs
# ===========================================================================

def area_syntax(c):
    a = "syntax"
    good = dump(C(V33, storage=files(F("/etc/hostname", mode=420, contents=src(data_plain(HOSTNAME))))), "pretty")
    c.add(a, "empty-file", b"", E("not a config (empty)"))
    c.add(a, "whitespace-only", b"\n   \n\t\n", E("unexpected end of JSON input"))
    c.add(a, "newline-only", b"\n", E("unexpected end of JSON input"))
    c.add(a, "truncated-pretty", good[: good.index('"mode"') + 3], E("unexpected end of JSON input"))
    c.add(a, "truncated-in-string", '{"ignition":{"version":"3.3', E("unexpected end of JSON input"))
    c.add(a, "truncated-after-colon", '{\n  "ignition": {\n    "version": ', E("unexpected end of JSON input"))
    c.add(a, "missing-final-brace", '{"ignition":{"version":"3.3.0"}', E("unexpected end of JSON input"))
    c.add(a, "trailing-comma-object-compact", '{"ignition":{"version":"3.3.0"},}', E("invalid character '}'"))
    c.add(a, "trailing-comma-object-pretty",
          '{\n  "ignition": {\n    "version": "3.2.0",\n  },\n  "storage": {}\n}\n', E("invalid character '}'"))
    c.add(a, "trailing-comma-array",
          '{\n  "ignition": {"version": "3.1.0"},\n  "passwd": {\n    "users": [\n      {"name": "core"},\n    ]\n  }\n}\n',
          E("invalid character ']'"))
    c.add(a, "bad-literal-tru",
          '{\n  "ignition": {"version": "3.3.0"},\n  "storage": {\n    "files": [\n      {"path": "/etc/motd", "overwrite": tru}\n    ]\n  }\n}\n',
          E("invalid character '}' in literal true"))
    c.add(a, "bad-literal-True", '{"ignition":{"version":"3.3.0"},"systemd":{"units":[{"name":"a.service","enabled":True}]}}',
          E("invalid character 'T'"))
    c.add(a, "bad-literal-None", '{"ignition":{"version":"3.0.0"},"storage":None}', E("invalid character 'N'"))
    c.add(a, "bad-literal-nul", '{"ignition":{"version":"3.0.0"},"storage":nul}', E("in literal null"))
    c.add(a, "single-quotes", "{'ignition': {'version': '3.3.0'}}", E("invalid character '\\''"))
    c.add(a, "line-comment",
          '// generated by hand\n{\n  "ignition": {"version": "3.3.0"}\n}\n', E("invalid character '/'"))
    c.add(a, "inline-comment",
          '{\n  "ignition": {\n    "version": "3.3.0" // latest\n  }\n}\n', E("invalid character '/'"))
    c.add(a, "block-comment",
          '{\n  /* provisioning */\n  "ignition": {"version": "3.3.0"}\n}\n', E("invalid character '/'"))
    c.add(a, "unquoted-key", '{ignition: {version: "3.3.0"}}', E("invalid character 'i'"))
    c.add(a, "missing-colon", '{"ignition" {"version":"3.3.0"}}', E("after object key"))
    c.add(a, "missing-comma-members",
          '{\n  "ignition": {"version": "3.3.0"}\n  "storage": {}\n}\n', E("after object key:value pair"))
    c.add(a, "missing-comma-array",
          '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"a"} {"name":"b"}]}}', E("after array element"))
    c.add(a, "unterminated-array", '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"a"}}}',
          E("invalid character '}' after array element"))
    c.add(a, "extra-closing-brace", '{"ignition":{"version":"3.3.0"}}}', E("after top-level value"))
    c.add(a, "two-documents", '{"ignition":{"version":"3.3.0"}}\n{"ignition":{"version":"3.3.0"}}\n',
          E("after top-level value"))
    c.add(a, "cloud-config",
          "#cloud-config\nhostname: node-01\nusers:\n  - name: core\n    ssh_authorized_keys:\n      - %s\n" % SSH_KEY_1,
          E("invalid character '#'"))
    c.add(a, "shell-script", "#!/bin/sh\nset -eu\necho 'hello' > /etc/motd\n", E("invalid character '#'"))
    c.add(a, "butane-yaml",
          "variant: fcos\nversion: 1.4.0\npasswd:\n  users:\n    - name: core\n", E("invalid character 'v'"))
    c.add(a, "ini-text", "[Unit]\nDescription=not json\n", E("invalid character 'U'"))
    c.add(a, "xml-text", '<?xml version="1.0"?>\n<config/>\n', E("invalid character '<'"))
    c.add(a, "top-level-array", '[{"ignition":{"version":"3.3.0"}}]', E("cannot unmarshal array"))
    c.add(a, "top-level-array-pretty", '[\n  {\n    "ignition": {"version": "3.3.0"}\n  }\n]\n',
          E("cannot unmarshal array"))
    c.add(a, "top-level-string", '"3.3.0"', E("cannot unmarshal string"))
    c.add(a, "top-level-string-newline", '"3.3.0"\n', E("cannot unmarshal string"))
    c.add(a, "top-level-number", "42", E("cannot unmarshal number"))
    c.add(a, "top-level-true", "true\n", E("cannot unmarshal bool"))
    c.add(a, "top-level-null", "null", E("invalid config version"))
    c.add(a, "utf8-bom", b"\xef\xbb\xbf" + dump(C(V33), "compact").encode(), E("invalid character"))
    c.add(a, "invalid-utf8-outside-string", b'{"ignition":{"version":"3.3.0"}\xff}', E("invalid character"))
    c.add(a, "invalid-utf8-in-string-valid",
          b'{\n  "ignition": {"version": "3.3.0"},\n  "passwd": {"users": [{"name": "core", "gecos": "Caf\xe9 \xff\xfe admin"}]}\n}\n',
          OK())
    c.add(a, "invalid-utf8-shifts-column",
          b'{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"\xff\xfe\xfd","gecos":1}]}}',
          E("cannot unmarshal number"))
    c.add(a, "multibyte-shifts-column",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/srv/caf\u00e9/\u65e5\u672c/\u00fcber.txt"},{"path":"relative/\u00e9"}]}}',
          E("path not absolute"))
    c.add(a, "nan-literal", '{"ignition":{"version":"3.3.0"},"ignition":{"timeouts":{"httpTotal":NaN}}}',
          E("invalid character 'N'"))
    c.add(a, "leading-zero-mode",
          '{\n  "ignition": {"version": "3.3.0"},\n  "storage": {\n    "files": [\n      {\n        "path": "/etc/motd",\n        "mode": 0644\n      }\n    ]\n  }\n}\n',
          E("invalid character '6'"))
    c.add(a, "hex-number", '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":0x1a4}]}}',
          E("invalid character 'x'"))
    c.add(a, "plus-sign-number", '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":+420}]}}',
          E("invalid character '+'"))
    c.add(a, "raw-newline-in-string",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/etc/motd\n"}]}}', E("in string literal"))
    c.add(a, "raw-tab-in-string", '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"co\tre"}]}}',
          E("in string literal"))
    c.add(a, "invalid-escape", '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"C:\\temp\\x"}]}}',
          E("in string escape code"))
    c.add(a, "bad-unicode-escape", '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"\\u12G4"}]}}',
          E("in \\u hexadecimal character escape"))
    c.add(a, "lone-surrogate-escape-valid",
          '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"core","gecos":"\\ud800 x"}]}}', OK())
    c.add(a, "escaped-path-raw-unicode-in-data-url",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"\\/etc\\/motd","contents":{"source":"data:,hi%20\\u00e9"}}]}}',
          E("invalid data character"))
    c.add(a, "escaped-path-valid",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"\\/etc\\/motd","contents":{"source":"data:,hi%20\\u0041"}}]}}',
          OK())
    c.add(a, "crlf-line-endings-valid", dump(C(V32, storage=files(F("/etc/motd", contents=src(data_plain(MOTD))))), "crlf"), OK())
    c.add(a, "crlf-line-endings-error",
          dump(C(V32, storage=files(F("/etc/motd", mode=420), F("etc/issue"))), "crlf"), E("path not absolute"))
    c.add(a, "syntax-error-after-type-error",
          '{\n  "ignition": {"version": "3.3.0"},\n  "storage": {"files": [{"path": 5}]},\n  "systemd": {"units": [}\n}\n',
          E("invalid character '}'"))
    c.add(a, "deeply-nested-unknown-valid",
          '{"ignition":{"version":"3.3.0"},"x":{"a":{"b":{"c":{"d":[[[[{"e":null}]]]]}}}}}', W("Unused key x"))
    c.add(a, "whitespace-heavy-valid",
          '\n\n   {   "ignition"   :\n\n {"version"\t:\t"3.1.0"}   }   \n\n', OK())
    c.add(a, "error-position-last-char", '{"ignition":{"version":"3.3.0"}]', E("invalid character ']'"))
    c.add(a, "error-position-second-line",
          '{"ignition":{"version":"3.3.0"},\n"storage":{"files":[{"path":"/a",]}}}', E("invalid character ']'"))
    c.add(a, "number-too-large-for-int",
          '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"big","uid":1e400}]}}', E("1e400"))
    c.add(a, "binary-garbage", b"\x00\x01\x02\x03ignition\x00", E("invalid character"))
    c.add(a, "gzip-compressed-config", gzip.compress(dump(C(V33), "compact").encode(), mtime=0),
          E("invalid character"))


# ===========================================================================
# Area: version
# ===========================================================================

def area_version(c):
    a = "version"
    for v in VERSIONS:
        c.add(a, "minimal-%s" % vt(v), C(v), OK())
    c.add(a, "minimal-3.4.0-experimental", C("3.4.0-experimental"), OK())
    c.add(a, "minimal-v33-compact", C(V33), OK(), style="compact")
    c.add(a, "missing-ignition", {}, E("invalid config version (couldn't parse)"))
    c.add(a, "missing-ignition-with-storage", {"storage": {"files": [{"path": "relative"}]}},
          E("invalid config version (couldn't parse)"))
    c.add(a, "missing-version", {"ignition": {}}, E("invalid config version (couldn't parse)"))
    c.add(a, "missing-version-with-timeouts", {"ignition": {"timeouts": {"httpTotal": 30}}},
          E("invalid config version (couldn't parse)"))
    c.add(a, "ignition-null", {"ignition": None}, E("invalid config version (couldn't parse)"))
    c.add(a, "version-null", {"ignition": {"version": None}}, E("invalid config version (couldn't parse)"))
    c.add(a, "version-empty", C(""), E("invalid config version (couldn't parse)"))
    bad_parse = {"3.3": "3.3", "3": "3", "v3.3.0": "v3.3.0", "leading-space": " 3.3.0",
                 "trailing-space": "3.3.0 ", "latest": "latest", "four-parts": "3.3.0.0",
                 "v-prefix-v31": "v3.1.0", "negative": "-3.3.0", "3.x": "3.x.0"}
    for n, s in bad_parse.items():
        c.add(a, "unparseable-" + n, C(s), E("invalid config version (couldn't parse)"))
    unsupported = {"3.4.0": "3.4.0", "3.9.0": "3.9.0", "4.0.0": "4.0.0", "2.3.0": "2.3.0",
                   "2.2.0": "2.2.0", "1.0.0": "1.0.0", "3.0.0-experimental": "3.0.0-experimental",
                   "3.3.0-experimental": "3.3.0-experimental", "3.5.0-experimental": "3.5.0-experimental",
                   "3.3.1": "3.3.1", "3.3.0-rc.1": "3.3.0-rc.1", "3.3.0+build.7": "3.3.0+build.7",
                   "3.6.0": "3.6.0", "0.0.0": "0.0.0"}
    for n, s in unsupported.items():
        c.add(a, "unsupported-" + n, C(s), E("unsupported config version"))
    c.add(a, "leading-zero-major-03.3.0", C("03.3.0"), OK())
    c.add(a, "leading-zero-minor-3.03.0", C("3.03.0"), OK())
    c.add(a, "leading-zero-patch-3.2.00", C("3.2.00"), OK())
    c.add(a, "leading-zero-03.0.0-with-error", C("03.0.0", storage=files(F("etc/motd"))), E("path not absolute"))
    # spec 2 configs are rejected before their (differently shaped) content is looked at
    c.add(a, "spec2-config-2.2.0",
          {"ignition": {"version": "2.2.0", "config": {}},
           "storage": {"files": [{"filesystem": "root", "path": "/etc/hostname", "mode": 420,
                                  "contents": {"source": data_plain(HOSTNAME)}}]},
           "networkd": {"units": [{"name": "00-eth0.network", "contents": "[Match]\nName=eth0\n"}]},
           "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": [SSH_KEY_1]}]}},
          E("unsupported config version"))
    c.add(a, "spec2-config-2.3.0-experimental",
          {"ignition": {"version": "2.3.0-experimental"}, "storage": {"files": [{"filesystem": "root", "path": "/x"}]}},
          E("unsupported config version"))
    c.add(a, "version-number", {"ignition": {"version": 3.3}}, E("cannot unmarshal number"))
    c.add(a, "version-number-pretty", {"ignition": {"version": 3}}, E("cannot unmarshal number"), style="pretty")
    c.add(a, "version-bool", {"ignition": {"version": True}}, E("cannot unmarshal bool"))
    c.add(a, "version-array", {"ignition": {"version": ["3.3.0"]}}, E("cannot unmarshal array"))
    c.add(a, "version-object", {"ignition": {"version": {"major": 3}}}, E("cannot unmarshal object"))
    c.add(a, "ignition-string", {"ignition": "3.3.0"}, E("cannot unmarshal string"))
    c.add(a, "ignition-array", {"ignition": [{"version": "3.3.0"}]}, E("cannot unmarshal array"))
    c.add(a, "ignition-number", {"ignition": 3}, E("cannot unmarshal number"))
    c.add(a, "key-case-Ignition-Version", {"Ignition": {"Version": "3.3.0"}}, W("Unused key Ignition"))
    c.add(a, "key-case-Version-only", {"ignition": {"Version": "3.2.0"}}, W("Unused key Version"))
    c.add(a, "key-case-VERSION-pretty", {"ignition": {"VERSION": "3.1.0"}}, W("Unused key VERSION"), style="pretty")
    c.add(a, "duplicate-version-key-last-wins",
          '{"ignition":{"version":"2.2.0","version":"3.3.0"}}', OK())
    c.add(a, "duplicate-version-key-last-bad",
          '{"ignition":{"version":"3.3.0","version":"3.9.0"}}', E("unsupported config version"))
    c.add(a, "duplicate-ignition-objects-merge",
          '{\n  "ignition": {"version": "3.3.0"},\n  "ignition": {"timeouts": {"httpTotal": 60}}\n}\n', OK())
    c.add(a, "duplicate-ignition-second-has-version",
          '{"ignition":{"timeouts":{"httpTotal":60}},"ignition":{"version":"3.1.0"}}', OK())
    c.add(a, "unsupported-version-hides-errors",
          C("3.9.0", storage=files(F("relative/path", mode=99999)), foo=1), E("unsupported config version"))
    c.add(a, "unsupported-version-hides-type-errors",
          {"ignition": {"version": "9.9.9"}, "storage": [], "passwd": "nobody"}, E("unsupported config version"))
    c.add(a, "unparseable-version-hides-type-errors",
          {"ignition": {"version": "3.3", "timeouts": "soon"}, "storage": []},
          E("invalid config version (couldn't parse)"))
    c.add(a, "supported-version-shows-type-errors",
          {"ignition": {"version": "3.3.0", "timeouts": "soon"}}, E("cannot unmarshal string"))
    c.add(a, "version-not-first-key", {"storage": {}, "ignition": {"config": {}, "version": "3.2.0"}}, OK())
    c.add(a, "experimental-3.4-with-v33-content",
          C("3.4.0-experimental", storage=files(F("/etc/motd", contents=src(data_plain(MOTD)))),
            kernelArguments={"shouldExist": ["quiet"]}), OK())


# ===========================================================================
# Area: types -- JSON type mismatches (fatal json.Unmarshal errors)
# ===========================================================================

def area_types(c):
    a = "types"
    c.add(a, "mode-string-v33", C(V33, storage=files(F("/etc/motd", mode="0644"))), E("cannot unmarshal string"))
    c.add(a, "mode-string-v30", C(V30, storage=files(F("/etc/motd", mode="420"))), E("cannot unmarshal string"))
    c.add(a, "mode-float-v33", '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":420.0}]}}',
          E("cannot unmarshal number 420.0"))
    c.add(a, "mode-float-pretty-v32",
          '{\n  "ignition": {\n    "version": "3.2.0"\n  },\n  "storage": {\n    "files": [\n      {\n        "path": "/etc/motd",\n        "mode": 420.5\n      }\n    ]\n  }\n}\n',
          E("cannot unmarshal number 420.5"))
    c.add(a, "mode-exponent-v31", '{"ignition":{"version":"3.1.0"},"storage":{"files":[{"path":"/a","mode":4.2e2}]}}',
          E("cannot unmarshal number 4.2e2"))
    c.add(a, "mode-negative-float-v30",
          '{"ignition":{"version":"3.0.0"},"storage":{"directories":[{"path":"/a","mode":-1.5}]}}',
          E("cannot unmarshal number -1.5"))
    c.add(a, "mode-huge-v33",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":99999999999999999999}]}}',
          E("cannot unmarshal number 99999999999999999999"))
    c.add(a, "uid-int64-max-valid",
          C(V33, passwd={"users": [{"name": "big", "uid": 9223372036854775807}]}), OK())
    c.add(a, "uid-int64-overflow",
          '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"big","uid":9223372036854775808}]}}',
          E("cannot unmarshal number 9223372036854775808"))
    c.add(a, "mode-bool-v30", C(V30, storage=files(F("/a", mode=True))), E("cannot unmarshal bool"))
    c.add(a, "mode-null-valid", C(V33, storage=files(F("/etc/motd", mode=None))), OK())
    c.add(a, "path-number-v33", C(V33, storage=files(F(12))), E("cannot unmarshal number"))
    c.add(a, "path-bool-v31", C(V31, storage={"directories": [{"path": False}]}), E("cannot unmarshal bool"))
    c.add(a, "path-array-v32", C(V32, storage={"links": [{"path": ["/a"], "target": "/b"}]}), E("cannot unmarshal array"))
    c.add(a, "path-object-v30", C(V30, storage=files({"path": {"dir": "/etc", "name": "motd"}})),
          E("cannot unmarshal object"))
    c.add(a, "path-null-v33", C(V33, storage=files(F(None))), E("path not specified"))
    c.add(a, "files-object-v33", C(V33, storage={"files": {"path": "/etc/motd"}}), E("cannot unmarshal object"))
    c.add(a, "files-string-v31", C(V31, storage={"files": "/etc/motd"}), E("cannot unmarshal string"))
    c.add(a, "storage-array-v30", C(V30, storage=[]), E("cannot unmarshal array"))
    c.add(a, "passwd-string-v32", C(V32, passwd="core"), E("cannot unmarshal string"))
    c.add(a, "systemd-number-v33", C(V33, systemd=1), E("cannot unmarshal number"))
    c.add(a, "units-object-v33", C(V33, systemd={"units": {"name": "a.service"}}), E("cannot unmarshal object"))
    c.add(a, "files-item-string-v33", C(V33, storage={"files": ["/etc/motd"]}), E("cannot unmarshal string"))
    c.add(a, "overwrite-string-v33", C(V33, storage=files(F("/a", overwrite="true"))), E("cannot unmarshal string"))
    c.add(a, "overwrite-number-v30", C(V30, storage=files(F("/a", overwrite=1))), E("cannot unmarshal number"))
    c.add(a, "user-id-string-v32", C(V32, storage=files(F("/a", user={"id": "1000"}))), E("cannot unmarshal string"))
    c.add(a, "user-string-v33", C(V33, storage=files(F("/a", user="core"))), E("cannot unmarshal string"))
    c.add(a, "partition-number-string-v33",
          C(V33, storage={"disks": [{"device": "/dev/vda", "partitions": [{"number": "1"}]}]}),
          E("cannot unmarshal string"))
    c.add(a, "partition-number-float-v30",
          '{"ignition":{"version":"3.0.0"},"storage":{"disks":[{"device":"/dev/vda","partitions":[{"number":1.0}]}]}}',
          E("cannot unmarshal number 1.0"))
    c.add(a, "partition-size-float-v31",
          '{"ignition":{"version":"3.1.0"},"storage":{"disks":[{"device":"/dev/vda","partitions":[{"number":1,"sizeMiB":10.5}]}]}}',
          E("cannot unmarshal number 10.5"))
    c.add(a, "wipetable-string-v32", C(V32, storage={"disks": [{"device": "/dev/vda", "wipeTable": "yes"}]}),
          E("cannot unmarshal string"))
    c.add(a, "timeouts-string-v33", C(V33, ign={"timeouts": {"httpTotal": "30s"}}), E("cannot unmarshal string"))
    c.add(a, "timeouts-float-v30",
          '{"ignition":{"version":"3.0.0","timeouts":{"httpResponseHeaders":2.5}}}', E("cannot unmarshal number 2.5"))
    c.add(a, "timeouts-array-v31", C(V31, ign={"timeouts": [10, 20]}), E("cannot unmarshal array"))
    c.add(a, "sshkeys-number-item-v33", C(V33, passwd={"users": [{"name": "core", "sshAuthorizedKeys": [12345]}]}),
          E("cannot unmarshal number"))
    c.add(a, "sshkeys-string-v32", C(V32, passwd={"users": [{"name": "core", "sshAuthorizedKeys": SSH_KEY_1}]}),
          E("cannot unmarshal string"))
    c.add(a, "groups-string-v30", C(V30, passwd={"users": [{"name": "core", "groups": "wheel"}]}),
          E("cannot unmarshal string"))
    c.add(a, "gid-string-v31", C(V31, passwd={"groups": [{"name": "docker", "gid": "990"}]}),
          E("cannot unmarshal string"))
    c.add(a, "kargs-string-v33", C(V33, kernelArguments={"shouldExist": "quiet"}), E("cannot unmarshal string"))
    c.add(a, "kargs-number-item-v33", C(V33, kernelArguments={"shouldNotExist": ["quiet", 1]}),
          E("cannot unmarshal number"))
    c.add(a, "noproxy-number-item-v31", C(V31, ign={"proxy": {"noProxy": ["localhost", 10]}}),
          E("cannot unmarshal number"))
    c.add(a, "proxy-string-v32", C(V32, ign={"proxy": "http://proxy:3128"}), E("cannot unmarshal string"))
    c.add(a, "httpheaders-object-v33",
          C(V33, storage=files(F("/a", contents=src("https://example.com/a", httpHeaders={"name": "X", "value": "y"})))),
          E("cannot unmarshal object"))
    c.add(a, "header-value-number-v31",
          C(V31, storage=files(F("/a", contents=src("https://example.com/a", httpHeaders=[{"name": "X-Retry", "value": 3}])))),
          E("cannot unmarshal number"))
    c.add(a, "contents-source-number-v30", C(V30, storage=files(F("/a", contents={"source": 1}))),
          E("cannot unmarshal number"))
    c.add(a, "contents-source-number-v31", C(V31, storage=files(F("/a", contents={"source": 1}))),
          E("cannot unmarshal number"))
    c.add(a, "contents-string-v33", C(V33, storage=files(F("/a", contents="hello"))), E("cannot unmarshal string"))
    c.add(a, "append-bool-spec2-style-v33", C(V33, storage=files(F("/a", append=True))), E("cannot unmarshal bool"))
    c.add(a, "append-object-v30", C(V30, storage=files(F("/a", append={"source": "data:,x"}))),
          E("cannot unmarshal object"))
    c.add(a, "ca-source-number-v30", C(V30, ign={"security": {"tls": {"certificateAuthorities": [{"source": 7}]}}}),
          E("cannot unmarshal number"))
    c.add(a, "ca-source-number-v33", C(V33, ign={"security": {"tls": {"certificateAuthorities": [{"source": 7}]}}}),
          E("cannot unmarshal number"))
    c.add(a, "merge-source-number-v30", C(V30, ign={"config": {"merge": [{"source": False}]}}),
          E("cannot unmarshal bool"))
    c.add(a, "replace-array-v32", C(V32, ign={"config": {"replace": [{"source": "https://example.com/c.ign"}]}}),
          E("cannot unmarshal array"))
    c.add(a, "verification-string-v33", C(V33, storage=files(F("/a", contents=src("data:,x", verification=SHA512_HELLO)))),
          E("cannot unmarshal string"))
    c.add(a, "hash-number-v31", C(V31, storage=files(F("/a", contents=src("data:,x", verification={"hash": 512})))),
          E("cannot unmarshal number"))
    c.add(a, "clevis-tpm2-string-v32",
          C(V32, storage={"luks": [{"name": "root", "device": "/dev/vda4", "clevis": {"tpm2": "true"}}]}),
          E("cannot unmarshal string"))
    c.add(a, "clevis-tpm2-string-v33",
          C(V33, storage={"luks": [{"name": "root", "device": "/dev/vda4", "clevis": {"tpm2": "true"}}]}),
          E("cannot unmarshal string"))
    c.add(a, "custom-pin-number-v32",
          C(V32, storage={"luks": [{"name": "root", "device": "/dev/vda4", "clevis": {"custom": {"pin": 1, "config": "{}"}}}]}),
          E("cannot unmarshal number"))
    c.add(a, "custom-pin-number-v33",
          C(V33, storage={"luks": [{"name": "root", "device": "/dev/vda4", "clevis": {"custom": {"pin": 1, "config": "{}"}}}]}),
          E("cannot unmarshal number"))
    c.add(a, "tang-array-as-object-v33",
          C(V33, storage={"luks": [{"name": "root", "device": "/dev/vda4",
                                    "clevis": {"tang": {"url": "http://tang", "thumbprint": TANG_THP}}}]}),
          E("cannot unmarshal object"))
    c.add(a, "threshold-string-v32",
          C(V32, storage={"luks": [{"name": "root", "device": "/dev/vda4", "clevis": {"tpm2": True, "threshold": "1"}}]}),
          E("cannot unmarshal string"))
    c.add(a, "raid-level-number-v32", C(V32, storage={"raid": [{"name": "md0", "level": 1, "devices": ["/dev/vdb"]}]}),
          E("cannot unmarshal number"))
    c.add(a, "raid-level-number-v33", C(V33, storage={"raid": [{"name": "md0", "level": 1, "devices": ["/dev/vdb"]}]}),
          E("cannot unmarshal number"))
    c.add(a, "link-target-number-v32", C(V32, storage={"links": [{"path": "/a", "target": 1}]}),
          E("cannot unmarshal number"))
    c.add(a, "link-target-number-v33", C(V33, storage={"links": [{"path": "/a", "target": 1}]}),
          E("cannot unmarshal number"))
    c.add(a, "enabled-string-v33", C(V33, systemd=units(U("a.service", enabled="yes"))), E("cannot unmarshal string"))
    c.add(a, "dropin-contents-array-v31",
          C(V31, systemd=units(U("a.service", dropins=[{"name": "a.conf", "contents": ["[Service]"]}]))),
          E("cannot unmarshal array"))
    c.add(a, "format-number-v30", C(V30, storage={"filesystems": [{"device": "/dev/vdb", "format": 4}]}),
          E("cannot unmarshal number"))
    c.add(a, "mountoptions-string-v31",
          C(V31, storage={"filesystems": [{"device": "/dev/vdb", "format": "xfs", "mountOptions": "noatime"}]}),
          E("cannot unmarshal string"))
    c.add(a, "two-type-errors-first-wins",
          C(V33, storage=files(F("/a", mode="0644"), F(7))), E("cannot unmarshal string"), style="pretty")
    c.add(a, "type-error-in-later-section",
          C(V33, systemd=units(U("a.service", mask="no")), storage=files(F(5))), E("cannot unmarshal string"),
          style="pretty")
    c.add(a, "type-error-hides-validation-errors",
          C(V33, storage=files(F("relative", mode=99999), F("/a", overwrite="yes"))), E("cannot unmarshal string"))
    c.add(a, "nulls-everywhere-valid",
          C(V33, storage={"files": [{"path": "/etc/motd", "mode": None, "overwrite": None, "append": None}],
                          "disks": None, "raid": None},
            systemd={"units": None}, passwd=None), W("context tree does not match"))
    c.add(a, "unit-name-null", C(V31, systemd=units(U(None))), E("invalid systemd unit extension"))
    c.add(a, "type-error-deep-pretty-v30",
          C(V30, storage={"disks": [{"device": "/dev/vda", "wipeTable": True,
                                     "partitions": [{"label": "root", "number": 1, "startMiB": "2048"}]}]}),
          E("cannot unmarshal string"), style="pretty")
    c.add(a, "type-error-deep-tabs-v33",
          C(V33, storage={"luks": [{"name": "var", "device": "/dev/vdb",
                                    "clevis": {"tang": [{"url": "http://tang.example.com", "thumbprint": False}]}}]}),
          E("cannot unmarshal bool"), style="tabs")


# ===========================================================================
# Area: unknown-keys -- "Unused key" warnings (never more than one per object)
# ===========================================================================

def area_unknown_keys(c):
    a = "unknown-keys"
    motd = F("/etc/motd", contents=src(data_plain(MOTD)))
    c.add(a, "top-level-foo-v33", C(V33, foo=1), W("Unused key foo"))
    c.add(a, "top-level-foo-compact-v30", C(V30, foo={"bar": [1, 2]}), W("Unused key foo"), style="compact")
    c.add(a, "networkd-spec2-section-v30",
          C(V30, networkd={"units": [{"name": "00-eth0.network", "contents": "[Match]\nName=eth0\n"}]}),
          W("Unused key networkd"))
    c.add(a, "networkd-spec2-section-v33",
          C(V33, storage=files(motd), networkd={"units": [{"name": "x"}]}), W("Unused key networkd"))
    c.add(a, "ignition-level-timeout-typo", C(V33, ign={"timeout": {"httpTotal": 10}}), W("Unused key timeout"))
    c.add(a, "ignition-config-append-spec2", C(V31, ign={"config": {"append": [{"source": "https://example.com/a.ign"}]}}),
          W("Unused key append"))
    c.add(a, "file-filesystem-spec2-v30", C(V30, storage=files(F("/etc/motd", filesystem="root", mode=420))),
          W("Unused key filesystem"))
    c.add(a, "file-filesystem-spec2-v33", C(V33, storage=files(F("/etc/motd", filesystem="root"))),
          W("Unused key filesystem"))
    c.add(a, "contents-level-sha512", C(V32, storage=files(F("/a", contents=src("data:,x", sha512=HEX128)))),
          W("Unused key sha512"))
    c.add(a, "verification-level-sum", C(V31, storage=files(F("/a", contents=src("data:,x", verification={"sum": HEX128})))),
          W("Unused key sum"))
    c.add(a, "case-variant-Path-sets-path", C(V33, storage=files({"Path": "/etc/motd", "mode": 420})),
          W("Unused key Path"))
    c.add(a, "case-variant-Path-relative-is-validated", C(V33, storage=files({"Path": "etc/motd"})),
          E("path not absolute", "Unused key Path"))
    c.add(a, "case-variant-PATH-after-path-wins",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/etc/motd","PATH":"etc/motd"}]}}',
          E("path not absolute", "Unused key PATH"))
    c.add(a, "case-variant-path-after-Path-wins",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"Path":"etc/motd","path":"/etc/motd"}]}}',
          W("Unused key Path"))
    c.add(a, "case-variant-Storage-errors-positioned-at-root", C(V33, Storage={"files": [{"path": "etc/motd"}]}),
          E("path not absolute", "Unused key Storage"))
    c.add(a, "case-variant-Storage-pretty", C(V32, Storage={"files": [{"path": "etc/motd"}]}),
          E("path not absolute", "Unused key Storage"), style="pretty")
    c.add(a, "case-variant-Storage-leading-whitespace",
          '\n\n   {"ignition":{"version":"3.3.0"},"Storage":{"files":[{"path":"a"}]}}\n',
          E("path not absolute", "Unused key Storage"))
    c.add(a, "case-variant-Files-positioned-at-storage",
          '{"ignition":{"version":"3.3.0"},"storage":{"Files":[{"path":"a"}]}}', E("path not absolute", "Unused key Files"))
    c.add(a, "case-variant-Systemd-units", C(V31, Systemd={"units": [{"name": "x.service", "enabled": True,
                                                                       "contents": UNIT_NOINSTALL}]}),
          W("Unused key Systemd", "no install section"))
    c.add(a, "case-variant-sshauthorizedkeys",
          C(V33, passwd={"users": [{"name": "core", "sshauthorizedkeys": [SSH_KEY_1]}]}),
          W("Unused key sshauthorizedkeys"))
    c.add(a, "case-variant-needsnetwork-v32",
          C(V32, storage={"luks": [{"name": "data", "device": "/dev/vdb",
                                    "clevis": {"custom": {"pin": "tang", "config": "{}", "needsnetwork": True}}}]}),
          W("Unused key needsnetwork"))
    c.add(a, "luks-in-v31", C(V31, storage={"luks": [{"name": "a/b", "device": "relative"}]}), W("Unused key luks"))
    c.add(a, "luks-in-v30", C(V30, storage={"luks": [{"name": "root", "device": "/dev/vda4"}]}), W("Unused key luks"))
    c.add(a, "kernelArguments-in-v32", C(V32, kernelArguments={"shouldExist": ["quiet", "quiet"]}),
          W("Unused key kernelArguments"))
    c.add(a, "kernelArguments-in-v30", C(V30, kernelArguments={"shouldExist": ["mitigations=off"]}),
          W("Unused key kernelArguments"))
    c.add(a, "proxy-in-v30", C(V30, ign={"proxy": {"httpProxy": "ftp://bad"}}), W("Unused key proxy"))
    c.add(a, "httpHeaders-in-v30",
          C(V30, storage=files(F("/a", contents=src("https://example.com/a", httpHeaders=[{"name": ""}])))),
          W("Unused key httpHeaders"))
    c.add(a, "mountOptions-in-v30", C(V30, storage={"filesystems": [{"device": "/dev/vdb", "format": "xfs",
                                                                     "mountOptions": ["noatime"]}]}),
          W("Unused key mountOptions"))
    c.add(a, "resize-in-v31", C(V31, storage={"disks": [{"device": "/dev/vda", "partitions": [
        {"number": 4, "label": "root", "resize": True, "sizeMiB": 8192}]}]}), W("Unused key resize"))
    c.add(a, "user-shouldExist-in-v31", C(V31, passwd={"users": [{"name": "olduser", "shouldExist": False}]}),
          W("Unused key shouldExist"))
    c.add(a, "group-shouldExist-in-v30", C(V30, passwd={"groups": [{"name": "oldgroup", "shouldExist": False}]}),
          W("Unused key shouldExist"))
    c.add(a, "tang-advertisement-in-v33",
          C(V33, storage={"luks": [{"name": "data", "device": "/dev/vdb",
                                    "clevis": {"tang": [{"url": "http://tang.example.com", "thumbprint": TANG_THP,
                                                         "advertisement": "{\"payload\": \"x\"}"}]}}]}),
          W("Unused key advertisement"))
    c.add(a, "luks-discard-in-v33", C(V33, storage={"luks": [{"name": "data", "device": "/dev/vdb", "discard": True}]}),
          W("Unused key discard"))
    c.add(a, "luks-openOptions-in-v32",
          C(V32, storage={"luks": [{"name": "data", "device": "/dev/vdb", "openOptions": ["--perf-no_read_workqueue"]}]}),
          W("Unused key openOptions"))
    c.add(a, "luks-cex-in-v33", C(V33, storage={"luks": [{"name": "data", "device": "/dev/vdb", "cex": {"enabled": True}}]}),
          W("Unused key cex"))
    c.add(a, "merge-compression-in-v30",
          C(V30, ign={"config": {"merge": [{"source": "https://example.com/a.ign", "compression": "gzip"}]}}),
          W("Unused key compression"))
    c.add(a, "ca-compression-in-v30",
          C(V30, ign={"security": {"tls": {"certificateAuthorities": [{"source": data_plain(CA_PEM), "compression": ""}]}}}),
          W("Unused key compression"))
    c.add(a, "unknown-inside-unknown-reports-outer-only",
          C(V33, extras={"files": [{"path": "relative", "bogus": 1}]}), W("Unused key extras"))
    c.add(a, "one-unknown-in-four-objects",
          C(V33, ign={"timeout": 5}, storage={"files": [{"path": "/etc/motd", "owner": "core"}], "volumes": []},
            passwd={"users": [{"name": "core", "password": "secret"}]}, Systemd=None),
          W("Unused key timeout", "Unused key owner", "Unused key volumes", "Unused key password", "Unused key Systemd"),
          style="pretty")
    c.add(a, "percent-d-key-printf-quirk", C(V33, **{"a%db": 1}), W("Unused key a%!d(MISSING)b"))
    c.add(a, "percent-s-key-printf-quirk", C(V33, storage={"files": [{"path": "/a", "100%s": True}]}),
          W("Unused key 100%!s(MISSING)"))
    c.add(a, "double-percent-key-printf-quirk", C(V31, **{"50%%": 1}), W("Unused key 50%"))
    c.add(a, "percent-at-end-key", C(V32, **{"ratio%": 1}), W("Unused key ratio%!", "(MISSING)"))
    c.add(a, "empty-key", C(V33, **{"": "empty"}), W("$., line"))
    c.add(a, "empty-key-not-last-keeps-trailing-space",
          C(V33, storage={"files": [{"path": "/a", "mode ": 420}]}, **{"": "empty"}),
          W("Unused key \n", "Unused key mode"))
    c.add(a, "unicode-key", C(V33, storage={"files": [{"path": "/a", "pâth": "/b"}]}), W("Unused key pâth"))
    c.add(a, "unicode-key-escaped-ascii", C(V33, storage={"directories": [{"path": "/a", "mödé": 493}]}),
          W("Unused key mödé"), style="ascii")
    c.add(a, "space-in-key", C(V33, **{"storage ": {}}), W("Unused key storage"))
    c.add(a, "one-unknown-per-array-item",
          C(V33, storage=files(F("/a", owner="root"), F("/b", owner="root"), F("/c", owner="root"))),
          W("files.0.owner", "files.1.owner", "files.2.owner"))
    c.add(a, "wipe_table-snake-case", C(V33, storage={"disks": [{"device": "/dev/vda", "wipe_table": True}]}),
          W("Unused key wipe_table"))
    c.add(a, "unit-enable-typo", C(V33, systemd=units(U("hello.service", enable=True, contents=UNIT_NOINSTALL))),
          W("Unused key enable"))
    c.add(a, "unit-content-typo", C(V31, systemd=units(U("hello.service", enabled=True, content=UNIT_HELLO))),
          W("Unused key content"))
    c.add(a, "cloud-init-ssh-key-style",
          C(V33, passwd={"users": [{"name": "core", "ssh_authorized_keys": [SSH_KEY_1]}]}),
          W("Unused key ssh_authorized_keys"))
    c.add(a, "unknown-with-invalid-nested-content",
          C(V33, storage2={"files": [{"path": "relative", "mode": -5}]}), W("Unused key storage2"))
    c.add(a, "unknown-key-plus-error-order",
          C(V33, zzz=True, storage=files(F("relative"))), E("path not absolute", "Unused key zzz"))
    c.add(a, "unknown-key-in-header-v31",
          C(V31, storage=files(F("/a", contents=src("https://example.com/a", httpHeaders=[{"name": "A", "value": "b", "val": "c"}])))),
          W("Unused key val"))
    c.add(a, "unknown-key-in-partition-v32",
          C(V32, storage={"disks": [{"device": "/dev/vda", "partitions": [{"number": 1, "size": 100}]}]}),
          W("Unused key size"))
    c.add(a, "unknown-key-in-raid-v30",
          C(V30, storage={"raid": [{"name": "md0", "level": "raid1", "devices": ["/dev/vdb", "/dev/vdc"], "chunk": 64}]}),
          W("Unused key chunk"))
    c.add(a, "unknown-key-in-filesystem-name-spec2",
          C(V31, storage={"filesystems": [{"name": "data", "device": "/dev/vdb", "format": "ext4"}]}),
          W("Unused key name"))
    c.add(a, "unknown-key-in-kargs-v33", C(V33, kernelArguments={"shouldExist": ["quiet"], "remove": ["rhgb"]}),
          W("Unused key remove"))
    c.add(a, "unknown-key-in-tang-v32",
          C(V32, storage={"luks": [{"name": "d", "device": "/dev/vdb",
                                    "clevis": {"tang": [{"url": "http://tang", "thumbprint": TANG_THP, "thp": "x"}]}}]}),
          W("Unused key thp"))
    c.add(a, "unknown-key-in-dropin-v30",
          C(V30, systemd=units(U("a.service", dropins=[{"name": "a.conf", "contents": "[Unit]\n", "enabled": True}]))),
          W("Unused key enabled"))
    c.add(a, "unknown-key-in-group-user-v33", C(V33, storage=files(F("/a", user={"name": "core", "uid": 1000}))),
          W("Unused key uid"))
    c.add(a, "unknown-key-in-timeouts-v31", C(V31, ign={"timeouts": {"httpTotal": 30, "connect": 5}}),
          W("Unused key connect"))
    c.add(a, "unknown-key-in-proxy-v33", C(V33, ign={"proxy": {"httpProxy": "http://p:3128", "ftpProxy": "x"}}),
          W("Unused key ftpProxy"))
    c.add(a, "unknown-key-in-security-v32", C(V32, ign={"security": {"tls": {}, "selinux": "enforcing"}}),
          W("Unused key selinux"))


# ===========================================================================
# Area: ignition -- config.merge / config.replace / timeouts
# ===========================================================================

def area_ignition(c):
    a = "ignition"
    child = "https://config.example.com/child.ign"
    child_hash = sha512('{"ignition":{"version":"3.3.0"}}')
    for v in VERSIONS:
        c.add(a, "merge-and-replace-valid-%s" % vt(v),
              C(v, ign={"config": {"merge": [src(child, verification={"hash": child_hash}),
                                             src("tftp://10.0.0.1/extra.ign")]},
                        "timeouts": {"httpResponseHeaders": 20, "httpTotal": 600}}), OK())
        c.add(a, "merge-without-source-%s" % vt(v), C(v, ign={"config": {"merge": [{"verification": {}}]}}),
              OK() if v == V30 else E("source is required"))
        c.add(a, "merge-bad-scheme-%s" % vt(v), C(v, ign={"config": {"merge": [src("ftp://example.com/a.ign")]}}),
              E("invalid url scheme"))
    c.add(a, "merge-empty-object-v30", C(V30, ign={"config": {"merge": [{}]}}), OK())
    c.add(a, "merge-empty-source-v30", C(V30, ign={"config": {"merge": [src("")]}}), OK())
    c.add(a, "merge-empty-source-v31", C(V31, ign={"config": {"merge": [src("")]}}), E("source is required"))
    c.add(a, "merge-null-source-v33", C(V33, ign={"config": {"merge": [src(None)]}}), E("source is required"))
    c.add(a, "merge-unparseable-v32", C(V32, ign={"config": {"merge": [src("http://[fe80::1")]}}),
          E("unable to parse url"))
    c.add(a, "merge-two-missing-sources-v30", C(V30, ign={"config": {"merge": [{}, {}]}}), E("duplicate entry defined"))
    c.add(a, "merge-two-missing-sources-v31", C(V31, ign={"config": {"merge": [{}, {}]}}),
          E("source is required", "duplicate entry defined"))
    c.add(a, "merge-second-of-three-bad-v33",
          C(V33, ign={"config": {"merge": [src(child), src("file:///etc/child.ign"), src("s3://bucket/child.ign")]}}),
          E("merge.1"))
    c.add(a, "merge-duplicate-source-v32", C(V32, ign={"config": {"merge": [src(child), src(child)]}}),
          E("duplicate entry defined"))
    c.add(a, "merge-object-not-list-v33", C(V33, ign={"config": {"merge": src(child)}}), E("cannot unmarshal object"))
    c.add(a, "replace-valid-v31", C(V31, ign={"config": {"replace": src(child, compression="gzip")}}), OK())
    c.add(a, "replace-bad-scheme-v30", C(V30, ign={"config": {"replace": src("scp://host/c.ign")}}),
          E("invalid url scheme"))
    c.add(a, "replace-bad-scheme-v33", C(V33, ign={"config": {"replace": src("scp://host/c.ign")}}),
          E("invalid url scheme"))
    c.add(a, "replace-verification-without-source-v30",
          C(V30, ign={"config": {"replace": {"verification": {"hash": child_hash}}}}), OK())
    c.add(a, "replace-verification-without-source-v31",
          C(V31, ign={"config": {"replace": {"verification": {"hash": child_hash}}}}),
          E("source must be specified if verification is specified"))
    c.add(a, "replace-verification-without-source-v33",
          C(V33, ign={"config": {"replace": {"verification": {"hash": child_hash}}}}),
          E("source must be specified if verification is specified"))
    c.add(a, "merge-verification-without-source-v32",
          C(V32, ign={"config": {"merge": [{"verification": {"hash": child_hash}}]}}),
          E("source is required", "source must be specified if verification is specified"))
    c.add(a, "replace-empty-object-valid-v32", C(V32, ign={"config": {"replace": {}}}), OK())
    c.add(a, "replace-and-merge-both-v33", C(V33, ign={"config": {"replace": src(child), "merge": [src(child + "?x=1")]}}),
          OK())
    c.add(a, "replace-compression-invalid-v32", C(V32, ign={"config": {"replace": src(child, compression="zstd")}}),
          E("invalid compression method"))
    c.add(a, "merge-compression-invalid-v31", C(V31, ign={"config": {"merge": [src(child, compression="bzip2")]}}),
          E("invalid compression method"))
    c.add(a, "timeouts-negative-valid-v33", C(V33, ign={"timeouts": {"httpResponseHeaders": -1, "httpTotal": -100}}), OK())
    c.add(a, "timeouts-zero-valid-v30", C(V30, ign={"timeouts": {"httpResponseHeaders": 0, "httpTotal": 0}}), OK())
    c.add(a, "config-null-context-warning-v33", C(V33, ign={"config": None}), W("context tree does not match"))
    c.add(a, "timeouts-null-context-warning-v30", C(V30, ign={"timeouts": None}), W("context tree does not match"))
    c.add(a, "merge-item-null-v31", C(V31, ign={"config": {"merge": [None]}}),
          E("source is required", "context tree does not match"))
    c.add(a, "merge-data-url-bad-v30", C(V30, ign={"config": {"merge": [src("data:text/plain;base64,@@@")]}}),
          E("$.ignition.config.merge.0.source"))
    c.add(a, "merge-data-url-bad-v33", C(V33, ign={"config": {"merge": [src("data:text/plain;base64,@@@")]}}),
          E("$.ignition.config.merge.0,"))
    c.add(a, "merge-gs-v31", C(V31, ign={"config": {"merge": [src("gs://bucket/config.ign")]}}), E("invalid url scheme"))
    c.add(a, "merge-gs-v32", C(V32, ign={"config": {"merge": [src("gs://bucket/config.ign")]}}), OK())
    c.add(a, "merge-s3-empty-version-v33", C(V33, ign={"config": {"merge": [src("s3://bucket/c.ign?versionId=")]}}),
          E("invalid S3 object VersionId"))
    c.add(a, "multiline-merge-errors-pretty-v33",
          C(V33, ign={"config": {"merge": [src(child), {"httpHeaders": [{"name": "A", "value": "b"}]},
                                           src("data:,{}", compression="lzma")],
                      "replace": {"verification": {"hash": "sha512-short"}}}}),
          E("source is required", "invalid compression method", "incorrect size for hash sum"), style="pretty")


# ===========================================================================
# Area: proxy (spec 3.1+)
# ===========================================================================

def area_proxy(c):
    a = "proxy"
    full = {"httpProxy": "http://proxy.example.com:3128", "httpsProxy": "https://proxy.example.com:3129",
            "noProxy": ["localhost", "127.0.0.1", ".example.internal", "10.0.0.0/8"]}
    for v in since(V31):
        t = vt(v)
        c.add(a, "full-valid-%s" % t, C(v, ign={"proxy": full}), OK())
        c.add(a, "httpsproxy-plain-http-warning-%s" % t,
              C(v, ign={"proxy": {"httpsProxy": "http://proxy.example.com:3128"}}),
              W("insecure plaintext HTTP proxy specified for HTTPS resources"))
        c.add(a, "httpproxy-unparseable-%s" % t, C(v, ign={"proxy": {"httpProxy": "http://[::1"}}),
              E("unable to parse url"))
        c.add(a, "httpproxy-socks-scheme-%s" % t, C(v, ign={"proxy": {"httpProxy": "socks5://proxy:1080"}}),
              E("proxies must be http(s)"))
    c.add(a, "proxy-in-v30-unknown", C(V30, ign={"proxy": {"httpProxy": "http://proxy:3128"}}), W("Unused key proxy"))
    c.add(a, "httpsproxy-ftp-v33", C(V33, ign={"proxy": {"httpsProxy": "ftp://proxy:21"}}), E("proxies must be http(s)"))
    c.add(a, "httpsproxy-unparseable-v31", C(V31, ign={"proxy": {"httpsProxy": "https://proxy:port"}}),
          E("unable to parse url"))
    c.add(a, "httpproxy-empty-string-v32", C(V32, ign={"proxy": {"httpProxy": ""}}), E("proxies must be http(s)"))
    c.add(a, "httpsproxy-empty-string-v33", C(V33, ign={"proxy": {"httpsProxy": ""}}), E("proxies must be http(s)"))
    c.add(a, "httpproxy-ip-port-no-scheme-v33", C(V33, ign={"proxy": {"httpProxy": "127.0.0.1:3128"}}),
          E("unable to parse url"))
    c.add(a, "httpproxy-host-port-no-scheme-v31", C(V31, ign={"proxy": {"httpProxy": "proxy.example.com:3128"}}),
          E("proxies must be http(s)"))
    c.add(a, "httpproxy-bare-host-v32", C(V32, ign={"proxy": {"httpProxy": "proxy.example.com"}}),
          E("proxies must be http(s)"))
    c.add(a, "httpproxy-https-valid-v33", C(V33, ign={"proxy": {"httpProxy": "https://proxy.example.com"}}), OK())
    c.add(a, "httpproxy-uppercase-scheme-valid-v33", C(V33, ign={"proxy": {"httpProxy": "HTTP://PROXY:3128"}}), OK())
    c.add(a, "httpsproxy-uppercase-http-warns-v32", C(V32, ign={"proxy": {"httpsProxy": "HTTP://PROXY:3128"}}),
          W("insecure plaintext"))
    c.add(a, "httpproxy-with-credentials-valid-v31",
          C(V31, ign={"proxy": {"httpProxy": "http://user:p%40ss@proxy:3128"}}), OK())
    c.add(a, "both-bad-order-v33",
          C(V33, ign={"proxy": {"httpsProxy": "http://insecure:3128", "httpProxy": "gopher://x"}}),
          E("proxies must be http(s)", "insecure plaintext"))
    c.add(a, "noproxy-duplicate-v31", C(V31, ign={"proxy": {"noProxy": ["localhost", "example.com", "localhost"]}}),
          E("duplicate entry defined"))
    c.add(a, "noproxy-duplicate-twice-v33",
          C(V33, ign={"proxy": {"noProxy": ["a", "b", "a", "b", "a"]}}), E("noProxy.2", "noProxy.3", "noProxy.4"))
    c.add(a, "noproxy-anything-valid-v32", C(V32, ign={"proxy": {"noProxy": ["*", "", " spaces ", "[::1]:8080"]}}), OK())
    c.add(a, "noproxy-only-valid-v33", C(V33, ign={"proxy": {"noProxy": ["metadata.google.internal"]}}), OK())
    c.add(a, "proxy-null-values-valid-v33", C(V33, ign={"proxy": {"httpProxy": None, "httpsProxy": None, "noProxy": None}}),
          OK())
    c.add(a, "proxy-null-object-v31", C(V31, ign={"proxy": None}), W("context tree does not match"))
    c.add(a, "proxy-errors-pretty-multi-v33",
          C(V33, ign={"proxy": {"httpProxy": "http://proxy:3128", "httpsProxy": "http://proxy:3128",
                                "noProxy": ["10.0.0.0/8", "10.0.0.0/8"]}}),
          E("insecure plaintext", "duplicate entry defined"), style="pretty")


# ===========================================================================
# Area: tls -- ignition.security.tls.certificateAuthorities
# ===========================================================================

def tls(*cas):
    return {"security": {"tls": {"certificateAuthorities": list(cas)}}}


def area_tls(c):
    a = "tls"
    ca = data_b64(CA_PEM, "text/plain")
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "ca-data-url-valid-%s" % t, C(v, ign=tls(src(ca))), OK())
        c.add(a, "ca-missing-source-%s" % t, C(v, ign=tls({"verification": {}})),
              E("invalid url scheme") if v == V30 else E("source is required"))
        c.add(a, "ca-bad-scheme-%s" % t, C(v, ign=tls(src("ldap://ca.example.com/root.pem"))), E("invalid url scheme"))
    c.add(a, "ca-https-with-hash-v30", C(V30, ign=tls(src("https://ca.example.com/root.pem",
                                                           verification={"hash": sha512(CA_PEM)}))), OK())
    c.add(a, "ca-empty-source-v30", C(V30, ign=tls(src(""))), E("invalid url scheme"))
    c.add(a, "ca-empty-source-v32", C(V32, ign=tls(src(""))), E("source is required"))
    c.add(a, "ca-null-source-v30", C(V30, ign=tls(src(None))), E("invalid url scheme"))
    c.add(a, "ca-duplicate-v30", C(V30, ign=tls(src(ca), src(ca))), E("duplicate entry defined"))
    c.add(a, "ca-duplicate-v33", C(V33, ign=tls(src(ca), src("https://ca.example.com/b.pem"), src(ca))),
          E("certificateAuthorities.2"))
    c.add(a, "ca-headers-valid-v33",
          C(V33, ign=tls(src("https://ca.example.com/root.pem",
                             httpHeaders=[{"name": "Authorization", "value": "Bearer abc123"}]))), OK())
    c.add(a, "ca-headers-on-data-v31", C(V31, ign=tls(src(ca, httpHeaders=[{"name": "X", "value": "y"}]))),
          E("cannot use HTTP headers with this source scheme"))
    c.add(a, "ca-sha256-v30", C(V30, ign=tls(src("https://ca.example.com/root.pem",
                                                  verification={"hash": sha256(CA_PEM)}))),
          E("unrecognized hash function"))
    c.add(a, "ca-sha256-v31", C(V31, ign=tls(src("https://ca.example.com/root.pem",
                                                  verification={"hash": sha256(CA_PEM)}))), OK())
    c.add(a, "ca-compression-v30-unknown", C(V30, ign=tls(src(ca, compression="gzip"))), W("Unused key compression"))
    c.add(a, "ca-compression-gzip-v31", C(V31, ign=tls(src(data_b64(gz(CA_PEM), "application/gzip"), compression="gzip"))),
          OK())
    c.add(a, "ca-compression-bad-v32", C(V32, ign=tls(src(ca, compression="deflate"))), E("invalid compression method"))
    c.add(a, "ca-gs-v31", C(V31, ign=tls(src("gs://bucket/ca.pem"))), E("invalid url scheme"))
    c.add(a, "ca-gs-v32", C(V32, ign=tls(src("gs://bucket/ca.pem"))), OK())
    c.add(a, "ca-s3-valid-v30", C(V30, ign=tls(src("s3://bucket/ca.pem"))), OK())
    c.add(a, "ca-verification-without-source-v33", C(V33, ign=tls({"verification": {"hash": sha512(CA_PEM)}})),
          E("source is required", "source must be specified if verification is specified"))
    c.add(a, "ca-broken-data-url-v31", C(V31, ign=tls(src("data:text/plain;base64,LS0tLS1CRUdJTi"))),
          E("illegal base64 data"))
    c.add(a, "ca-list-pretty-multi-v33",
          C(V33, ign=tls(src(ca), src("https://ca.example.com/a.pem", verification={"hash": "sha512-00"}),
                         src("tftp://10.0.0.1/ca.pem"), {"source": "relative/ca.pem"})),
          E("incorrect size for hash sum", "invalid url scheme"), style="pretty")
    c.add(a, "tls-null-v33", C(V33, ign={"security": {"tls": None}}), W("context tree does not match"))


# ===========================================================================
# Area: resources -- compression / verification / empty sources
# ===========================================================================

def area_resources(c):
    a = "resources"
    gzurl = data_b64(gz(MOTD), "application/gzip")
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "file-compression-xz-%s" % t, C(v, storage=files(F("/a", contents=src("https://example.com/a.xz",
                                                                                       compression="xz")))),
              E("invalid compression method"))
        c.add(a, "file-verification-without-source-%s" % t,
              C(v, storage=files(F("/a", contents={"verification": {"hash": SHA512_HELLO}}))),
              E("source must be specified if verification is specified"))
    c.add(a, "file-compression-gzip-valid-v30", C(V30, storage=files(F("/etc/motd", contents=src(gzurl, compression="gzip")))),
          OK())
    c.add(a, "file-compression-gzip-valid-v33", C(V33, storage=files(F("/etc/motd", contents=src(gzurl, compression="gzip")))),
          OK())
    c.add(a, "file-compression-empty-valid-v32", C(V32, storage=files(F("/etc/motd", contents=src(data_plain(MOTD), compression="")))),
          OK())
    c.add(a, "file-compression-GZIP-case-v31", C(V31, storage=files(F("/a", contents=src(gzurl, compression="GZIP")))),
          E("invalid compression method"))
    c.add(a, "file-compression-null-valid-v30", C(V30, storage=files(F("/a", contents=src("data:,x", compression=None)))), OK())
    c.add(a, "file-compression-without-source-v33", C(V33, storage=files(F("/a", contents={"compression": "gzip"}))), OK())
    c.add(a, "file-compression-bad-without-source-v30", C(V30, storage=files(F("/a", contents={"compression": "zip"}))),
          E("invalid compression method"))
    c.add(a, "append-verification-without-source-v31",
          C(V31, storage=files(F("/a", append=[src("data:,a"), {"verification": {"hash": SHA512_HELLO}}]))),
          E("append.1.verification.hash"))
    c.add(a, "append-compression-bad-v30", C(V30, storage=files(F("/a", append=[src("data:,a", compression="br")]))),
          E("invalid compression method"))
    c.add(a, "append-duplicates-allowed-v33",
          C(V33, storage=files(F("/etc/hosts", append=[src(data_plain("10.0.0.1 a\n")), src(data_plain("10.0.0.1 a\n"))]))),
          OK())
    c.add(a, "append-duplicates-allowed-v30",
          C(V30, storage=files(F("/etc/hosts", append=[src("data:,x"), src("data:,x"), src("data:,x")]))), OK())
    c.add(a, "append-invalid-source-v32",
          C(V32, storage=files(F("/a", append=[src("https://example.com/part1"), src("nfs://server/part2")]))),
          E("append.1.source"))
    c.add(a, "verification-source-empty-string-valid-v33",
          C(V33, storage=files(F("/a", contents={"source": "", "verification": {"hash": SHA512_HELLO}}))), OK())
    c.add(a, "verification-source-null-v32",
          C(V32, storage=files(F("/a", contents={"source": None, "verification": {"hash": SHA512_HELLO}}))),
          E("source must be specified if verification is specified"))
    c.add(a, "verification-empty-object-valid-v31", C(V31, storage=files(F("/a", contents={"verification": {}}))), OK())
    c.add(a, "contents-empty-object-valid-v30", C(V30, storage=files(F("/a", contents={}))), OK())
    c.add(a, "contents-null-v33", C(V33, storage=files(F("/a", contents=None))), W("context tree does not match"))
    c.add(a, "verification-null-v31", C(V31, storage=files(F("/a", contents=src("data:,x", verification=None)))),
          W("context tree does not match"))
    c.add(a, "contents-all-errors-order-v33",
          C(V33, storage=files(F("/a", contents={"verification": {"hash": "md5-abc"}, "source": "data:,x",
                                                 "httpHeaders": [{"name": "", "value": ""}], "compression": "lz4"}))),
          E("invalid compression method", "cannot use HTTP headers", "HTTP header name can't be empty",
            "unable to parse HTTP header", "unrecognized hash function"), style="pretty")
    c.add(a, "contents-all-errors-order-v30",
          C(V30, storage=files(F("/a", contents={"verification": {"hash": "sha256-" + HEX64}, "source": "gs://b/o",
                                                 "compression": "lz4"}))),
          E("invalid compression method", "invalid url scheme", "unrecognized hash function"), style="pretty")
    c.add(a, "verification-no-source-plus-malformed-v31",
          C(V31, storage=files(F("/a", contents={"verification": {"hash": "nohash"}}))),
          E("source must be specified", "malformed hash specifier"))
    c.add(a, "keyfile-compression-bad-v32",
          C(V32, storage={"luks": [{"name": "data", "device": "/dev/vdb",
                                    "keyFile": src("data:,secret", compression="7z")}]}), E("invalid compression method"))
    c.add(a, "keyfile-verification-without-source-v33",
          C(V33, storage={"luks": [{"name": "data", "device": "/dev/vdb",
                                    "keyFile": {"verification": {"hash": SHA512_HELLO}}}]}),
          E("source must be specified if verification is specified"))


# ===========================================================================
# Area: urls -- URL parsing, schemes per version, S3 versionId, data URLs
# ===========================================================================

def area_urls(c):
    a = "urls"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "all-base-schemes-valid-%s" % t,
              C(v, storage=files(F("/opt/a", contents=src("http://example.com/a")),
                                 F("/opt/b", contents=src("https://example.com/b?x=1#frag")),
                                 F("/opt/c", contents=src("tftp://10.0.0.1/c")),
                                 F("/opt/d", contents=src("s3://bucket/path/to/d")),
                                 F("/opt/e", contents=src(data_plain("e"))),
                                 F("/opt/f", contents=src("")))), OK())
        c.add(a, "gs-%s" % t, C(v, storage=files(F("/opt/g", contents=src("gs://my-bucket/path/g.bin")))),
              OK() if v >= V32 else E("invalid url scheme"))
        c.add(a, "ftp-%s" % t, C(v, storage=files(F("/opt/a", contents=src("ftp://ftp.example.com/a")))),
              E("invalid url scheme"))
    c.add(a, "arn-v33", C(V33, storage=files(F("/opt/a", contents=src("arn:aws:s3:::bucket/key")))), E("invalid url scheme"))
    c.add(a, "arn-access-point-v32",
          C(V32, storage=files(F("/opt/a", contents=src("arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key")))),
          E("invalid url scheme"))
    c.add(a, "file-scheme-v33", C(V33, storage=files(F("/opt/a", contents=src("file:///etc/passwd")))), E("invalid url scheme"))
    c.add(a, "absolute-path-v31", C(V31, storage=files(F("/opt/a", contents=src("/etc/passwd")))), E("invalid url scheme"))
    c.add(a, "relative-path-v30", C(V30, storage=files(F("/opt/a", contents=src("files/a.txt")))), E("invalid url scheme"))
    c.add(a, "scheme-relative-v32", C(V32, storage=files(F("/opt/a", contents=src("//example.com/a")))),
          E("invalid url scheme"))
    c.add(a, "uppercase-scheme-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("HTTPS://EXAMPLE.COM/A")))), OK())
    c.add(a, "mixedcase-data-scheme-v31", C(V31, storage=files(F("/opt/a", contents=src("Data:,hello")))),
          E("missing data prefix"))
    c.add(a, "scheme-only-http-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("http:")))), OK())
    c.add(a, "unparseable-bracket-v33", C(V33, storage=files(F("/opt/a", contents=src("http://[::1/a")))),
          E("unable to parse url"))
    c.add(a, "unparseable-space-in-host-v30", C(V30, storage=files(F("/opt/a", contents=src("http://exa mple.com/a")))),
          E("unable to parse url"))
    c.add(a, "unparseable-missing-scheme-colon-v31", C(V31, storage=files(F("/opt/a", contents=src(":foo")))),
          E("unable to parse url"))
    c.add(a, "unparseable-bad-percent-v32", C(V32, storage=files(F("/opt/a", contents=src("http://%zz/a")))),
          E("unable to parse url"))
    c.add(a, "unparseable-bad-port-v33", C(V33, storage=files(F("/opt/a", contents=src("https://example.com:https/a")))),
          E("unable to parse url"))
    c.add(a, "unparseable-control-char-v33", C(V33, storage=files(F("/opt/a", contents=src("http://example.com/\u0007")))),
          E("unable to parse url"))
    c.add(a, "bad-percent-in-path-v31", C(V31, storage=files(F("/opt/a", contents=src("http://example.com/%zz")))),
          E("unable to parse url"))
    c.add(a, "space-in-path-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("http://example.com/a b")))), OK())
    c.add(a, "s3-versionid-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionId=3HL4kqtJlcpXroDTDmJ")))),
          OK())
    c.add(a, "s3-versionid-empty-v30", C(V30, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionId=")))),
          E("invalid S3 object VersionId"))
    c.add(a, "s3-versionid-empty-v33", C(V33, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionId=")))),
          E("invalid S3 object VersionId"))
    c.add(a, "s3-versionid-no-equals-v31", C(V31, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionId")))),
          E("invalid S3 object VersionId"))
    c.add(a, "s3-versionid-first-empty-v32",
          C(V32, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionId=&versionId=abc")))),
          E("invalid S3 object VersionId"))
    c.add(a, "s3-versionid-second-empty-valid-v32",
          C(V32, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionId=abc&versionId=")))), OK())
    c.add(a, "s3-versionid-case-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("s3://bucket/key?versionid=")))),
          OK())
    c.add(a, "s3-semicolon-query-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("s3://b/k?x=1;versionId=")))),
          OK())
    c.add(a, "s3-other-query-valid-v30", C(V30, storage=files(F("/opt/a", contents=src("s3://b/k?partNumber=1")))), OK())
    c.add(a, "http-versionid-empty-valid-v33", C(V33, storage=files(F("/opt/a", contents=src("https://h/k?versionId=")))),
          OK())
    c.add(a, "s3-in-merge-versionid-empty-v31", C(V31, ign={"config": {"merge": [src("s3://b/c.ign?versionId=")]}}),
          E("invalid S3 object VersionId"))
    # data URLs
    dcases = [
        ("data-plain-valid", "data:,Hello%2C%20World!", None),
        ("data-base64-valid", data_b64("#!/bin/sh\necho hi\n", "text/x-shellscript"), None),
        ("data-empty-payload-valid", "data:,", None),
        ("data-media-type-params-valid", "data:text/plain;charset=US-ASCII;foo=bar,hello", None),
        ("data-trailing-slash-type-valid", "data:text/,x", None),
        ("data-raw-unicode", "data:,caf\u00e9", "invalid data character"),
        ("data-base64-bad-chars", "data:;base64,!!!", "invalid data character"),
        ("data-base64-bad-padding", "data:text/plain;base64,aGVsbG8", "illegal base64 data at input byte"),
        ("data-missing-comma", "data:text/plain;base64", "unterminated parameter sequence"),
        ("data-only-prefix", "data:", "missing comma before data"),
        ("data-missing-slash", "data:hello", "missing media type slash"),
        ("data-bad-param-name", "data:text/plain;foo,bar", "expected base64, got foo"),
        ("data-type-without-subtype", "data:text;base64,aGk=", "invalid character for media type"),
        ("data-empty-param-value", "data:text/plain;charset=,x", "invalid character for parameter value"),
        ("data-slash-first", "data:/plain,x", "invalid character after data prefix"),
        ("data-space-in-type", "data:text plain,x", "invalid character for media type"),
        ("data-base64-before-param", "data:text/plain;base64;charset=utf-8,aGk=", "invalid character for parameter attribute"),
        ("data-bad-percent-escape", "data:,100%zz", "unescape sequence"),
        ("data-truncated-percent-escape", "data:,abc%4", "unescape sequence"),
        ("data-percent-in-base64", "data:;base64,aGk%3D", "invalid data character"),
    ]
    for i, (n, url, msg) in enumerate(dcases):
        v = VERSIONS[i % 4]
        c.add(a, "%s-%s" % (n, vt(v)), C(v, storage=files(F("/opt/data.txt", contents=src(url)))),
              OK() if msg is None else E(msg))
    c.add(a, "data-error-in-append-v33", C(V33, storage=files(F("/opt/a", append=[src("data:text;base64,aGk=")]))),
          E("append.0.source"))
    c.add(a, "data-error-in-ca-v32", C(V32, ign=tls(src("data:hello"))), E("missing media type slash"))
    c.add(a, "data-error-in-replace-v30", C(V30, ign={"config": {"replace": src("data:text/plain;foo,x")}}),
          E("expected base64, got foo"))
    c.add(a, "data-error-in-replace-v33", C(V33, ign={"config": {"replace": src("data:text/plain;foo,x")}}),
          E("expected base64, got foo"))
    c.add(a, "long-data-url-valid-v33",
          C(V33, storage=files(F("/usr/local/bin/setup.sh", mode=493,
                                 contents=src(data_b64(("#!/bin/bash\nset -euo pipefail\n" + "echo configuring step\n" * 200),
                                                       "text/x-shellscript"))))), OK())


# ===========================================================================
# Area: hashes -- verification.hash
# ===========================================================================

def area_hashes(c):
    a = "hashes"
    u = "https://example.com/blob"

    def fh(v, h, **kw):
        return C(v, storage=files(F("/opt/blob", contents=src(u, verification={"hash": h}), **kw)))
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "sha512-valid-%s" % t, fh(v, SHA512_HELLO), OK())
        c.add(a, "sha256-%s" % t, fh(v, SHA256_HELLO), E("unrecognized hash function") if v == V30 else OK())
    c.add(a, "sha512-127-digits-v33", fh(V33, "sha512-" + HEX128[:127]), E("incorrect size for hash sum"))
    c.add(a, "sha512-129-digits-v30", fh(V30, "sha512-" + HEX128 + "0"), E("incorrect size for hash sum"))
    c.add(a, "sha256-63-digits-v31", fh(V31, "sha256-" + HEX64[:63]), E("incorrect size for hash sum"))
    c.add(a, "sha256-with-128-digits-v32", fh(V32, "sha256-" + HEX128), E("incorrect size for hash sum"))
    c.add(a, "sha512-with-64-digits-v33", fh(V33, "sha512-" + HEX64), E("incorrect size for hash sum"))
    c.add(a, "sha512-uppercase-hex-valid-v33", fh(V33, SHA512_HELLO.upper().replace("SHA512-", "sha512-")), OK())
    c.add(a, "sha512-non-hex-right-length-valid-v32", fh(V32, "sha512-" + "z" * 128), OK())
    c.add(a, "sha256-non-hex-right-length-valid-v31", fh(V31, "sha256-" + "g" * 64), OK())
    c.add(a, "md5-v33", fh(V33, "md5-" + "0" * 32), E("unrecognized hash function"))
    c.add(a, "sha1-v31", fh(V31, "sha1-" + "0" * 40), E("unrecognized hash function"))
    c.add(a, "sha384-v32", fh(V32, "sha384-" + "0" * 96), E("unrecognized hash function"))
    c.add(a, "SHA512-uppercase-function-v30", fh(V30, "SHA512-" + HEX128), E("unrecognized hash function"))
    c.add(a, "no-dash-v33", fh(V33, "sha512"), E("malformed hash specifier"))
    c.add(a, "empty-string-v31", fh(V31, ""), E("malformed hash specifier"))
    c.add(a, "digest-only-v30", fh(V30, HEX128), E("malformed hash specifier"))
    c.add(a, "colon-separator-v32", fh(V32, "sha512:" + HEX128), E("malformed hash specifier"))
    c.add(a, "empty-digest-v33", fh(V33, "sha512-"), E("incorrect size for hash sum"))
    c.add(a, "empty-function-v33", fh(V33, "-" + HEX128), E("unrecognized hash function"))
    c.add(a, "extra-dash-in-digest-valid-v31", fh(V31, "sha512-" + HEX128[:64] + "-" + HEX128[:63]), OK())
    c.add(a, "extra-dash-in-digest-wrong-size-v33", fh(V33, "sha512-" + HEX128[:64] + "-" + HEX128[:64]),
          E("incorrect size for hash sum"))
    c.add(a, "whitespace-padded-v32", fh(V32, " sha512-" + HEX128), E("unrecognized hash function"))
    c.add(a, "trailing-newline-v33", fh(V33, "sha512-" + HEX128 + "\n"), E("incorrect size for hash sum"))
    c.add(a, "hash-null-valid-v33", fh(V33, None), OK())
    c.add(a, "hash-on-data-url-valid-v30",
          C(V30, storage=files(F("/etc/hostname", contents=src(data_plain(HOSTNAME), verification={"hash": sha512(HOSTNAME)})))),
          OK())
    c.add(a, "hash-on-merge-bad-v30", C(V30, ign={"config": {"merge": [src(u, verification={"hash": "sha512-123"})]}}),
          E("merge.0.verification.hash"))
    c.add(a, "hash-on-merge-sha256-v33", C(V33, ign={"config": {"merge": [src(u, verification={"hash": SHA256_HELLO})]}}), OK())
    c.add(a, "hash-on-replace-sha256-v30", C(V30, ign={"config": {"replace": src(u, verification={"hash": SHA256_HELLO})}}),
          E("unrecognized hash function"))
    c.add(a, "hash-on-replace-malformed-v32", C(V32, ign={"config": {"replace": src(u, verification={"hash": "abc"})}}),
          E("malformed hash specifier"))
    c.add(a, "hash-on-ca-wrong-size-v31", C(V31, ign=tls(src(u, verification={"hash": "sha256-abcd"}))),
          E("incorrect size for hash sum"))
    c.add(a, "hash-on-append-v33",
          C(V33, storage=files(F("/opt/log", append=[src(u, verification={"hash": SHA512_HELLO}),
                                                   src(u + "2", verification={"hash": "sha512-xyz"})]))),
          E("append.1.verification.hash"))
    c.add(a, "hash-on-keyfile-bad-v32",
          C(V32, storage={"luks": [{"name": "data", "device": "/dev/vdb",
                                    "keyFile": src(u, verification={"hash": "sha1-" + "0" * 40})}]}),
          E("unrecognized hash function"))
    c.add(a, "hash-without-source-and-bad-size-v33",
          C(V33, storage=files(F("/opt/blob", contents={"verification": {"hash": "sha512-00"}}))),
          E("source must be specified", "incorrect size for hash sum"))
    c.add(a, "many-hash-errors-pretty-v31",
          C(V31, storage=files(F("/opt/1", contents=src(u, verification={"hash": "sha512"})),
                               F("/opt/2", contents=src(u, verification={"hash": "crc32-deadbeef"})),
                               F("/opt/3", contents=src(u, verification={"hash": "sha256-" + HEX128})),
                               F("/opt/4", contents=src(u, verification={"hash": SHA256_HELLO})))),
          E("malformed hash specifier", "unrecognized hash function", "incorrect size for hash sum"), style="pretty")


# ===========================================================================
# Area: headers -- httpHeaders (spec 3.1+)
# ===========================================================================

def H(name, value="__unset__"):
    d = {"name": name}
    if value != "__unset__":
        d["value"] = value
    return d


def area_headers(c):
    a = "headers"
    u = "https://config.example.com/file"
    hdrs = [H("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"), H("X-Request-Id", "provisioner-1"),
            H("Accept", "application/octet-stream")]

    def fh(v, headers, url=u):
        return C(v, storage=files(F("/opt/file", contents=src(url, httpHeaders=headers))))
    for v in since(V31):
        t = vt(v)
        c.add(a, "valid-%s" % t, fh(v, hdrs), OK())
        c.add(a, "empty-name-%s" % t, fh(v, [H("", "x")]), E("HTTP header name can't be empty"))
        c.add(a, "empty-value-%s" % t, fh(v, [H("X-Empty", "")]), E("unable to parse HTTP header"))
        c.add(a, "data-source-%s" % t, fh(v, [H("X", "y")], "data:,hello"),
              E("cannot use HTTP headers with this source scheme"))
    c.add(a, "headers-in-v30-unknown", fh(V30, hdrs), W("Unused key httpHeaders"))
    c.add(a, "null-value-valid-v33", fh(V33, [H("X-Remove-Me", None)]), OK())
    c.add(a, "missing-value-valid-v31", fh(V31, [H("X-No-Value")]), OK())
    c.add(a, "missing-name-v32", fh(V32, [{"value": "orphan"}]), E("HTTP header name can't be empty"))
    c.add(a, "whitespace-value-valid-v33", fh(V33, [H("X-Space", " ")]), OK())
    c.add(a, "name-with-spaces-valid-v33", fh(V33, [H("Not A Token", "v")]), OK())
    c.add(a, "duplicate-names-v31", fh(V31, [H("X-Token", "a"), H("X-Token", "b")]), E("duplicate entry defined"))
    c.add(a, "duplicate-names-null-values-v33", fh(V33, [H("X-Token"), H("X-Token")]), E("duplicate entry defined"))
    c.add(a, "case-different-names-valid-v32", fh(V32, [H("X-Token", "a"), H("x-token", "b")]), OK())
    c.add(a, "empty-name-and-value-order-v33", fh(V33, [H("", "")]),
          E("HTTP header name can't be empty", "unable to parse HTTP header"))
    c.add(a, "two-empty-names-dup-v32", fh(V32, [H("", "a"), H("", "b")]),
          E("HTTP header name can't be empty", "duplicate entry defined"))
    c.add(a, "no-source-v33", C(V33, storage=files(F("/opt/file", contents={"httpHeaders": [H("X", "y")]}))),
          E("unable to parse url"))
    c.add(a, "empty-source-v31", fh(V31, [H("X", "y")], ""), E("unable to parse url"))
    c.add(a, "s3-source-v32", fh(V32, [H("X", "y")], "s3://bucket/key"), E("cannot use HTTP headers"))
    c.add(a, "tftp-source-v33", fh(V33, [H("X", "y")], "tftp://10.0.0.1/file"), E("cannot use HTTP headers"))
    c.add(a, "gs-source-v32", fh(V32, [H("X", "y")], "gs://bucket/obj"), E("cannot use HTTP headers"))
    c.add(a, "ftp-source-v31", fh(V31, [H("X", "y")], "ftp://host/file"),
          E("invalid url scheme", "cannot use HTTP headers"))
    c.add(a, "unparseable-source-v33", fh(V33, [H("X", "y")], "http://[::1"),
          E("unable to parse url"))
    c.add(a, "http-uppercase-scheme-valid-v31", fh(V31, [H("X", "y")], "HTTP://example.com/a"), OK())
    c.add(a, "empty-list-on-data-valid-v33", fh(V33, [], "data:,x"), OK())
    c.add(a, "on-merge-v31", C(V31, ign={"config": {"merge": [src(u, httpHeaders=[H("", "v")])]}}),
          E("merge.0.httpHeaders.0.name"))
    c.add(a, "on-replace-v32", C(V32, ign={"config": {"replace": src("tftp://h/c.ign", httpHeaders=[H("A", "b")])}}),
          E("replace.httpHeaders"))
    c.add(a, "on-ca-valid-v33", C(V33, ign=tls(src("https://ca.example.com/ca.pem", httpHeaders=hdrs))), OK())
    c.add(a, "on-append-v33", C(V33, storage=files(F("/opt/log", append=[src(u, httpHeaders=[H("A", "")])]))),
          E("append.0.httpHeaders.0.value"))
    c.add(a, "on-keyfile-data-v33",
          C(V33, storage={"luks": [{"name": "d", "device": "/dev/vdb",
                                    "keyFile": src("data:,key", httpHeaders=[H("A", "b")])}]}),
          E("cannot use HTTP headers"))
    c.add(a, "many-header-errors-pretty-v32",
          fh(V32, [H("Good", "ok"), H("", "no-name"), H("Empty", ""), H("Good", "again"), {"value": None}]),
          E("HTTP header name can't be empty", "unable to parse HTTP header", "duplicate entry defined"), style="pretty")
    c.add(a, "header-null-item-v31", fh(V31, [None]), E("HTTP header name can't be empty", "context tree does not match"))


# ===========================================================================
# Area: files
# ===========================================================================

def area_files(c):
    a = "files"
    motd = src(data_plain(MOTD))
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "path-relative-%s" % t, C(v, storage=files(F("etc/motd", contents=motd))), E("path not absolute"))
        c.add(a, "mode-setuid-warning-%s" % t, C(v, storage=files(F("/usr/local/bin/helper", mode=0o4755))),
              W("setuid/setgid/sticky bits are not supported"))
        c.add(a, "overwrite-without-source-%s" % t, C(v, storage=files(F("/etc/motd", overwrite=True))),
              E("overwrite must be false if source is unspecified"))
    c.add(a, "path-empty-v33", C(V33, storage=files(F("", contents=motd))), E("path not specified"))
    c.add(a, "path-missing-v30", C(V30, storage=files({"mode": 420})), E("path not specified"))
    c.add(a, "path-missing-pretty-v32", C(V32, storage=files({"contents": motd, "mode": 420})), E("path not specified"),
          style="pretty")
    c.add(a, "path-double-slash-v31", C(V31, storage=files(F("/etc//motd"))), E("path is not fully simplified"))
    c.add(a, "path-trailing-slash-v33", C(V33, storage=files(F("/etc/motd/"))), E("path is not fully simplified"))
    c.add(a, "path-dot-component-v32", C(V32, storage=files(F("/etc/./motd"))), E("path is not fully simplified"))
    c.add(a, "path-dotdot-component-v30", C(V30, storage=files(F("/etc/../motd"))), E("path is not fully simplified"))
    c.add(a, "path-dotdot-above-root-v33", C(V33, storage=files(F("/../etc/motd"))), E("path is not fully simplified"))
    c.add(a, "path-dot-relative-v31", C(V31, storage=files(F("./etc/motd"))), E("path not absolute"))
    c.add(a, "path-tilde-v33", C(V33, storage=files(F("~/motd"))), E("path not absolute"))
    c.add(a, "path-root-valid-v33", C(V33, storage=files(F("/"))), OK())
    c.add(a, "path-dotfile-valid-v32", C(V32, storage=files(F("/home/core/.bashrc", contents=src(data_plain("alias ll='ls -l'\n"))))),
          OK())
    c.add(a, "path-unicode-and-spaces-valid-v33", C(V33, storage=files(F("/srv/données/mon fichier.txt", contents=motd))), OK())
    c.add(a, "path-backslash-valid-v31", C(V31, storage=files(F("/srv/odd\\name"))), OK())
    c.add(a, "path-windows-style-v30", C(V30, storage=files(F("C:\\Windows\\motd.txt"))), E("path not absolute"))
    c.add(a, "path-triple-dot-valid-v33", C(V33, storage=files(F("/srv/.../x"))), OK())
    c.add(a, "mode-illegal-4096-v33", C(V33, storage=files(F("/a", mode=4096))), E("illegal file mode"))
    c.add(a, "mode-negative-v30", C(V30, storage=files(F("/a", mode=-1))), E("illegal file mode"))
    c.add(a, "mode-decimal-644-mistake-warns-v31", C(V31, storage=files(F("/a", mode=644))),
          W("setuid/setgid/sticky"))
    c.add(a, "mode-decimal-755-mistake-valid-v32", C(V32, storage=files(F("/a", mode=755))), W("setuid/setgid/sticky"))
    c.add(a, "mode-07777-warning-v33", C(V33, storage=files(F("/a", mode=4095))), W("setuid/setgid/sticky"))
    c.add(a, "mode-017777-illegal-and-warning-v30", C(V30, storage=files(F("/a", mode=8191))),
          E("illegal file mode", "setuid/setgid/sticky"))
    c.add(a, "mode-huge-illegal-v33", C(V33, storage=files(F("/a", mode=1 << 40))), E("illegal file mode"))
    c.add(a, "mode-zero-valid-v31", C(V31, storage=files(F("/a", mode=0))), OK())
    c.add(a, "mode-0777-valid-v30", C(V30, storage=files(F("/a", mode=0o777))), OK())
    c.add(a, "mode-0600-valid-v33", C(V33, storage=files(F("/etc/secret", mode=0o600, contents=src(data_plain("s3cr3t\n"))))),
          OK())
    c.add(a, "mode-setgid-v32", C(V32, storage=files(F("/usr/bin/tool", mode=0o2755))), W("setuid/setgid/sticky"))
    c.add(a, "overwrite-with-source-valid-v33", C(V33, storage=files(F("/etc/motd", overwrite=True, contents=motd))), OK())
    c.add(a, "overwrite-with-empty-source-valid-v31",
          C(V31, storage=files(F("/etc/motd", overwrite=True, contents=src("")))), OK())
    c.add(a, "overwrite-false-without-source-valid-v30", C(V30, storage=files(F("/etc/motd", overwrite=False))), OK())
    c.add(a, "overwrite-with-append-only-v32",
          C(V32, storage=files(F("/etc/motd", overwrite=True, append=[motd]))), E("overwrite must be false"))
    c.add(a, "overwrite-with-verification-only-v33",
          C(V33, storage=files(F("/etc/motd", overwrite=True, contents={"verification": {"hash": SHA512_HELLO}}))),
          E("overwrite must be false", "source must be specified"))
    c.add(a, "append-only-valid-v30", C(V30, storage=files(F("/etc/hosts", append=[src(data_plain("10.0.0.5 db\n"))]))),
          OK())
    c.add(a, "contents-and-append-valid-v33",
          C(V33, storage=files(F("/etc/profile.d/proxy.sh", mode=0o644, contents=src(data_plain("export A=1\n")),
                                 append=[src(data_plain("export B=2\n")), src("https://example.com/extra.sh")]))), OK())
    c.add(a, "many-files-one-bad-v31",
          C(V31, storage=files(F("/etc/hostname", contents=src(data_plain(HOSTNAME))), F("/etc/motd", contents=motd),
                               F("/etc/sysctl.d/90-tune.conf", contents=src(data_plain(SYSCTL))),
                               F("etc/chrony.conf", contents=src(data_plain(CHRONY))))),
          E("files.3.path"), style="pretty")
    c.add(a, "all-errors-one-file-order-v33",
          C(V33, storage=files({"overwrite": True, "mode": 65535, "path": "relative/../x",
                                "user": {"id": 0, "name": "root"}, "group": {"id": 0, "name": "root"},
                                "contents": {"compression": "rar"}})),
          E("path not absolute", "illegal file mode", "setuid/setgid/sticky", "overwrite must be false",
            "cannot set both id and name", "invalid compression method"), style="pretty")
    c.add(a, "all-errors-one-file-order-v30",
          C(V30, storage=files({"group": {"id": 10, "name": "wheel"}, "user": {"id": 1000, "name": "core"},
                                "contents": {"source": "ssh://x/y"}, "path": "/a//b", "mode": -420, "overwrite": True})),
          E("path is not fully simplified", "illegal file mode", "cannot set both id and name", "invalid url scheme"),
          style="pretty")
    c.add(a, "path-is-systemd-unit-path-no-conflict-check-in-2.14-v33",
          C(V33, storage=files(F("/etc/systemd/system/hello.service", contents=src(data_plain(UNIT_HELLO))),
                               F("/etc/systemd/system/hello.service.d/10-env.conf", contents=src(data_plain(DROPIN_ENV)))),
            systemd=units(U("hello.service", enabled=True, contents=UNIT_HELLO,
                            dropins=[DR("10-env.conf", DROPIN_ENV)]))), OK())
    c.add(a, "file-item-null-v32", C(V32, storage=files(None)), E("path not specified", "context tree does not match"))
    c.add(a, "files-empty-list-valid-v33", C(V33, storage=files()), OK())
    c.add(a, "realistic-valid-v31",
          C(V31, storage=files(
              F("/etc/hostname", mode=0o644, overwrite=True, contents=src(data_plain(HOSTNAME))),
              F("/etc/sysctl.d/90-tune.conf", mode=0o644, contents=src(data_plain(SYSCTL))),
              F("/etc/containers/registries.conf.d/99-local.conf", contents=src(data_b64(REGISTRIES))),
              F("/usr/local/bin/bootstrap.sh", mode=0o755, user={"name": "core"}, group={"name": "core"},
                contents=src("https://bootstrap.example.com/bootstrap.sh", verification={"hash": SHA512_HELLO},
                             httpHeaders=[H("Authorization", "Basic Y29yZTpjb3Jl")])))), OK())


# ===========================================================================
# Area: directories
# ===========================================================================

def D(path, **kw):
    d = {"path": path}
    d.update(kw)
    return d


def area_directories(c):
    a = "directories"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t, C(v, storage={"directories": [D("/var/lib/app", mode=0o750, user={"id": 1000}),
                                                              D("/srv/data", overwrite=True)]}), OK())
        c.add(a, "path-relative-%s" % t, C(v, storage={"directories": [D("var/lib/app")]}), E("path not absolute"))
    c.add(a, "path-empty-v32", C(V32, storage={"directories": [D("")]}), E("path not specified"))
    c.add(a, "path-missing-v31", C(V31, storage={"directories": [{"mode": 493}]}), E("path not specified"))
    c.add(a, "path-trailing-slash-v33", C(V33, storage={"directories": [D("/var/lib/app/")]}), E("path is not fully simplified"))
    c.add(a, "path-dotdot-v30", C(V30, storage={"directories": [D("/var/lib/../app")]}), E("path is not fully simplified"))
    c.add(a, "mode-illegal-v33", C(V33, storage={"directories": [D("/srv", mode=0o10755)]}), E("illegal file mode"))
    c.add(a, "mode-negative-v32", C(V32, storage={"directories": [D("/srv", mode=-493)]}), E("illegal file mode"))
    c.add(a, "mode-sticky-warning-v30", C(V30, storage={"directories": [D("/srv/shared", mode=0o1777)]}),
          W("setuid/setgid/sticky"))
    c.add(a, "mode-sticky-warning-v33", C(V33, storage={"directories": [D("/srv/shared", mode=0o1777)]}),
          W("setuid/setgid/sticky"))
    c.add(a, "mode-setgid-warning-v31", C(V31, storage={"directories": [D("/srv/team", mode=0o2775)]}),
          W("setuid/setgid/sticky"))
    c.add(a, "overwrite-true-valid-v33", C(V33, storage={"directories": [D("/srv/cache", overwrite=True)]}), OK())
    c.add(a, "user-both-v32", C(V32, storage={"directories": [D("/srv", user={"id": 0, "name": "root"})]}),
          E("cannot set both id and name"))
    c.add(a, "group-both-v30", C(V30, storage={"directories": [D("/srv", group={"id": 0, "name": "root"})]}),
          E("directories.0.group"))
    c.add(a, "root-dir-valid-v31", C(V31, storage={"directories": [D("/", mode=0o755)]}), OK())
    c.add(a, "multi-errors-order-v33",
          C(V33, storage={"directories": [D("/ok"), D("bad", mode=0o7777, group={"id": 1, "name": "x"}),
                                          D("/a/b/", mode=99999)]}),
          E("directories.1.path", "directories.1.mode", "directories.2.path"), style="pretty")
    c.add(a, "directory-item-null-v33", C(V33, storage={"directories": [None]}), E("path not specified"))
    c.add(a, "directories-object-v33", C(V33, storage={"directories": {"path": "/srv"}}), E("cannot unmarshal object"))


# ===========================================================================
# Area: links
# ===========================================================================

def L(path, target="__unset__", **kw):
    d = {"path": path}
    if target != "__unset__":
        d["target"] = target
    d.update(kw)
    return d


def area_links(c):
    a = "links"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t, C(v, storage={"links": [
            L("/etc/localtime", "../usr/share/zoneinfo/Europe/Berlin", overwrite=True),
            L("/usr/local/bin/kubectl", "/opt/k8s/bin/kubectl", user={"id": 0}, group={"id": 0}),
            L("/srv/hardlink", "/srv/original", hard=True)]}), OK())
        c.add(a, "target-empty-%s" % t, C(v, storage={"links": [L("/etc/localtime", "")]}),
              E("link target is required") if v == V33 else OK())
        c.add(a, "target-missing-%s" % t, C(v, storage={"links": [L("/etc/localtime")]}),
              E("link target is required") if v == V33 else OK())
        c.add(a, "hard-link-to-directory-%s" % t,
              C(v, storage={"directories": [D("/srv/data")], "links": [L("/srv/data-link", "/srv/data", hard=True)]}),
              E("hard link target is a directory"))
        c.add(a, "file-under-link-%s" % t,
              C(v, storage={"links": [L("/etc/app", "/opt/app/etc")], "files": [F("/etc/app/config.yml")]}),
              E("file path includes link in config"))
    c.add(a, "target-null-v33", C(V33, storage={"links": [L("/etc/localtime", None)]}), E("link target is required"))
    c.add(a, "target-null-v32", C(V32, storage={"links": [L("/etc/localtime", None)]}), OK())
    c.add(a, "target-empty-hard-v33", C(V33, storage={"directories": [D("/x")], "links": [L("/x-link", "", hard=True)]}),
          E("link target is required"))
    c.add(a, "target-relative-symlink-valid-v33", C(V33, storage={"links": [L("/usr/lib/libfoo.so", "libfoo.so.1")]}), OK())
    c.add(a, "hard-link-relative-dotdot-to-dir-v33",
          C(V33, storage={"directories": [D("/srv/data")], "links": [L("/srv/link", "../data", hard=True)]}),
          E("hard link target is a directory"))
    c.add(a, "hard-link-relative-joined-to-link-path-v32",
          C(V32, storage={"directories": [D("/srv/data")], "links": [L("/srv/link", "data", hard=True)]}), OK())
    c.add(a, "hard-link-relative-into-link-path-v31",
          C(V31, storage={"directories": [D("/srv/link/data")], "links": [L("/srv/link", "data", hard=True)]}),
          E("hard link target is a directory", "directory path includes link"))
    c.add(a, "hard-link-dirty-target-to-dir-v30",
          C(V30, storage={"directories": [D("/srv/data")], "links": [L("/srv/l", "/srv//data/.", hard=True)]}),
          E("hard link target is a directory"))
    c.add(a, "hard-link-to-dir-twice-v33",
          C(V33, storage={"directories": [D("/srv/data"), D("/srv/data2")],
                          "links": [L("/l1", "/srv/data", hard=True), L("/l2", "/srv/data2", hard=True)]}),
          E("links.0", "links.1"))
    c.add(a, "symlink-to-directory-valid-v33",
          C(V33, storage={"directories": [D("/srv/data")], "links": [L("/data", "/srv/data")]}), OK())
    c.add(a, "hard-false-to-directory-valid-v31",
          C(V31, storage={"directories": [D("/srv/data")], "links": [L("/data", "/srv/data", hard=False)]}), OK())
    c.add(a, "hard-link-user-group-no-warning-2.14-v33",
          C(V33, storage={"links": [L("/srv/h", "/srv/o", hard=True, user={"id": 1000}, group={"name": "core"})]}), OK())
    c.add(a, "link-under-link-v33", C(V33, storage={"links": [L("/opt/app", "/srv/app"), L("/opt/app/current", "v2")]}),
          E("link path includes link in config"))
    c.add(a, "link-chain-three-levels-v32",
          C(V32, storage={"links": [L("/a", "/x"), L("/a/b", "/y"), L("/a/b/c", "/z")]}),
          E("links.1", "links.2"))
    c.add(a, "directory-under-link-v30", C(V30, storage={"links": [L("/var/log", "/data/log")],
                                                        "directories": [D("/var/log/app")]}),
          E("directory path includes link in config"))
    c.add(a, "directory-under-link-v33", C(V33, storage={"directories": [D("/var/log/app")],
                                                        "links": [L("/var/log", "/data/log")]}),
          E("directory path includes link in config"))
    c.add(a, "prefix-but-not-under-link-valid-v33",
          C(V33, storage={"links": [L("/etc/app", "/opt/app")], "files": [F("/etc/application.conf")],
                          "directories": [D("/etc/app2")]}), OK())
    c.add(a, "link-under-itself-trailing-slash-v31", C(V31, storage={"links": [L("/etc/app/", "/opt/app")]}),
          E("path is not fully simplified"))
    c.add(a, "file-under-two-links-v33",
          C(V33, storage={"links": [L("/a", "/x"), L("/a/b", "/y")], "files": [F("/a/b/c")]}),
          E("file path includes link in config", "link path includes link in config"))
    c.add(a, "link-path-relative-v30", C(V30, storage={"links": [L("etc/localtime", "/usr/share/zoneinfo/UTC")]}),
          E("path not absolute"))
    c.add(a, "link-path-empty-v33", C(V33, storage={"links": [L("", "/x")]}), E("path not specified"))
    c.add(a, "link-user-both-v32", C(V32, storage={"links": [L("/a", "/b", user={"id": 1, "name": "bin"})]}),
          E("cannot set both id and name"))
    c.add(a, "link-all-errors-pretty-v33",
          C(V33, storage={"directories": [D("/d")],
                          "links": [L("rel", None), L("/d-hard", "/d", hard=True), L("/rel2/x", "", hard=True),
                                    L("/rel2", "/somewhere")]}),
          E("path not absolute", "link target is required", "hard link target is a directory"), style="pretty")
    c.add(a, "link-item-null-v33", C(V33, storage={"links": [None]}),
          E("link target is required", "path not specified"))


# ===========================================================================
# Area: nodes -- user/group on files, directories, links; shared behaviour
# ===========================================================================

def area_nodes(c):
    a = "nodes"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "file-user-id-and-name-%s" % t, C(v, storage=files(F("/a", user={"id": 500, "name": "core"}))),
              E("$.storage.files.0.user,", "cannot set both id and name"))
        c.add(a, "ids-and-names-valid-%s" % t,
              C(v, storage={"files": [F("/a", user={"id": 500}, group={"name": "core"})],
                            "directories": [D("/b", user={"name": "core"}, group={"id": 500})],
                            "links": [L("/c", "/a", user={"id": 0}, group={"id": 0})]}), OK())
    c.add(a, "group-error-reported-before-user-v33",
          C(V33, storage=files(F("/a", user={"id": 1, "name": "u"}, group={"id": 1, "name": "g"}))),
          E("files.0.group", "files.0.user"))
    c.add(a, "id-with-empty-name-valid-v32", C(V32, storage=files(F("/a", user={"id": 1, "name": ""}))), OK())
    c.add(a, "id-with-null-name-valid-v30", C(V30, storage=files(F("/a", group={"id": 1, "name": None}))), OK())
    c.add(a, "id-zero-and-name-v31", C(V31, storage=files(F("/a", user={"id": 0, "name": "root"}))),
          E("cannot set both id and name"))
    c.add(a, "negative-id-valid-v33", C(V33, storage=files(F("/a", user={"id": -1}, group={"id": -65534}))), OK())
    c.add(a, "user-null-v33", C(V33, storage=files(F("/a", user=None))), W("context tree does not match"))
    c.add(a, "user-empty-object-valid-v30", C(V30, storage=files(F("/a", user={}, group={}))), OK())
    c.add(a, "directory-group-both-v33", C(V33, storage={"directories": [D("/srv", group={"id": 100, "name": "users"})]}),
          E("directories.0.group"))
    c.add(a, "link-group-both-v31", C(V31, storage={"links": [L("/x", "/y", group={"id": 100, "name": "users"})]}),
          E("links.0.group"))
    c.add(a, "storage-order-dirs-files-links-v33",
          C(V33, storage={"links": [L("/l", "/t", user={"id": 1, "name": "a"})],
                          "files": [F("/f", user={"id": 1, "name": "a"})],
                          "directories": [D("/d", user={"id": 1, "name": "a"})]}),
          E("directories.0.user", "files.0.user", "links.0.user"))
    c.add(a, "storage-order-pretty-v30",
          C(V30, storage={"links": [L("rel-link", "/t")], "files": [F("rel-file")], "directories": [D("rel-dir")]}),
          E("directories.0.path", "files.0.path", "links.0.path"), style="pretty")


# ===========================================================================
# Area: disks
# ===========================================================================

def disk(device, *parts, **kw):
    d = {"device": device}
    d.update(kw)
    if parts:
        d["partitions"] = list(parts)
    return d


def P(**kw):
    return dict(kw)


def area_disks(c):
    a = "disks"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t, C(v, storage={"disks": [disk("/dev/disk/by-id/virtio-data01", wipeTable=True),
                                                        disk("/dev/vdc", wipeTable=False)]}), OK())
        c.add(a, "device-empty-%s" % t, C(v, storage={"disks": [disk("")]}), E("disk device is required"))
    c.add(a, "device-missing-v33", C(V33, storage={"disks": [{"wipeTable": True}]}), E("disk device is required"))
    c.add(a, "device-relative-v31", C(V31, storage={"disks": [disk("sda")]}), E("path not absolute"))
    c.add(a, "device-dirty-v32", C(V32, storage={"disks": [disk("/dev//sda")]}), E("path is not fully simplified"))
    c.add(a, "device-trailing-slash-v30", C(V30, storage={"disks": [disk("/dev/sda/")]}), E("path is not fully simplified"))
    c.add(a, "device-null-v33", C(V33, storage={"disks": [disk(None)]}), E("disk device is required"))
    c.add(a, "empty-device-still-validates-partitions-v33",
          C(V33, storage={"disks": [disk("", P(number=1, label="x" * 40), P(number=1, label="b"))]}),
          E("disk device is required", "partition labels may not exceed 36 characters"))
    c.add(a, "empty-device-skips-collision-checks-v31",
          C(V31, storage={"disks": [disk("", P(number=1, label="a", startMiB=1, sizeMiB=100),
                                          P(number=2, label="a", startMiB=50, sizeMiB=100))]}),
          E("disk device is required"))
    c.add(a, "relative-device-still-checks-partitions-v33",
          C(V33, storage={"disks": [disk("vdb", P(number=1, label="a"), P(number=2, label="a"))]}),
          E("path not absolute", "cannot use the same partition label twice"))
    c.add(a, "duplicate-device-v33", C(V33, storage={"disks": [disk("/dev/vdb"), disk("/dev/vdb", wipeTable=True)]}),
          E("duplicate entry defined"))
    c.add(a, "disk-item-null-v32", C(V32, storage={"disks": [None]}), E("disk device is required"))
    c.add(a, "by-path-device-valid-v33", C(V33, storage={"disks": [disk("/dev/disk/by-path/pci-0000:00:1f.2-ata-1")]}), OK())
    c.add(a, "multi-disk-errors-pretty-v30",
          C(V30, storage={"disks": [disk("/dev/sda"), disk(""), disk("dev/sdc"), disk("/dev/sda")]}),
          E("disks.1.device", "disks.2.device", "disks.3"), style="pretty")


# ===========================================================================
# Area: partitions
# ===========================================================================

def pdisk(v, *parts, device="/dev/vda", **kw):
    return C(v, storage={"disks": [disk(device, *parts, **kw)]})


def area_partitions(c):
    a = "partitions"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "layout-valid-%s" % t,
              pdisk(v, P(number=1, label="BIOS-BOOT", sizeMiB=1, typeGuid="21686148-6449-6E6F-744E-656564454649"),
                    P(number=2, label="EFI-SYSTEM", sizeMiB=127, typeGuid=GUID_ESP),
                    P(number=3, label="boot", sizeMiB=384),
                    P(number=4, label="root", sizeMiB=0, typeGuid=GUID_ROOT, guid="8A3A1D52-2B6E-4A5F-9C1B-0F7D3E2A1B4C"),
                    wipeTable=True), OK())
        c.add(a, "numbers-collide-%s" % t, pdisk(v, P(number=1, label="a"), P(number=1, label="b")),
              E("partition numbers collide", "duplicate entry defined"))
        c.add(a, "overlap-%s" % t, pdisk(v, P(number=1, startMiB=1, sizeMiB=100), P(number=2, startMiB=50, sizeMiB=100)),
              E("partitions overlap"))
        c.add(a, "label-too-long-%s" % t, pdisk(v, P(number=1, label="L" * 37)),
              E("partition labels may not exceed 36 characters"))
    c.add(a, "label-36-valid-v33", pdisk(V33, P(number=1, label="L" * 36)), OK())
    c.add(a, "label-multibyte-over-36-bytes-v32", pdisk(V32, P(number=1, label="\u00e9" * 20)),
          E("partition labels may not exceed 36 characters"))
    c.add(a, "label-colon-v33", pdisk(V33, P(number=1, label="data:1")), E("partition label will be truncated"))
    c.add(a, "label-colon-v30", pdisk(V30, P(number=1, label=":")), E("partition label will be truncated"))
    c.add(a, "label-too-long-and-colon-v31", pdisk(V31, P(number=1, label="a:" * 20)),
          E("partition labels may not exceed 36 characters"))
    c.add(a, "label-empty-string-valid-v32", pdisk(V32, P(number=1, label="")), OK())
    c.add(a, "guid-invalid-v33", pdisk(V33, P(number=1, guid="not-a-guid")), E("doesn't match the form"))
    c.add(a, "guid-braces-v31", pdisk(V31, P(number=1, guid="{" + GUID_LINUX + "}")), E("doesn't match the form"))
    c.add(a, "guid-no-dashes-v30", pdisk(V30, P(number=1, guid=GUID_LINUX.replace("-", ""))), E("doesn't match the form"))
    c.add(a, "typeguid-invalid-v32", pdisk(V32, P(number=1, typeGuid="linux")), E("typeGuid"))
    c.add(a, "typeguid-lowercase-valid-v33", pdisk(V33, P(number=1, typeGuid=GUID_SWAP.lower())), OK())
    c.add(a, "typeguid-sgdisk-code-v31", pdisk(V31, P(number=1, typeGuid="8300")), E("doesn't match the form"))
    c.add(a, "guid-empty-string-valid-v30", pdisk(V30, P(number=1, guid="", typeGuid="")), OK())
    c.add(a, "guid-and-typeguid-both-bad-order-v33", pdisk(V33, P(number=1, typeGuid="x", guid="y")),
          E("partitions.0.guid", "partitions.0.typeGuid"))
    c.add(a, "number-zero-without-label-v33", pdisk(V33, P(sizeMiB=100)),
          E("a partition number >= 1 or a label must be specified"))
    c.add(a, "number-zero-without-label-v30", pdisk(V30, P(number=0, startMiB=0)),
          E("a partition number >= 1 or a label must be specified"))
    c.add(a, "number-zero-with-label-valid-v32", pdisk(V32, P(label="data", sizeMiB=0)), OK())
    c.add(a, "two-unnumbered-unlabelled-v31", pdisk(V31, P(sizeMiB=10), P(sizeMiB=20)),
          E("a partition number >= 1 or a label must be specified", "duplicate entry defined"))
    c.add(a, "shouldexist-false-with-label-v33", pdisk(V33, P(number=5, label="old", shouldExist=False)),
          E("shouldExist specified false with other options also specified"))
    c.add(a, "shouldexist-false-with-size-v30", pdisk(V30, P(number=5, sizeMiB=10, shouldExist=False)),
          E("shouldExist specified false"))
    c.add(a, "shouldexist-false-with-start-zero-v31", pdisk(V31, P(number=5, startMiB=0, shouldExist=False)),
          E("shouldExist specified false"))
    c.add(a, "shouldexist-false-with-guid-v32", pdisk(V32, P(number=5, guid=GUID_LINUX, shouldExist=False)),
          E("shouldExist specified false"))
    c.add(a, "shouldexist-false-with-empty-typeguid-valid-v33",
          pdisk(V33, P(number=5, typeGuid="", shouldExist=False, wipePartitionEntry=True)), OK())
    c.add(a, "shouldexist-false-number-only-valid-v30", pdisk(V30, P(number=9, shouldExist=False)), OK())
    c.add(a, "shouldexist-false-and-number-zero-v33",
          pdisk(V33, P(number=5, shouldExist=False), P(label="new", sizeMiB=100)),
          E("shouldExist is false for a partition and other partition(s) has start or size 0"))
    c.add(a, "shouldexist-false-number-zero-same-partition-v31",
          pdisk(V31, P(label="gone", shouldExist=False)),
          E("shouldExist specified false", "shouldExist is false for a partition"))
    c.add(a, "shouldexist-true-and-number-zero-valid-v32",
          pdisk(V32, P(number=5, shouldExist=True), P(label="new", sizeMiB=100)), OK())
    c.add(a, "duplicate-labels-distinct-numbers-v33", pdisk(V33, P(number=1, label="data"), P(number=2, label="data")),
          E("cannot use the same partition label twice"))
    c.add(a, "duplicate-labels-unnumbered-v30", pdisk(V30, P(label="data"), P(label="data")),
          E("cannot use the same partition label twice", "duplicate entry defined"))
    c.add(a, "duplicate-empty-labels-v32", pdisk(V32, P(number=1, label=""), P(number=2, label="")),
          E("cannot use the same partition label twice"))
    c.add(a, "duplicate-number-key-dup-entry-v33", pdisk(V33, P(number=3), P(label="x"), P(number=3, sizeMiB=5)),
          E("partitions.2", "partition numbers collide", "duplicate entry defined"))
    c.add(a, "number-collision-three-same-v31", pdisk(V31, P(number=2), P(number=2), P(number=2)),
          E("partition numbers collide"))
    c.add(a, "overlap-straddle-v33",
          pdisk(V33, P(number=1, startMiB=100, sizeMiB=10), P(number=2, startMiB=50, sizeMiB=200)),
          E("partitions overlap"))
    c.add(a, "overlap-adjacent-valid-v30",
          pdisk(V30, P(number=1, startMiB=1, sizeMiB=100), P(number=2, startMiB=101, sizeMiB=100)), OK())
    c.add(a, "overlap-off-by-one-v32",
          pdisk(V32, P(number=1, startMiB=1, sizeMiB=100), P(number=2, startMiB=100, sizeMiB=100)),
          E("partitions overlap"))
    c.add(a, "overlap-start-zero-ignored-valid-v33",
          pdisk(V33, P(number=1, startMiB=0, sizeMiB=1000), P(number=2, startMiB=0, sizeMiB=1000)), OK())
    c.add(a, "overlap-missing-size-ignored-valid-v31",
          pdisk(V31, P(number=1, startMiB=10), P(number=2, startMiB=10, sizeMiB=10)), OK())
    c.add(a, "overlap-size-zero-is-point-v33",
          pdisk(V33, P(number=1, startMiB=100, sizeMiB=0), P(number=2, startMiB=50, sizeMiB=100)),
          E("partitions overlap"))
    c.add(a, "overlap-size-zero-after-valid-v32",
          pdisk(V32, P(number=1, startMiB=500, sizeMiB=0), P(number=2, startMiB=50, sizeMiB=100)), OK())
    c.add(a, "overlap-third-partition-index-v30",
          pdisk(V30, P(number=1, startMiB=1, sizeMiB=100), P(number=2, startMiB=200, sizeMiB=100),
                P(number=3, startMiB=50, sizeMiB=200)), E("partitions.2"))
    c.add(a, "overlap-identical-partitions-reported-v33",
          pdisk(V33, P(label="a", startMiB=1, sizeMiB=100), P(label="a", startMiB=1, sizeMiB=100)),
          E("cannot use the same partition label twice", "duplicate entry defined"))
    c.add(a, "overlap-and-collide-v31",
          pdisk(V31, P(number=1, label="a", startMiB=1, sizeMiB=100), P(number=1, label="b", startMiB=10, sizeMiB=10)),
          E("partition numbers collide", "partitions overlap"))
    c.add(a, "negative-start-and-size-not-validated-v33",
          pdisk(V33, P(number=1, startMiB=-5, sizeMiB=-10)), OK())
    c.add(a, "resize-in-v31-unknown", pdisk(V31, P(number=4, label="root", resize=True)), W("Unused key resize"))
    c.add(a, "resize-v32-valid", pdisk(V32, P(number=4, label="root", resize=True, sizeMiB=16384)), OK())
    c.add(a, "resize-v33-valid", pdisk(V33, P(number=4, label="root", resize=True, sizeMiB=16384)), OK())
    c.add(a, "wipe-partition-entry-valid-v30", pdisk(V30, P(number=4, label="root", wipePartitionEntry=True, sizeMiB=8192)),
          OK())
    c.add(a, "partition-item-null-v33", pdisk(V33, None),
          E("a partition number >= 1 or a label must be specified"))
    c.add(a, "all-partition-rules-pretty-v33",
          pdisk(V33, P(number=1, label="boot", startMiB=1, sizeMiB=511, typeGuid=GUID_LINUX),
                P(number=2, label="swap:primary", startMiB=256, sizeMiB=1024, typeGuid=GUID_SWAP),
                P(number=3, label="root-partition-with-a-name-far-too-long", guid="1234"),
                P(number=4, label="boot", shouldExist=False),
                P(sizeMiB=0)),
          E("partitions overlap", "partition label will be truncated", "may not exceed 36",
            "cannot use the same partition label twice", "shouldExist specified false",
            "a partition number >= 1 or a label"), style="pretty")
    c.add(a, "all-partition-rules-compact-v30",
          pdisk(V30, P(number=1, label="boot", startMiB=1, sizeMiB=511, typeGuid=GUID_LINUX),
                P(number=2, label="swap:primary", startMiB=256, sizeMiB=1024, typeGuid=GUID_SWAP),
                P(number=3, label="root-partition-with-a-name-far-too-long", guid="1234"),
                P(number=4, label="boot", shouldExist=False),
                P(sizeMiB=0)),
          E("partitions overlap"), style="compact")


# ===========================================================================
# Area: raid
# ===========================================================================

def R(name, level="__unset__", devices="__unset__", **kw):
    d = {"name": name}
    if level != "__unset__":
        d["level"] = level
    if devices != "__unset__":
        d["devices"] = devices
    d.update(kw)
    return d


def area_raid(c):
    a = "raid"
    devs = ["/dev/disk/by-partlabel/raid.1.1", "/dev/disk/by-partlabel/raid.1.2"]
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "mirror-valid-%s" % t, C(v, storage={"raid": [R("md-root", "raid1", devs, options=["--metadata=1.2"])]}),
              OK())
        c.add(a, "level-missing-%s" % t, C(v, storage={"raid": [R("md0", devices=devs)]}),
              E("raid level is required") if v == V33 else E("unrecognized raid level"))
        c.add(a, "level-invalid-%s" % t, C(v, storage={"raid": [R("md0", "raid7", devs)]}), E("unrecognized raid level"))
    c.add(a, "level-empty-v31", C(V31, storage={"raid": [R("md0", "", devs)]}), E("unrecognized raid level"))
    c.add(a, "level-empty-v33", C(V33, storage={"raid": [R("md0", "", devs)]}), E("raid level is required"))
    c.add(a, "level-null-v32", C(V32, storage={"raid": [R("md0", None, devs)]}), E("unrecognized raid level"))
    c.add(a, "level-null-v33", C(V33, storage={"raid": [R("md0", None, devs)]}), E("raid level is required"))
    c.add(a, "level-uppercase-v33", C(V33, storage={"raid": [R("md0", "RAID1", devs)]}), E("unrecognized raid level"))
    levels = ["linear", "raid0", "0", "stripe", "raid1", "1", "mirror", "raid4", "4", "raid5", "5", "raid6", "6",
              "raid10", "10"]
    for v in (V30, V33):
        c.add(a, "all-levels-valid-%s" % vt(v),
              C(v, storage={"raid": [R("md%d" % i, lv, ["/dev/vd%s" % chr(98 + i), "/dev/vd%s" % chr(99 + i)])
                                     for i, lv in enumerate(levels)]}), OK())
    for i, lv in enumerate(["linear", "raid0", "0", "stripe"]):
        v = VERSIONS[i]
        c.add(a, "spares-with-%s-%s" % (lv, vt(v)), C(v, storage={"raid": [R("md0", lv, devs + ["/dev/vdd"], spares=1)]}),
              E("spares unsupported for linear and raid0 arrays"))
    c.add(a, "spares-zero-with-raid0-valid-v33", C(V33, storage={"raid": [R("md0", "raid0", devs, spares=0)]}), OK())
    c.add(a, "spares-with-raid5-valid-v32", C(V32, storage={"raid": [R("md0", "raid5", devs + ["/dev/vdd", "/dev/vde"], spares=1)]}),
          OK())
    c.add(a, "spares-negative-raid0-v31", C(V31, storage={"raid": [R("md0", "raid0", devs, spares=-1)]}),
          E("spares unsupported"))
    c.add(a, "devices-missing-v31", C(V31, storage={"raid": [R("md0", "raid1")]}), E("raid devices required"))
    c.add(a, "devices-empty-v33", C(V33, storage={"raid": [R("md0", "raid1", [])]}), E("raid devices required"))
    c.add(a, "devices-null-v30", C(V30, storage={"raid": [R("md0", "raid1", None)]}), E("raid devices required"))
    c.add(a, "device-relative-v33", C(V33, storage={"raid": [R("md0", "raid1", ["/dev/vdb", "vdc"])]}),
          E("raid.0.devices.1", "path not absolute"))
    c.add(a, "device-empty-v32", C(V32, storage={"raid": [R("md0", "raid1", ["/dev/vdb", ""])]}), E("path not specified"))
    c.add(a, "device-dirty-v30", C(V30, storage={"raid": [R("md0", "raid1", ["/dev/vdb", "/dev/../vdc"])]}),
          E("path is not fully simplified"))
    c.add(a, "device-duplicate-v33", C(V33, storage={"raid": [R("md0", "raid1", ["/dev/vdb", "/dev/vdb"])]}),
          E("duplicate entry defined"))
    c.add(a, "name-duplicate-v31", C(V31, storage={"raid": [R("md0", "raid1", devs), R("md0", "raid0", ["/dev/vdd"])]}),
          E("duplicate entry defined"))
    c.add(a, "name-empty-valid-v32", C(V32, storage={"raid": [R("", "raid1", devs)]}), OK())
    c.add(a, "options-duplicates-allowed-v33",
          C(V33, storage={"raid": [R("md0", "raid1", devs, options=["--bitmap=internal", "--bitmap=internal"])]}), OK())
    c.add(a, "all-raid-errors-pretty-v33",
          C(V33, storage={"raid": [R("md0", "raid0", ["rel", "/dev/x/", "/dev/y", "/dev/y"], spares=2),
                                   R("md1"), R("md0", "raid9", ["/dev/z"])]}),
          E("spares unsupported", "path not absolute", "raid level is required", "raid devices required",
            "unrecognized raid level", "duplicate entry defined"), style="pretty")
    c.add(a, "all-raid-errors-pretty-v32",
          C(V32, storage={"raid": [R("md0", "raid0", ["rel", "/dev/x/", "/dev/y", "/dev/y"], spares=2),
                                   R("md1"), R("md0", "raid9", ["/dev/z"])]}),
          E("spares unsupported", "path not absolute", "unrecognized raid level", "raid devices required",
            "duplicate entry defined"), style="pretty")


# ===========================================================================
# Area: luks (spec 3.2+)
# ===========================================================================

def LK(name, device="__unset__", **kw):
    d = {"name": name}
    if device != "__unset__":
        d["device"] = device
    d.update(kw)
    return d


def area_luks(c):
    a = "luks"
    for v in since(V32):
        t = vt(v)
        c.add(a, "valid-%s" % t,
              C(v, storage={"luks": [LK("data", "/dev/disk/by-partlabel/data", label="luks-data", wipeVolume=True,
                                        uuid="8c3b5a6f-5d1e-4b7a-9c2d-1e0f3a4b5c6d", options=["--cipher", "aes-xts-plain64"],
                                        keyFile=src(data_plain("correct horse battery staple")))]}), OK())
        c.add(a, "name-with-slash-%s" % t, C(v, storage={"luks": [LK("data/crypt", "/dev/vdb")]}),
              E("device names cannot contain slashes"))
        c.add(a, "label-48-%s" % t, C(v, storage={"luks": [LK("data", "/dev/vdb", label="x" * 48)]}),
              E("luks device labels cannot be longer than 47 characters"))
        c.add(a, "device-missing-%s" % t, C(v, storage={"luks": [LK("data")]}), E("disk device is required"))
        c.add(a, "keyfile-bad-scheme-%s" % t, C(v, storage={"luks": [LK("data", "/dev/vdb", keyFile=src("ftp://keys/data.key"))]}),
              E("$.storage.luks.0.keys,", "invalid key-file source", "keyFile.source"))
    c.add(a, "luks-in-v31-unknown", C(V31, storage={"luks": [LK("data", "/dev/vdb")]}), W("Unused key luks"))
    c.add(a, "label-47-valid-v33", C(V33, storage={"luks": [LK("data", "/dev/vdb", label="x" * 47)]}), OK())
    c.add(a, "device-empty-v32", C(V32, storage={"luks": [LK("data", "")]}), E("disk device is required"))
    c.add(a, "device-null-v33", C(V33, storage={"luks": [LK("data", None)]}), E("disk device is required"))
    c.add(a, "device-relative-v33", C(V33, storage={"luks": [LK("data", "vdb")]}), E("path not absolute"))
    c.add(a, "device-dirty-v32", C(V32, storage={"luks": [LK("data", "/dev/disk/by-label/data/")]}),
          E("path is not fully simplified"))
    c.add(a, "keyfile-unparseable-v33", C(V33, storage={"luks": [LK("data", "/dev/vdb", keyFile=src("http://[bad"))]}),
          E("invalid key-file source", "unable to parse url"))
    c.add(a, "keyfile-bad-data-url-v32", C(V32, storage={"luks": [LK("data", "/dev/vdb", keyFile=src("data:;base64,%%%"))]}),
          E("invalid key-file source"))
    c.add(a, "keyfile-empty-source-valid-v33", C(V33, storage={"luks": [LK("data", "/dev/vdb", keyFile=src(""))]}), OK())
    c.add(a, "keyfile-gs-valid-v32", C(V32, storage={"luks": [LK("data", "/dev/vdb", keyFile=src("gs://keys/data.key"))]}), OK())
    c.add(a, "keyfile-https-headers-valid-v33",
          C(V33, storage={"luks": [LK("data", "/dev/vdb", keyFile=src("https://vault.example.com/v1/key",
                                                                      httpHeaders=[H("X-Vault-Token", "s.abc")],
                                                                      verification={"hash": SHA512_HELLO}))]}), OK())
    c.add(a, "name-duplicate-v32", C(V32, storage={"luks": [LK("data", "/dev/vdb"), LK("data", "/dev/vdc")]}),
          E("duplicate entry defined"))
    c.add(a, "name-empty-valid-v33", C(V33, storage={"luks": [LK("", "/dev/vdb")]}), OK())
    c.add(a, "options-duplicates-allowed-v33",
          C(V33, storage={"luks": [LK("data", "/dev/vdb", options=["--pbkdf", "argon2id", "--pbkdf", "argon2id"])]}), OK())
    c.add(a, "uuid-garbage-not-validated-v32", C(V32, storage={"luks": [LK("data", "/dev/vdb", uuid="not-a-uuid")]}), OK())
    c.add(a, "all-luks-errors-order-v33",
          C(V33, storage={"luks": [{"keyFile": {"source": "smb://x/k"}, "device": "rel", "label": "L" * 60,
                                    "name": "a/b", "clevis": {"tpm2": True, "custom": {"pin": "sss", "config": "{}"}}}]}),
          E("device names cannot contain slashes", "luks device labels", "path not absolute",
            "cannot use custom clevis config", "invalid key-file source"), style="pretty")
    c.add(a, "all-luks-errors-order-v32",
          C(V32, storage={"luks": [{"keyFile": {"source": "smb://x/k"}, "device": "rel", "label": "L" * 60,
                                    "name": "a/b", "clevis": {"tpm2": True, "custom": {"pin": "sss", "config": "{}"}}}]}),
          E("device names cannot contain slashes", "cannot use custom clevis config"), style="pretty")
    c.add(a, "luks-with-filesystem-valid-v33",
          C(V33, storage={"luks": [LK("var", "/dev/disk/by-partlabel/var", wipeVolume=True, clevis={"tpm2": True})],
                          "filesystems": [{"device": "/dev/mapper/var", "format": "xfs", "path": "/var",
                                           "label": "var", "wipeFilesystem": True}]}), OK())
    c.add(a, "luks-item-null-v32", C(V32, storage={"luks": [None]}), E("disk device is required"))


# ===========================================================================
# Area: clevis (spec 3.2+)
# ===========================================================================

def lc(v, clevis, name="root", device="/dev/disk/by-label/root"):
    return C(v, storage={"luks": [LK(name, device, clevis=clevis)]})


def T(url="__unset__", thumbprint="__unset__"):
    d = {}
    if url != "__unset__":
        d["url"] = url
    if thumbprint != "__unset__":
        d["thumbprint"] = thumbprint
    return d


def area_clevis(c):
    a = "clevis"
    tang1 = T("https://tang1.example.com", TANG_THP)
    tang2 = T("http://tang2.example.com:7500", TANG_THP2)
    for v in since(V32):
        t = vt(v)
        c.add(a, "tpm2-valid-%s" % t, lc(v, {"tpm2": True}), OK())
        c.add(a, "tang-threshold-valid-%s" % t, lc(v, {"tang": [tang1, tang2], "tpm2": True, "threshold": 2}), OK())
        c.add(a, "custom-valid-%s" % t,
              lc(v, {"custom": {"pin": "tang", "config": '{"url":"http://tang","thp":"%s"}' % TANG_THP,
                                "needsNetwork": True}}), OK())
        c.add(a, "custom-with-tang-%s" % t, lc(v, {"tang": [tang1], "custom": {"pin": "sss", "config": "{}"}}),
              E("cannot use custom clevis config with tpm2, tang, or threshold"))
        c.add(a, "custom-with-threshold-%s" % t, lc(v, {"threshold": 1, "custom": {"pin": "tpm2", "config": "{}"}}),
              E("cannot use custom clevis config"))
        c.add(a, "custom-empty-object-with-tpm2-%s" % t, lc(v, {"tpm2": True, "custom": {}}),
              E("cannot use custom clevis config") if v == V32 else OK())
        c.add(a, "custom-needsnetwork-only-%s" % t, lc(v, {"custom": {"needsNetwork": True}}),
              OK() if v == V32 else E("missing required custom clevis pin", "missing required custom clevis config"))
        c.add(a, "custom-config-without-pin-%s" % t, lc(v, {"custom": {"config": "{}"}}),
              E("unsupported clevis pin") if v == V32 else E("missing required custom clevis pin"))
        c.add(a, "custom-unknown-pin-%s" % t, lc(v, {"custom": {"pin": "yubikey", "config": "{}"}}),
              E("unsupported clevis pin"))
        c.add(a, "custom-pin-without-config-%s" % t, lc(v, {"custom": {"pin": "tpm2"}}),
              E("missing required custom clevis config"))
        c.add(a, "tang-url-bad-scheme-%s" % t, lc(v, {"tang": [T("tftp://tang.example.com", TANG_THP)]}),
              E("tang.0.url", "invalid url scheme"))
        c.add(a, "tang-thumbprint-missing-%s" % t, lc(v, {"tang": [T("http://tang.example.com")]}),
              E("thumbprint is required"))
    c.add(a, "custom-with-tpm2-false-valid-v33", lc(V33, {"tpm2": False, "custom": {"pin": "sss", "config": "{}"}}), OK())
    c.add(a, "custom-with-threshold-zero-valid-v32", lc(V32, {"threshold": 0, "custom": {"pin": "sss", "config": "{}"}}), OK())
    c.add(a, "custom-empty-pin-empty-config-valid-v33", lc(V33, {"custom": {"pin": "", "config": ""}}), OK())
    c.add(a, "custom-empty-pin-empty-config-with-tang-v32",
          lc(V32, {"tang": [tang1], "custom": {"pin": "", "config": ""}}), E("cannot use custom clevis config"))
    c.add(a, "custom-empty-pin-empty-config-with-tang-valid-v33",
          lc(V33, {"tang": [tang1], "custom": {"pin": "", "config": ""}}), OK())
    c.add(a, "custom-config-only-with-tang-v32", lc(V32, {"tang": [tang1], "custom": {"config": "{}"}}),
          E("cannot use custom clevis config", "unsupported clevis pin"))
    c.add(a, "custom-config-only-with-tang-v33", lc(V33, {"tang": [tang1], "custom": {"config": "{}"}}),
          E("missing required custom clevis pin"))
    c.add(a, "custom-pin-null-config-null-needsnetwork-false-valid-v33",
          lc(V33, {"custom": {"pin": None, "config": None, "needsNetwork": False}}), OK())
    c.add(a, "custom-needsnetwork-false-only-valid-v32", lc(V32, {"custom": {"needsNetwork": False}}), OK())
    c.add(a, "custom-pin-uppercase-v33", lc(V33, {"custom": {"pin": "TPM2", "config": "{}"}}), E("unsupported clevis pin"))
    c.add(a, "custom-unknown-pin-no-config-v32", lc(V32, {"custom": {"pin": "fido2"}}),
          E("unsupported clevis pin", "missing required custom clevis config"))
    c.add(a, "custom-unknown-pin-no-config-v33", lc(V33, {"custom": {"pin": "fido2"}}),
          E("unsupported clevis pin", "missing required custom clevis config"))
    c.add(a, "clevis-null-v32-valid", lc(V32, None), OK())
    c.add(a, "clevis-null-v33-warning", lc(V33, None), W("context tree does not match"))
    c.add(a, "custom-null-v32-valid", lc(V32, {"tpm2": True, "custom": None}), OK())
    c.add(a, "custom-null-v33-warning", lc(V33, {"tpm2": True, "custom": None}), W("context tree does not match"))
    c.add(a, "clevis-empty-valid-v33", lc(V33, {}), OK())
    c.add(a, "tang-url-empty-v32", lc(V32, {"tang": [T("", TANG_THP)]}), E("invalid url scheme"))
    c.add(a, "tang-url-missing-v33", lc(V33, {"tang": [T(thumbprint=TANG_THP)]}), E("invalid url scheme"))
    c.add(a, "tang-url-unparseable-v33", lc(V33, {"tang": [T("http://[tang", TANG_THP)]}), E("unable to parse url"))
    c.add(a, "tang-url-data-scheme-v32", lc(V32, {"tang": [T("data:,x", TANG_THP)]}), E("invalid url scheme"))
    c.add(a, "tang-url-uppercase-valid-v33", lc(V33, {"tang": [T("HTTPS://TANG", TANG_THP)]}), OK())
    c.add(a, "tang-thumbprint-empty-v33", lc(V33, {"tang": [T("http://tang", "")]}), E("thumbprint is required"))
    c.add(a, "tang-thumbprint-null-v32", lc(V32, {"tang": [T("http://tang", None)]}), E("thumbprint is required"))
    c.add(a, "tang-both-errors-order-v33", lc(V33, {"tang": [T("gopher://tang")]}),
          E("invalid url scheme", "thumbprint is required"))
    c.add(a, "tang-duplicate-url-v32", lc(V32, {"tang": [tang1, T("https://tang1.example.com", TANG_THP2)]}),
          E("duplicate entry defined"))
    c.add(a, "tang-duplicate-url-v33", lc(V33, {"tang": [tang1, tang2, tang1]}), E("tang.2"))
    c.add(a, "tang-empty-list-with-custom-valid-v33", lc(V33, {"tang": [], "custom": {"pin": "sss", "config": "{}"}}), OK())
    c.add(a, "threshold-negative-not-validated-v33", lc(V33, {"tpm2": True, "threshold": -3}), OK())
    c.add(a, "tang-item-null-v33", lc(V33, {"tang": [None]}), E("invalid url scheme", "thumbprint is required"))
    c.add(a, "all-clevis-errors-pretty-v33",
          lc(V33, {"tang": [T("ftp://tang"), tang1, T("https://tang1.example.com", "")], "tpm2": True,
                   "custom": {"pin": "x"}}),
          E("cannot use custom clevis config", "unsupported clevis pin", "missing required custom clevis config",
            "invalid url scheme", "thumbprint is required", "duplicate entry defined"), style="pretty")
    c.add(a, "all-clevis-errors-pretty-v32",
          lc(V32, {"tang": [T("ftp://tang"), tang1, T("https://tang1.example.com", "")], "tpm2": True,
                   "custom": {"pin": "x"}}),
          E("cannot use custom clevis config", "unsupported clevis pin", "missing required custom clevis config",
            "invalid url scheme", "thumbprint is required", "duplicate entry defined"), style="pretty")


# ===========================================================================
# Area: filesystems
# ===========================================================================

def FS(device, **kw):
    d = {"device": device}
    d.update(kw)
    return d


def fsc(v, *fss):
    return C(v, storage={"filesystems": list(fss)})


def area_filesystems(c):
    a = "filesystems"
    limits = {"ext4": 16, "btrfs": 256, "xfs": 12, "swap": 15, "vfat": 11}
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t,
              fsc(v, FS("/dev/disk/by-partlabel/root", format="xfs", label="root", wipeFilesystem=True, path="/",
                        options=["-m", "reflink=1"]),
                  FS("/dev/disk/by-partlabel/var", format="ext4", label="var", path="/var",
                     uuid="2f5c3b1a-8e6d-4c7b-9a0f-1d2e3f4a5b6c"),
                  FS("/dev/disk/by-partlabel/swap", format="swap", label="swap"),
                  FS("/dev/disk/by-partlabel/EFI-SYSTEM", format="vfat", label="EFI-SYSTEM", path="/boot/efi")), OK())
        c.add(a, "format-ext3-%s" % t, fsc(v, FS("/dev/vdb", format="ext3")), E("invalid filesystem format"))
        c.add(a, "format-none-%s" % t, fsc(v, FS("/dev/vdb", format="none", wipeFilesystem=True)),
              OK() if v == V33 else E("invalid filesystem format"))
        c.add(a, "format-empty-with-path-%s" % t, fsc(v, FS("/dev/vdb", format="", path="/srv")),
              E("format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified"))
        fmts = list(limits)
        fm = fmts[VERSIONS.index(v)]
        c.add(a, "label-too-long-%s-%s" % (fm, t), fsc(v, FS("/dev/vdb", format=fm, label="L" * (limits[fm] + 1))),
              E("filesystem labels cannot be longer than %d characters when using %s" % (limits[fm], fm)))
    for i, (fm, n) in enumerate(limits.items()):
        v = VERSIONS[(i + 1) % 4]
        c.add(a, "label-max-%s-valid-%s" % (fm, vt(v)), fsc(v, FS("/dev/vdb", format=fm, label="L" * n)), OK())
    c.add(a, "label-too-long-vfat-v33", fsc(V33, FS("/dev/vdb", format="vfat", label="EFI-SYSTEM-1")),
          E("longer than 11 characters when using vfat"))
    c.add(a, "label-multibyte-vfat-bytes-count-v32", fsc(V32, FS("/dev/vdb", format="vfat", label="\u00c9" * 6)),
          E("longer than 11 characters"))
    c.add(a, "label-multibyte-vfat-fits-v33", fsc(V33, FS("/dev/vdb", format="vfat", label="\u00c9T\u00c9")), OK())
    c.add(a, "label-long-on-none-valid-v33", fsc(V33, FS("/dev/vdb", format="none", label="L" * 300)), OK())
    c.add(a, "label-long-on-invalid-format-v31", fsc(V31, FS("/dev/vdb", format="zfs", label="L" * 300)),
          E("invalid filesystem format"))
    c.add(a, "format-uppercase-EXT4-v33", fsc(V33, FS("/dev/vdb", format="EXT4")), E("invalid filesystem format"))
    c.add(a, "format-zfs-v30", fsc(V30, FS("/dev/vdb", format="zfs")), E("invalid filesystem format"))
    c.add(a, "format-none-with-path-v33", fsc(V33, FS("/dev/vdb", format="none", path="/srv")), OK())
    c.add(a, "format-empty-string-alone-valid-v32", fsc(V32, FS("/dev/vdb", format="")), OK())
    c.add(a, "format-missing-alone-valid-v33", fsc(V33, FS("/dev/vdb")), OK())
    c.add(a, "label-without-format-v33", fsc(V33, FS("/dev/vdb", label="data")),
          E("format cannot be empty", "filesystem must specify format if label is specified"))
    c.add(a, "label-without-format-v30", fsc(V30, FS("/dev/vdb", label="data")),
          E("format cannot be empty", "filesystem must specify format if label is specified"))
    c.add(a, "uuid-without-format-v31", fsc(V31, FS("/dev/vdb", uuid="2f5c3b1a-8e6d-4c7b-9a0f-1d2e3f4a5b6c")),
          E("format cannot be empty"))
    c.add(a, "wipe-true-without-format-v32", fsc(V32, FS("/dev/vdb", wipeFilesystem=True)), E("format cannot be empty"))
    c.add(a, "wipe-false-without-format-valid-v33", fsc(V33, FS("/dev/vdb", wipeFilesystem=False)), OK())
    c.add(a, "options-without-format-v30", fsc(V30, FS("/dev/vdb", options=["-E", "lazy_itable_init=0"])),
          E("format cannot be empty"))
    c.add(a, "mountoptions-without-format-v31", fsc(V31, FS("/dev/vdb", mountOptions=["noatime"])),
          E("format cannot be empty"))
    c.add(a, "mountoptions-without-format-v30-unknown", fsc(V30, FS("/dev/vdb", mountOptions=["noatime"])),
          W("Unused key mountOptions"))
    c.add(a, "mountoptions-valid-v33",
          fsc(V33, FS("/dev/vdb", format="btrfs", path="/var/lib/containers", mountOptions=["compress=zstd:1", "noatime"])),
          OK())
    c.add(a, "empty-options-lists-without-format-valid-v32", fsc(V32, FS("/dev/vdb", options=[], mountOptions=[])), OK())
    c.add(a, "path-empty-string-without-format-valid-v33", fsc(V33, FS("/dev/vdb", path="", label="")), OK())
    c.add(a, "path-relative-v33", fsc(V33, FS("/dev/vdb", format="ext4", path="srv")), E("path not absolute"))
    c.add(a, "path-dirty-v31", fsc(V31, FS("/dev/vdb", format="ext4", path="/srv/")), E("path is not fully simplified"))
    c.add(a, "device-empty-v30", fsc(V30, FS("", format="ext4")), E("path not specified"))
    c.add(a, "device-missing-v33", fsc(V33, {"format": "ext4", "path": "/srv"}), E("path not specified"))
    c.add(a, "device-relative-v32", fsc(V32, FS("dev/vdb", format="ext4")), E("path not absolute"))
    c.add(a, "device-mapper-valid-v32", fsc(V32, FS("/dev/mapper/data", format="xfs", path="/srv")), OK())
    c.add(a, "duplicate-device-v33", fsc(V33, FS("/dev/vdb", format="ext4"), FS("/dev/vdb", format="xfs")),
          E("duplicate entry defined"))
    c.add(a, "duplicate-device-v30", fsc(V30, FS("/dev/vdb", format="ext4"), FS("/dev/vdc", format="ext4"),
                                         FS("/dev/vdb", format="ext4")), E("filesystems.2"))
    c.add(a, "options-duplicates-allowed-v31",
          fsc(V31, FS("/dev/vdb", format="ext4", options=["-O", "^has_journal", "-O", "^has_journal"],
                      mountOptions=["ro", "ro"])), OK())
    c.add(a, "all-fs-errors-order-v33",
          fsc(V33, {"label": "far-too-long-label", "format": "", "device": "vdb", "path": "mnt/data",
                    "wipeFilesystem": True}),
          E("path not absolute", "format cannot be empty", "filesystem must specify format"), style="pretty")
    c.add(a, "all-fs-errors-order-v31",
          fsc(V31, FS("/dev/a/../b", format="ext4", label="a-label-of-17-chr", path="/x/./y"),
              FS("", format="btrfs"), FS("/dev/c", format="ntfs", label="anything"), FS("/dev/a/../b")),
          E("path is not fully simplified", "longer than 16 characters", "path not specified",
            "invalid filesystem format", "duplicate entry defined"), style="pretty")
    c.add(a, "on-partitioned-disk-no-warning-in-2.14-v33",
          C(V33, storage={"disks": [disk("/dev/vdb", P(number=1, label="data")),
                                    disk("/dev/vdc", wipeTable=True)],
                          "filesystems": [FS("/dev/vdb", format="ext4"), FS("/dev/vdc", format="xfs")]}), OK())
    c.add(a, "filesystem-item-null-v33", fsc(V33, None), E("path not specified"))


# ===========================================================================
# Area: units
# ===========================================================================

def area_units(c):
    a = "units"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t, C(v, systemd=units(U("hello.service", enabled=True, contents=UNIT_HELLO),
                                                   U("cleanup.timer", enabled=True, contents=UNIT_TIMER),
                                                   U("cleanup.service", contents=UNIT_CLEANUP),
                                                   U("docker.socket", mask=True),
                                                   U("zincati.service", enabled=False))), OK())
        c.add(a, "enabled-no-install-warning-%s" % t,
              C(v, systemd=units(U("oneshot.service", enabled=True, contents=UNIT_NOINSTALL))),
              W('unit "oneshot.service" is enabled, but has no install section so enable does nothing'))
    bad_ext = [("ext-conf", "override.conf"), ("ext-missing", "hello"), ("ext-service-d", "hello.service.d"),
               ("ext-uppercase", "hello.Service"), ("ext-network", "00-eth0.network"), ("ext-trailing-slash", "a.service/"),
               ("ext-empty-name", ""), ("ext-dot-only", "."), ("ext-bak", "hello.service.bak")]
    for i, (n, name) in enumerate(bad_ext):
        v = VERSIONS[i % 4]
        c.add(a, "%s-%s" % (n, vt(v)), C(v, systemd=units(U(name))), E("invalid systemd unit extension"))
    exts = ["service", "socket", "device", "mount", "automount", "swap", "target", "path", "timer", "snapshot",
            "slice", "scope"]
    for v in (V30, V33):
        c.add(a, "all-extensions-valid-%s" % vt(v), C(v, systemd=units(*[U("example.%s" % e) for e in exts])), OK())
    c.add(a, "ext-only-valid-v31", C(V31, systemd=units(U(".service"))), OK())
    c.add(a, "template-name-valid-v33", C(V33, systemd=units(U("getty@.service", enabled=False, contents=UNIT_HELLO),
                                                              U("getty@tty1.service", enabled=True))), OK())
    c.add(a, "name-with-slash-valid-v32", C(V32, systemd=units(U("sub/dir.service"))), OK())
    c.add(a, "mount-unit-valid-v33", C(V33, systemd=units(U("var-srv.mount", enabled=True, contents=UNIT_MOUNT))), OK())
    cases = [
        ("contents-unterminated-section", "[Unit\nDescription=x\n", "unable to find end of section"),
        ("contents-garbage-after-section", "[Unit] trailing\nDescription=x\n", "found garbage after section name"),
        ("contents-option-without-equals", "[Unit]\nDescription\nAfter=network.target\n",
         "unexpected newline encountered while parsing option name"),
        ("contents-option-at-eof", "[Service]\nExecStart", "invalid unit content: EOF"),
        ("contents-crlf-option-without-equals", "[Unit]\r\nDescription\r\n", "unexpected newline"),
        ("contents-garbage-percent-printf-quirk", "[Unit] 100%\n", "found garbage after section name"),
    ]
    for i, (n, body, msg) in enumerate(cases):
        v = VERSIONS[i % 4]
        c.add(a, "%s-%s" % (n, vt(v)), C(v, systemd=units(U("bad.service", contents=body))), E(msg))
    c.add(a, "contents-line-too-long-v33",
          C(V33, systemd=units(U("long.service", contents="[Service]\nEnvironment=X=" + "x" * 3000 + "\n"))),
          E("line too long (max 2048 bytes)"))
    c.add(a, "contents-line-2040-valid-v33",
          C(V33, systemd=units(U("long.service", contents="[Service]\nEnvironment=X=" + "x" * 2020 + "\n"))), OK())
    c.add(a, "contents-long-line-after-start-v31",
          C(V31, systemd=units(U("long.service", contents="[Unit]\nDescription=a\n\n[Service]\nExecStart=/bin/echo " + "y" * 5000))),
          E("line too long"))
    c.add(a, "contents-no-sections-ignored-valid-v32",
          C(V32, systemd=units(U("weird.service", contents="this is not a unit file at all\n"))), OK())
    c.add(a, "contents-no-sections-enabled-warning-v33",
          C(V33, systemd=units(U("weird.service", enabled=True, contents="ExecStart=/bin/true\n"))),
          W("has no install section"))
    c.add(a, "contents-comments-and-continuations-valid-v30",
          C(V30, systemd=units(U("x.service", enabled=True, contents=(
              "# comment\n; another comment\n[Unit]\nDescription=multi \\\n  line\n\n[Service]\n"
              "ExecStart=/bin/sh -c 'echo a; \\\n  echo b'\n[Install]\nWantedBy=multi-user.target\n")))), OK())
    c.add(a, "contents-crlf-valid-v33",
          C(V33, systemd=units(U("crlf.service", enabled=True, contents=UNIT_HELLO.replace("\n", "\r\n"))), ), OK())
    c.add(a, "contents-lowercase-install-warning-v31",
          C(V31, systemd=units(U("x.service", enabled=True, contents="[Service]\nExecStart=/bin/true\n[install]\nWantedBy=multi-user.target\n"))),
          W("has no install section"))
    c.add(a, "contents-empty-install-section-warning-v32",
          C(V32, systemd=units(U("x.service", enabled=True, contents="[Service]\nExecStart=/bin/true\n[Install]\n"))),
          W("has no install section"))
    c.add(a, "contents-install-option-valid-v32",
          C(V32, systemd=units(U("x.service", enabled=True, contents="[Install]\nWantedBy=default.target\n"))), OK())
    c.add(a, "enabled-false-no-install-valid-v33",
          C(V33, systemd=units(U("oneshot.service", enabled=False, contents=UNIT_NOINSTALL))), OK())
    c.add(a, "enabled-unset-no-install-valid-v30",
          C(V30, systemd=units(U("oneshot.service", contents=UNIT_NOINSTALL))), OK())
    c.add(a, "enabled-null-contents-valid-v31", C(V31, systemd=units(U("sshd.service", enabled=True))), OK())
    c.add(a, "enabled-empty-contents-valid-v32", C(V32, systemd=units(U("sshd.service", enabled=True, contents=""))), OK())
    c.add(a, "enabled-whitespace-contents-warning-v33",
          C(V33, systemd=units(U("sshd.service", enabled=True, contents="\n"))), W("has no install section"))
    c.add(a, "template-enabled-no-install-warning-v33",
          C(V33, systemd=units(U("worker@.service", enabled=True, contents=UNIT_NOINSTALL))), W('"worker@.service"'))
    c.add(a, "instance-of-template-without-install-no-warning-in-2.14-v33",
          C(V33, systemd=units(U("worker@.service", contents=UNIT_NOINSTALL), U("worker@1.service", enabled=True),
                               U("worker@2.service", enabled=True))), OK())
    c.add(a, "enabled-bad-contents-error-only-v30",
          C(V30, systemd=units(U("x.service", enabled=True, contents="[Service"))), E("unable to find end of section"))
    c.add(a, "bad-ext-and-bad-contents-order-v33",
          C(V33, systemd=units(U("x.conf", contents="[Unit]\nBad\n"))),
          E("invalid systemd unit extension", "unexpected newline"))
    c.add(a, "bad-ext-and-install-warning-v32",
          C(V32, systemd=units(U("x", enabled=True, contents=UNIT_NOINSTALL))),
          E("invalid systemd unit extension", "has no install section"))
    c.add(a, "duplicate-names-v33", C(V33, systemd=units(U("a.service", enabled=True), U("a.service", mask=True))),
          E("duplicate entry defined"))
    c.add(a, "duplicate-names-v30", C(V30, systemd=units(U("a.service"), U("b.service"), U("a.service"))), E("units.2"))
    c.add(a, "mask-and-enabled-valid-v31", C(V31, systemd=units(U("a.service", mask=True, enabled=True))), OK())
    c.add(a, "unit-item-null-v33", C(V33, systemd=units(None)), E("invalid systemd unit extension"))
    c.add(a, "systemd-null-v32", C(V32, systemd=None), W("context tree does not match"))
    c.add(a, "many-units-errors-pretty-v33",
          C(V33, systemd=units(U("ok.service", enabled=True, contents=UNIT_HELLO),
                               U("noinstall.service", enabled=True, contents=UNIT_NOINSTALL),
                               U("bad.ext"),
                               U("broken.service", contents="[Unit]\nDescription=broken\n[Service\n"),
                               U("ok.service"))),
          E("has no install section", "invalid systemd unit extension", "unable to find end of section",
            "duplicate entry defined"), style="pretty")


# ===========================================================================
# Area: dropins
# ===========================================================================

def DR(name, contents="__unset__"):
    d = {"name": name}
    if contents != "__unset__":
        d["contents"] = contents
    return d


def area_dropins(c):
    a = "dropins"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t, C(v, systemd=units(U("sshd.service", dropins=[DR("10-proxy.conf", DROPIN_ENV)]),
                                                    U("serial-getty@ttyS0.service",
                                                      dropins=[DR("autologin-core.conf", DROPIN_AUTOLOGIN)]))), OK())
        c.add(a, "name-not-conf-%s" % t, C(v, systemd=units(U("sshd.service", dropins=[DR("10-proxy", DROPIN_ENV)]))),
              E("invalid systemd drop-in extension"))
    c.add(a, "name-empty-v33", C(V33, systemd=units(U("a.service", dropins=[DR("", DROPIN_ENV)]))),
          E("invalid systemd drop-in extension"))
    c.add(a, "name-conf-bak-v31", C(V31, systemd=units(U("a.service", dropins=[DR("10.conf.bak", DROPIN_ENV)]))),
          E("invalid systemd drop-in extension"))
    c.add(a, "name-uppercase-CONF-v32", C(V32, systemd=units(U("a.service", dropins=[DR("10.CONF")]))),
          E("invalid systemd drop-in extension"))
    c.add(a, "name-only-ext-valid-v33", C(V33, systemd=units(U("a.service", dropins=[DR(".conf")]))), OK())
    c.add(a, "contents-empty-string-valid-v33", C(V33, systemd=units(U("a.service", dropins=[DR("empty.conf", "")]))), OK())
    c.add(a, "contents-null-valid-v30", C(V30, systemd=units(U("a.service", dropins=[DR("none.conf", None)]))), OK())
    c.add(a, "contents-invalid-v33", C(V33, systemd=units(U("a.service", dropins=[DR("10.conf", "[Service\n")]))),
          E("dropins.0.contents", "unable to find end of section"))
    c.add(a, "contents-invalid-v31", C(V31, systemd=units(U("a.service", dropins=[DR("10.conf", "[Service]\nEnvironment\n")]))),
          E("unexpected newline"))
    c.add(a, "contents-and-name-order-v33", C(V33, systemd=units(U("a.service", dropins=[DR("bad", "[X] y\n")]))),
          E("found garbage after section name", "invalid systemd drop-in extension"))
    c.add(a, "contents-and-name-order-v30", C(V30, systemd=units(U("a.service", dropins=[DR("bad", "[X] y\n")]))),
          E("found garbage after section name", "invalid systemd drop-in extension"))
    c.add(a, "duplicate-names-v32", C(V32, systemd=units(U("a.service", dropins=[DR("10.conf", ""), DR("10.conf", "")]))),
          E("duplicate entry defined"))
    c.add(a, "same-name-different-units-valid-v33",
          C(V33, systemd=units(U("a.service", dropins=[DR("10.conf", "")]), U("b.service", dropins=[DR("10.conf", "")]))),
          OK())
    c.add(a, "dropin-no-install-never-warns-v33",
          C(V33, systemd=units(U("a.service", enabled=True, dropins=[DR("10.conf", "[Service]\nNice=5\n")]))), OK())
    c.add(a, "unit-and-dropin-errors-order-v31",
          C(V31, systemd=units(U("a.bad", contents="[Unit", dropins=[DR("x", "[Unit")]))),
          E("invalid systemd unit extension", "units.0.contents", "dropins.0.contents", "dropins.0.name"))
    c.add(a, "dropin-item-null-v33", C(V33, systemd=units(U("a.service", dropins=[None]))),
          E("invalid systemd drop-in extension"))
    c.add(a, "many-dropin-errors-pretty-v32",
          C(V32, systemd=units(U("kubelet.service", dropins=[DR("10-env.conf", DROPIN_ENV), DR("20-args"),
                                                              DR("30-x.conf", "[Service]\nExecStart"),
                                                              DR("10-env.conf", "")]))),
          E("invalid systemd drop-in extension", "invalid unit content: EOF", "duplicate entry defined"), style="pretty")


# ===========================================================================
# Area: passwd
# ===========================================================================

def area_passwd(c):
    a = "passwd"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "valid-%s" % t,
              C(v, passwd={"users": [{"name": "core", "passwordHash": PW_HASH, "sshAuthorizedKeys": [SSH_KEY_1, SSH_KEY_2],
                                      "groups": ["wheel", "sudo", "docker"]},
                                     {"name": "svc-backup", "uid": 1050, "gecos": "Backup service", "homeDir": "/var/lib/backup",
                                      "noCreateHome": False, "primaryGroup": "backup", "shell": "/sbin/nologin",
                                      "system": True, "noUserGroup": True, "noLogInit": True}],
                           "groups": [{"name": "backup", "gid": 1050, "system": True},
                                      {"name": "docker", "passwordHash": "!"}]}), OK())
        c.add(a, "duplicate-users-%s" % t, C(v, passwd={"users": [{"name": "core"}, {"name": "core", "uid": 1001}]}),
              E("duplicate entry defined"))
    c.add(a, "duplicate-groups-v33", C(V33, passwd={"groups": [{"name": "docker"}, {"name": "docker", "gid": 990}]}),
          E("duplicate entry defined"))
    c.add(a, "duplicate-ssh-keys-v31", C(V31, passwd={"users": [{"name": "core", "sshAuthorizedKeys": [SSH_KEY_1, SSH_KEY_3, SSH_KEY_1]}]}),
          E("sshAuthorizedKeys.2"))
    c.add(a, "duplicate-user-groups-v32", C(V32, passwd={"users": [{"name": "core", "groups": ["wheel", "wheel"]}]}),
          E("users.0.groups.1"))
    c.add(a, "user-shouldexist-v31-unknown", C(V31, passwd={"users": [{"name": "games", "shouldExist": False}]}),
          W("Unused key shouldExist"))
    c.add(a, "user-shouldexist-v32-valid", C(V32, passwd={"users": [{"name": "games", "shouldExist": False}],
                                                          "groups": [{"name": "games", "shouldExist": False}]}), OK())
    c.add(a, "group-shouldexist-v33-valid", C(V33, passwd={"groups": [{"name": "floppy", "shouldExist": False}]}), OK())
    c.add(a, "user-name-empty-valid-v33", C(V33, passwd={"users": [{"name": ""}]}), OK())
    c.add(a, "user-name-missing-valid-v30", C(V30, passwd={"users": [{"uid": 1000}]}), OK())
    c.add(a, "user-name-weird-valid-v32", C(V32, passwd={"users": [{"name": "Ünïcödé user!", "homeDir": "relative/home",
                                                                     "shell": "bash", "uid": -5}]}), OK())
    c.add(a, "two-nameless-users-dup-v33", C(V33, passwd={"users": [{"uid": 1}, {"uid": 2}]}), E("duplicate entry defined"))
    c.add(a, "password-hash-empty-valid-v31", C(V31, passwd={"users": [{"name": "core", "passwordHash": ""}]}), OK())
    c.add(a, "yescrypt-hash-valid-v33", C(V33, passwd={"users": [{"name": "admin", "passwordHash": PW_HASH_Y}]}), OK())
    c.add(a, "users-null-valid-v32", C(V32, passwd={"users": None, "groups": None}), OK())
    c.add(a, "user-item-null-v33", C(V33, passwd={"users": [None]}), W("context tree does not match"))
    c.add(a, "passwd-null-v30", C(V30, passwd=None), W("context tree does not match"))
    c.add(a, "unknown-password-key-v33", C(V33, passwd={"users": [{"name": "core", "password": "hunter2"}]}),
          W("Unused key password"))
    c.add(a, "many-dups-pretty-v33",
          C(V33, passwd={"users": [{"name": "a", "sshAuthorizedKeys": ["k1", "k2", "k1"], "groups": ["g", "g"]},
                                   {"name": "b"}, {"name": "a"}],
                         "groups": [{"name": "g"}, {"name": "g"}]}),
          E("groups.1", "users.2", "sshAuthorizedKeys.2", "users.0.groups.1"), style="pretty")


# ===========================================================================
# Area: kargs -- kernelArguments (spec 3.3)
# ===========================================================================

def area_kargs(c):
    a = "kargs"
    ka = {"shouldExist": ["console=ttyS0,115200n8", "systemd.unified_cgroup_hierarchy=1", "mitigations=auto,nosmt"],
          "shouldNotExist": ["quiet", "rhgb"]}
    c.add(a, "valid-v33", C(V33, kernelArguments=ka), OK())
    c.add(a, "valid-pretty-v33", C(V33, kernelArguments=ka), OK(), style="pretty")
    c.add(a, "valid-3.4.0-experimental", C("3.4.0-experimental", kernelArguments=ka), OK())
    c.add(a, "in-v32-unknown", C(V32, kernelArguments=ka), W("Unused key kernelArguments"))
    c.add(a, "in-v31-unknown", C(V31, kernelArguments={"shouldExist": ["a", "a"]}), W("Unused key kernelArguments"))
    c.add(a, "in-v30-unknown", C(V30, kernelArguments=ka), W("Unused key kernelArguments"))
    c.add(a, "duplicate-in-shouldexist-v33", C(V33, kernelArguments={"shouldExist": ["nosmt", "quiet", "nosmt"]}),
          E("shouldExist.2", "duplicate entry defined"))
    c.add(a, "duplicate-in-shouldnotexist-v33", C(V33, kernelArguments={"shouldNotExist": ["rhgb", "rhgb"]}),
          E("shouldNotExist.1"))
    c.add(a, "same-in-both-lists-v33", C(V33, kernelArguments={"shouldExist": ["quiet"], "shouldNotExist": ["quiet"]}),
          E("shouldNotExist.0", "duplicate entry defined"))
    c.add(a, "same-in-both-lists-reversed-json-order-v33",
          C(V33, kernelArguments={"shouldNotExist": ["quiet"], "shouldExist": ["quiet"]}), E("shouldNotExist.0"))
    c.add(a, "empty-strings-dup-v33", C(V33, kernelArguments={"shouldExist": ["", ""]}), E("duplicate entry defined"))
    c.add(a, "empty-string-valid-v33", C(V33, kernelArguments={"shouldExist": [""], "shouldNotExist": [" "]}), OK())
    c.add(a, "case-differs-valid-v33", C(V33, kernelArguments={"shouldExist": ["Quiet"], "shouldNotExist": ["quiet"]}), OK())
    c.add(a, "empty-object-valid-v33", C(V33, kernelArguments={}), OK())
    c.add(a, "null-v33", C(V33, kernelArguments=None), W("context tree does not match"))
    c.add(a, "many-dups-v33",
          C(V33, kernelArguments={"shouldExist": ["a", "b", "a"], "shouldNotExist": ["b", "c", "c"]}),
          E("shouldExist.2", "shouldNotExist.0", "shouldNotExist.2"), style="pretty")


# ===========================================================================
# Area: duplicates -- ValidateDups (reported after all other errors)
# ===========================================================================

def area_duplicates(c):
    a = "duplicates"
    for v in VERSIONS:
        t = vt(v)
        c.add(a, "file-file-%s" % t, C(v, storage=files(F("/etc/motd"), F("/etc/motd", mode=0o600))),
              E("$.storage.files.1,", "duplicate entry defined"))
        c.add(a, "file-and-directory-%s" % t, C(v, storage={"files": [F("/srv/x")], "directories": [D("/srv/x")]}),
              E("$.storage.files.0,", "duplicate entry defined"))
    c.add(a, "directory-and-link-v33", C(V33, storage={"directories": [D("/srv/x")], "links": [L("/srv/x", "/y")]}),
          E("$.storage.links.0,"))
    c.add(a, "link-first-in-json-still-reported-on-link-v31",
          C(V31, storage={"links": [L("/srv/x", "/y")], "directories": [D("/srv/x")]}), E("$.storage.links.0,"))
    c.add(a, "file-and-link-v32", C(V32, storage={"links": [L("/etc/resolv.conf", "/run/resolv.conf")],
                                                  "files": [F("/etc/resolv.conf")]}), E("$.storage.links.0,"))
    c.add(a, "file-dir-link-same-path-v33",
          C(V33, storage={"links": [L("/x", "/y")], "files": [F("/x")], "directories": [D("/x")]}),
          E("$.storage.files.0,", "$.storage.links.0,"))
    c.add(a, "triple-file-v30", C(V30, storage=files(F("/a"), F("/a"), F("/a"))), E("files.1", "files.2"))
    c.add(a, "different-cleaning-not-dup-v33", C(V33, storage=files(F("/a/b"), F("/a//b"))),
          E("path is not fully simplified"))
    c.add(a, "case-different-paths-valid-v33", C(V33, storage=files(F("/etc/Motd"), F("/etc/motd"))), OK())
    c.add(a, "relative-dup-paths-v31", C(V31, storage=files(F("rel"), F("rel"))),
          E("path not absolute", "duplicate entry defined"))
    c.add(a, "empty-dup-paths-v32", C(V32, storage=files(F(""), F(""))), E("path not specified", "duplicate entry defined"))
    c.add(a, "disks-v31", C(V31, storage={"disks": [disk("/dev/vda"), disk("/dev/vdb"), disk("/dev/vda")]}), E("disks.2"))
    c.add(a, "filesystems-v32", C(V32, storage={"filesystems": [FS("/dev/vdb", format="ext4"), FS("/dev/vdb")]}),
          E("filesystems.1"))
    c.add(a, "raid-v30", C(V30, storage={"raid": [R("md0", "raid1", ["/dev/a", "/dev/b"]), R("md0", "raid1", ["/dev/c", "/dev/d"])]}),
          E("raid.1"))
    c.add(a, "raid-devices-v32", C(V32, storage={"raid": [R("md0", "raid1", ["/dev/a", "/dev/b", "/dev/a"])]}),
          E("raid.0.devices.2"))
    c.add(a, "luks-v33", C(V33, storage={"luks": [LK("a", "/dev/a"), LK("a", "/dev/b")]}), E("luks.1"))
    c.add(a, "partitions-by-label-v33", pdisk(V33, P(label="a"), P(label="b"), P(label="a")),
          E("partitions.2", "duplicate entry defined"))
    c.add(a, "partitions-number-vs-label-distinct-v30", pdisk(V30, P(number=1, label="a"), P(label="a")),
          E("cannot use the same partition label twice"))
    c.add(a, "units-v31", C(V31, systemd=units(U("a.service"), U("a.service"))), E("units.1"))
    c.add(a, "dropins-v33", C(V33, systemd=units(U("a.service", dropins=[DR("a.conf"), DR("a.conf")]))), E("dropins.1"))
    c.add(a, "users-groups-same-name-valid-v33", C(V33, passwd={"users": [{"name": "app"}], "groups": [{"name": "app"}]}), OK())
    c.add(a, "merge-v33", C(V33, ign={"config": {"merge": [src("https://a/x.ign"), src("https://a/x.ign")]}}), E("merge.1"))
    c.add(a, "ca-v32", C(V32, ign=tls(src("https://ca/x.pem"), src("https://ca/x.pem"))), E("certificateAuthorities.1"))
    c.add(a, "headers-v33", fh_headers(V33, [H("A", "1"), H("A", "2")]), E("httpHeaders.1"))
    c.add(a, "tang-v33", lc(V33, {"tang": [T("http://t", "x"), T("http://t", "y")]}), E("tang.1"))
    c.add(a, "noproxy-v32", C(V32, ign={"proxy": {"noProxy": ["x", "x"]}}), E("noProxy.1"))
    c.add(a, "sshkeys-v30", C(V30, passwd={"users": [{"name": "core", "sshAuthorizedKeys": ["k", "k"]}]}),
          E("sshAuthorizedKeys.1"))
    c.add(a, "kargs-v33", C(V33, kernelArguments={"shouldExist": ["a"], "shouldNotExist": ["a"]}), E("shouldNotExist.0"))
    c.add(a, "append-not-dup-valid-v31", C(V31, storage=files(F("/a", append=[src("data:,x"), src("data:,x")]))), OK())
    c.add(a, "fs-options-not-dup-valid-v33",
          C(V33, storage={"filesystems": [FS("/dev/vdb", format="ext4", options=["a", "a"], mountOptions=["b", "b"])]}), OK())
    c.add(a, "dups-reported-after-all-errors-v33",
          C(V33, systemd=units(U("a.service"), U("a.service"), U("bad")),
            storage={"files": [F("/x"), F("/x"), F("rel")]}),
          E("files.2.path", "units.2.name", "files.1,", "units.1,"), style="pretty")
    c.add(a, "dup-order-follows-struct-walk-v32",
          C(V32, passwd={"users": [{"name": "u"}, {"name": "u"}]},
            storage={"raid": [R("r", "raid1", ["/d1"]), R("r", "raid1", ["/d2"])],
                     "disks": [disk("/dev/d"), disk("/dev/d")]},
            ign={"config": {"merge": [src("https://a"), src("https://a")]}}),
          E("merge.1", "users.1", "disks.1", "raid.1"), style="pretty")
    c.add(a, "many-dups-everywhere-compact-v33",
          C(V33, ign={"config": {"merge": [src("https://a"), src("https://a")]},
                      "proxy": {"noProxy": ["n", "n"]},
                      "security": {"tls": {"certificateAuthorities": [src("https://c"), src("https://c")]}}},
            kernelArguments={"shouldExist": ["k"], "shouldNotExist": ["k"]},
            passwd={"users": [{"name": "u", "groups": ["g", "g"]}], "groups": [{"name": "g"}, {"name": "g"}]},
            storage={"links": [L("/p", "/t")], "directories": [D("/p")],
                     "luks": [LK("l", "/dev/l"), LK("l", "/dev/l")],
                     "filesystems": [FS("/dev/f"), FS("/dev/f")]},
            systemd=units(U("u.service", dropins=[DR("d.conf"), DR("d.conf")]), U("u.service"))),
          E("duplicate entry defined"), style="compact")


def area_json_duplicate_keys(c):
    """Repeated JSON object keys: Go decodes every occurrence in order (objects
    merge, arrays are re-decoded into the existing slice elements, scalars: last
    wins) while the position tree only keeps the last occurrence."""
    a = "duplicates"
    c.add(a, "json-key-path-twice-last-wins-valid",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"relative","path":"/etc/motd"}]}}', OK())
    c.add(a, "json-key-path-twice-last-is-bad",
          '{\n  "ignition": {"version": "3.3.0"},\n  "storage": {\n    "files": [\n      {\n        "path": "/etc/motd",\n        "path": "etc/motd"\n      }\n    ]\n  }\n}\n',
          E("path not absolute"))
    c.add(a, "json-key-files-array-twice-reuses-elements",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/b","overwrite":true}],"files":[{"path":"/a"}]}}',
          E("overwrite must be false"))
    c.add(a, "json-key-files-array-twice-pretty",
          '{\n  "ignition": {"version": "3.2.0"},\n  "storage": {\n    "files": [\n      {"path": "/b", "mode": 99999}\n    ],\n    "files": [\n      {"path": "/a"},\n      {"path": "c"}\n    ]\n  }\n}\n',
          E("illegal file mode", "path not absolute"))
    c.add(a, "json-key-second-array-shorter",
          '{"ignition":{"version":"3.1.0"},"storage":{"files":[{"path":"x"},{"path":"y"},{"path":"z"}],"files":[{"path":"/ok"}]}}',
          OK())
    c.add(a, "json-key-storage-object-twice-merges",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/b","mode":99999}]},"storage":{"directories":[{"path":"/a"}]}}',
          E("illegal file mode"))
    c.add(a, "json-key-storage-object-twice-empty-files-resets",
          '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/b","mode":99999}]},"storage":{"directories":[{"path":"/a"}],"files":[]}}',
          OK())
    c.add(a, "json-key-user-object-twice-merges-id-and-name",
          '{"ignition":{"version":"3.0.0"},"storage":{"files":[{"path":"/a","user":{"id":1},"user":{"name":"core"}}]}}',
          E("cannot set both id and name"))
    c.add(a, "json-key-unknown-key-twice-one-warning",
          '{"ignition":{"version":"3.3.0"},"foo":1,"foo":2}', W("Unused key foo"))
    c.add(a, "json-key-units-twice-second-shorter-no-dup",
          '{"ignition":{"version":"3.3.0"},"systemd":{"units":[{"name":"a.service"},{"name":"a.service"}],"units":[{"name":"b.service"}]}}',
          OK())
    c.add(a, "json-key-passwd-twice-second-adds-dup",
          '{"ignition":{"version":"3.3.0"},"passwd":{"users":[{"name":"a"}]},"passwd":{"users":[{"name":"a"},{"name":"a"}]}}',
          E("duplicate entry defined"))
    c.add(a, "json-key-contents-twice-merge-hash-without-source",
          '{"ignition":{"version":"3.1.0"},"storage":{"files":[{"path":"/a","contents":{"verification":{"hash":"sha512-00"}},"contents":{"compression":"gzip"}}]}}',
          E("source must be specified", "incorrect size for hash sum"))


def fh_headers(v, headers):
    return C(v, storage=files(F("/opt/file", contents=src("https://example.com/f", httpHeaders=headers))))


# ===========================================================================
# Area: mixed -- several rules broken at once (fixes report ordering)
# ===========================================================================

def area_mixed(c):
    a = "mixed"
    big = lambda v: C(
        v,
        ign={"config": {"merge": [src("ftp://bad/merge.ign")]},
             "security": {"tls": {"certificateAuthorities": [src("https://ca/ca.pem", verification={"hash": "sha512-1"})]}},
             "timeouts": {"httpTotal": 10}},
        systemd=units(U("app.service", enabled=True, contents=UNIT_NOINSTALL), U("app"), U("app.service")),
        storage={"links": [L("/opt/link", "/opt/real"), L("/opt/link/sub", "/x")],
                 "files": [F("/opt/link/file"), F("rel/file", mode=0o4755), F("/etc/motd", overwrite=True)],
                 "directories": [D("/opt/real", mode=99999)],
                 "disks": [disk("/dev/vda", P(number=1, label="a"), P(number=1, label="b"))],
                 "raid": [R("md0", "raid0", ["/dev/vdb"], spares=1)],
                 "filesystems": [FS("/dev/vdc", label="x")]},
        passwd={"users": [{"name": "core", "sshAuthorizedKeys": ["k", "k"]}]},
        extra=True)
    for v in VERSIONS:
        c.add(a, "kitchen-sink-pretty-%s" % vt(v), big(v), E("duplicate entry defined", "Unused key extra"), style="pretty")
    c.add(a, "kitchen-sink-compact-v33", big(V33), E("duplicate entry defined"), style="compact")
    c.add(a, "kitchen-sink-tabs-v31", big(V31), E("duplicate entry defined"), style="tabs")
    c.add(a, "kitchen-sink-crlf-v32", big(V32), E("duplicate entry defined"), style="crlf")
    c.add(a, "systemd-before-storage-in-json-v33",
          C(V33, systemd=units(U("x")), storage=files(F("x")), passwd={"users": [{"name": "a"}, {"name": "a"}]}),
          E("files.0.path", "units.0.name", "users.1"))
    c.add(a, "errors-then-dups-then-unused-v30",
          C(V30, zz=1, storage={"files": [F("/a", wat=1), F("/a"), F("b")]}),
          E("files.2.path", "files.1,", "Unused key wat", "Unused key zz"), style="pretty")
    c.add(a, "warnings-interleaved-with-errors-v33",
          C(V33, ign={"proxy": {"httpsProxy": "http://p"}},
            storage={"files": [F("/a", mode=0o1644), F("/b", overwrite=True)],
                     "directories": [D("/c", mode=0o3777)]},
            systemd=units(U("a.service", enabled=True, contents=UNIT_NOINSTALL), U("b.bad"))),
          E("insecure plaintext", "setuid", "overwrite must be false", "has no install section",
            "invalid systemd unit extension"), style="pretty")
    c.add(a, "warnings-only-many-v33",
          C(V33, ign={"proxy": {"httpsProxy": "http://p"}},
            storage={"files": [F("/a", mode=0o4644, thing=1)], "directories": [D("/c", mode=0o1777)]},
            systemd=units(U("a.service", enabled=True, contents=UNIT_NOINSTALL)), extra=[]),
          W("insecure plaintext", "setuid", "has no install section", "Unused key thing", "Unused key extra"),
          style="pretty")
    c.add(a, "warnings-only-many-v30",
          C(V30, storage={"files": [F("/a", mode=0o4644, thing=1)], "directories": [D("/c", mode=0o1777)]},
            systemd=units(U("a.service", enabled=True, contents=UNIT_NOINSTALL)), extra=[]),
          W("setuid", "has no install section", "Unused key thing", "Unused key extra"), style="indent4")
    c.add(a, "storage-validate-before-children-v32",
          C(V32, storage={"files": [F("rel"), F("/l/f")], "links": [L("/l", "/t")]}),
          E("files.1", "files.0.path"))
    c.add(a, "ignition-before-passwd-v31",
          C(V31, passwd={"users": [{"name": "x"}, {"name": "x"}]}, ign={"config": {"replace": src("ftp://x")}}),
          E("replace.source", "users.1"))
    c.add(a, "luks-raid-fs-order-v33",
          C(V33, storage={"filesystems": [FS("rel", format="ext4")], "raid": [R("md", "bogus", ["/d"])],
                          "luks": [LK("a/b", "/d")], "disks": [disk("")]}),
          E("disks.0.device", "filesystems.0.device", "luks.0.name", "raid.0.level"))
    c.add(a, "all-versions-boundary-v31-with-newer-fields",
          C(V31, kernelArguments={"shouldExist": ["x"]},
            storage={"luks": [LK("x", "/d")], "filesystems": [FS("/dev/vdb", format="none")],
                     "disks": [disk("/dev/vda", P(number=1, resize=True))],
                     "files": [F("/a", contents=src("gs://b/o", verification={"hash": SHA256_HELLO}))]},
            passwd={"users": [{"name": "x", "shouldExist": False}]}),
          E("invalid filesystem format", "invalid url scheme", "Unused key kernelArguments", "Unused key luks"),
          style="pretty")
    c.add(a, "all-versions-boundary-v30-with-newer-fields",
          C(V30, kernelArguments={"shouldExist": ["x"]},
            ign={"proxy": {"httpProxy": "http://p"}},
            storage={"luks": [LK("x", "/d")], "filesystems": [FS("/dev/vdb", format="none", mountOptions=["ro"])],
                     "disks": [disk("/dev/vda", P(number=1, resize=True))],
                     "files": [F("/a", contents=src("gs://b/o", verification={"hash": SHA256_HELLO},
                                                   httpHeaders=[H("a", "b")]))]},
            passwd={"users": [{"name": "x", "shouldExist": False}]}),
          E("invalid filesystem format", "invalid url scheme", "unrecognized hash function"), style="pretty")
    c.add(a, "same-errors-compact-vs-pretty-a-v33",
          C(V33, storage=files(F("a"), F("/b", mode=-1)), systemd=units(U("c.x"))), E("path not absolute"), style="compact")
    c.add(a, "same-errors-compact-vs-pretty-b-v33",
          C(V33, storage=files(F("a"), F("/b", mode=-1)), systemd=units(U("c.x"))), E("path not absolute"), style="pretty")
    c.add(a, "same-errors-indent4-v33",
          C(V33, storage=files(F("a"), F("/b", mode=-1)), systemd=units(U("c.x"))), E("path not absolute"), style="indent4")
    c.add(a, "error-at-missing-field-positions-v33",
          C(V33, storage={"disks": [{"partitions": [{}]}], "filesystems": [{}], "luks": [{"name": "x"}],
                          "raid": [{"name": "r"}], "files": [{}]}, systemd={"units": [{}]}),
          E("disk device is required", "path not specified", "raid level is required", "invalid systemd unit extension"),
          style="pretty")
    c.add(a, "error-at-missing-field-positions-v32",
          C(V32, storage={"disks": [{"partitions": [{}]}], "filesystems": [{}], "luks": [{"name": "x"}],
                          "raid": [{"name": "r"}], "files": [{}], "links": [{"path": "/l"}]}, systemd={"units": [{}]}),
          E("disk device is required", "path not specified", "unrecognized raid level", "invalid systemd unit extension"),
          style="pretty")


# ===========================================================================
# Area: valid -- realistic configs (errors-free; some with warnings)
# ===========================================================================

def fcos_like(v):
    storage = {
        "disks": [disk("/dev/disk/by-id/coreos-boot-disk", P(number=4, label="root", sizeMiB=16384, resize=True) if v >= V32
                       else P(number=4, label="root", sizeMiB=16384),
                       P(label="var", sizeMiB=0, typeGuid=GUID_LINUX), wipeTable=False)],
        "filesystems": [FS("/dev/disk/by-partlabel/var", format="xfs", path="/var", label="var", wipeFilesystem=True)],
        "directories": [D("/var/lib/app", mode=0o750, user={"name": "core"}, group={"name": "core"})],
        "files": [F("/etc/hostname", mode=0o644, overwrite=True, contents=src(data_plain(HOSTNAME))),
                  F("/etc/sysctl.d/90-tune.conf", mode=0o644, contents=src(data_b64(SYSCTL))),
                  F("/etc/chrony.conf", mode=0o644, overwrite=True, contents=src(data_plain(CHRONY),
                                                                                verification={"hash": sha512(CHRONY)})),
                  F("/etc/ssh/sshd_config.d/40-hardening.conf", mode=0o600, contents=src(data_plain(SSHD_DROPIN))),
                  F("/etc/motd", mode=0o644, append=[src(data_plain(MOTD))])],
        "links": [L("/etc/localtime", "../usr/share/zoneinfo/Europe/Amsterdam", overwrite=True)],
    }
    cfg = C(v, ign={"timeouts": {"httpResponseHeaders": 30, "httpTotal": 300}},
            passwd={"users": [{"name": "core", "sshAuthorizedKeys": [SSH_KEY_1, SSH_KEY_2], "groups": ["wheel", "docker"]},
                              {"name": "deploy", "uid": 1100, "homeDir": "/var/home/deploy", "shell": "/bin/bash",
                               "passwordHash": PW_HASH, "sshAuthorizedKeys": [SSH_KEY_3]}],
                    "groups": [{"name": "docker", "gid": 990, "system": True}]},
            storage=storage,
            systemd=units(U("etcd-member.service", enabled=True, contents=UNIT_CONTAINER),
                          U("cleanup.timer", enabled=True, contents=UNIT_TIMER),
                          U("cleanup.service", contents=UNIT_CLEANUP),
                          U("docker.service", dropins=[DR("10-proxy.conf", DROPIN_ENV)]),
                          U("serial-getty@ttyS0.service", dropins=[DR("autologin-core.conf", DROPIN_AUTOLOGIN)]),
                          U("zincati.service", enabled=False, mask=True)))
    if v >= V31:
        cfg["ignition"]["proxy"] = {"httpProxy": "http://proxy.example.com:3128",
                                    "httpsProxy": "https://proxy.example.com:3129",
                                    "noProxy": ["localhost", "127.0.0.1", ".cluster.local"]}
        cfg["ignition"]["config"] = {"merge": [src("https://config.example.com/role/worker.ign",
                                                   httpHeaders=[H("Authorization", "Bearer t0k3n")],
                                                   verification={"hash": sha256("worker") if v >= V31 else sha512("worker")})]}
        cfg["ignition"]["security"] = {"tls": {"certificateAuthorities": [src(data_b64(CA_PEM, "text/plain"))]}}
        storage["filesystems"][0]["mountOptions"] = ["noatime", "prjquota"]
    else:
        cfg["ignition"]["config"] = {"merge": [src("https://config.example.com/role/worker.ign",
                                                   verification={"hash": sha512("worker")})]}
        cfg["ignition"]["security"] = {"tls": {"certificateAuthorities": [src(data_b64(CA_PEM, "text/plain"))]}}
    if v >= V32:
        storage["luks"] = [LK("data", "/dev/disk/by-partlabel/data", wipeVolume=True,
                              clevis={"tang": [T("https://tang.example.com", TANG_THP)], "tpm2": True, "threshold": 1})]
        storage["filesystems"].append(FS("/dev/mapper/data", format="ext4", path="/var/srv", label="data",
                                         wipeFilesystem=True))
        cfg["passwd"]["users"].append({"name": "legacy", "shouldExist": False})
    if v >= V33:
        cfg["kernelArguments"] = {"shouldExist": ["console=ttyS0,115200n8"], "shouldNotExist": ["mitigations=off"]}
        storage["filesystems"].append(FS("/dev/disk/by-partlabel/scratch", format="none", wipeFilesystem=True))
    return cfg


def area_valid(c):
    a = "valid"
    for v in VERSIONS:
        c.add(a, "fcos-like-pretty-%s" % vt(v), fcos_like(v), OK(), style="pretty")
        c.add(a, "fcos-like-compact-%s" % vt(v), fcos_like(v), OK(), style="compact")
    c.add(a, "fcos-like-tabs-v33", fcos_like(V33), OK(), style="tabs")
    c.add(a, "fcos-like-crlf-v32", fcos_like(V32), OK(), style="crlf")
    c.add(a, "fcos-like-ascii-escaped-v31", fcos_like(V31), OK(), style="ascii")
    c.add(a, "empty-sections-v33", C(V33, ign={"config": {}, "timeouts": {}, "security": {"tls": {}}, "proxy": {}},
                                     kernelArguments={}, passwd={}, storage={}, systemd={}), OK())
    c.add(a, "empty-lists-v30", C(V30, passwd={"users": [], "groups": []},
                                  storage={"disks": [], "raid": [], "filesystems": [], "files": [], "directories": [],
                                           "links": []}, systemd={"units": []}), OK())
    c.add(a, "raid1-root-mirror-v33", C(V33, storage={
        "disks": [disk(d, P(label="root-%d" % i, number=1, sizeMiB=0, typeGuid=GUID_RAID), wipeTable=True)
                  for i, d in enumerate(["/dev/disk/by-path/pci-0000:00:1f.2-ata-1",
                                         "/dev/disk/by-path/pci-0000:00:1f.2-ata-2"], start=1)],
        "raid": [R("md-root", "raid1", ["/dev/disk/by-partlabel/root-1", "/dev/disk/by-partlabel/root-2"])],
        "filesystems": [FS("/dev/md/md-root", format="xfs", path="/", label="root", wipeFilesystem=True)]}), OK())
    c.add(a, "raid10-data-with-spare-v31", C(V31, storage={
        "raid": [R("data", "raid10", ["/dev/sdb", "/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf"], spares=1,
                   options=["--chunk=256"])],
        "filesystems": [FS("/dev/md/data", format="ext4", path="/srv", label="data", options=["-E", "stride=64"],
                           mountOptions=["noatime"])]}), OK())
    c.add(a, "luks-tang-cluster-v32", C(V32, storage={
        "luks": [LK("var", "/dev/disk/by-partlabel/var", label="luks-var", wipeVolume=True,
                    clevis={"tang": [T("http://tang1.lan", TANG_THP), T("http://tang2.lan", TANG_THP2)],
                            "threshold": 1}),
                 LK("srv", "/dev/disk/by-partlabel/srv", keyFile=src("https://vault.lan/keys/srv",
                                                                    httpHeaders=[H("X-Vault-Token", "s.123")]))],
        "filesystems": [FS("/dev/mapper/var", format="xfs", path="/var", wipeFilesystem=True),
                        FS("/dev/mapper/srv", format="btrfs", path="/srv", mountOptions=["compress=zstd"])]}), OK())
    c.add(a, "luks-custom-pin-v33", C(V33, storage={
        "luks": [LK("root", "/dev/disk/by-label/root",
                    clevis={"custom": {"pin": "sss", "config": '{"t":1,"pins":{"tpm2":{"pcr_ids":"7"}}}',
                                       "needsNetwork": False}})]}), OK())
    c.add(a, "swap-and-wipe-v33", C(V33, storage={
        "disks": [disk("/dev/vdb", P(number=1, label="swap", sizeMiB=4096, typeGuid=GUID_SWAP),
                       P(number=2, label="scratch", sizeMiB=0), wipeTable=True)],
        "filesystems": [FS("/dev/disk/by-partlabel/swap", format="swap", label="swap"),
                        FS("/dev/disk/by-partlabel/scratch", format="none", wipeFilesystem=True)]},
        systemd=units(U("dev-disk-by\\x2dpartlabel-swap.swap", enabled=True,
                        contents="[Swap]\nWhat=/dev/disk/by-partlabel/swap\n\n[Install]\nWantedBy=swap.target\n"))), OK())
    c.add(a, "remote-resources-v33", C(V33,
        ign={"config": {"replace": src("https://config.example.com/final.ign",
                                       verification={"hash": SHA512_HELLO}, compression="gzip")}},
        storage=files(F("/opt/bin/tool", mode=0o755, contents=src("s3://tools-bucket/tool?versionId=v1")),
                      F("/opt/bin/gtool", mode=0o755, contents=src("gs://tools/gtool")),
                      F("/opt/bin/ttool", mode=0o755, contents=src("tftp://10.0.0.1/ttool")))), OK())
    c.add(a, "minimal-user-v30", C(V30, passwd={"users": [{"name": "core", "sshAuthorizedKeys": [SSH_KEY_1]}]}), OK())
    c.add(a, "minimal-user-v33-compact", C(V33, passwd={"users": [{"name": "core", "sshAuthorizedKeys": [SSH_KEY_1]}]}),
          OK(), style="compact")
    c.add(a, "unicode-content-v32", C(V32, storage=files(F("/etc/motd", contents=src(data_plain("Grüße, 世界! 🚀\n"))))),
          OK())
    c.add(a, "warnings-only-special-bits-v32", C(V32, storage={
        "files": [F("/usr/local/bin/suid-tool", mode=0o4755, contents=src("https://example.com/tool"))],
        "directories": [D("/srv/shared", mode=0o1777)]}), W("setuid/setgid/sticky"))
    c.add(a, "warnings-only-insecure-proxy-v33", C(V33, ign={"proxy": {"httpProxy": "http://proxy:3128",
                                                                      "httpsProxy": "http://proxy:3128"}}),
          W("insecure plaintext"))
    c.add(a, "warnings-only-no-install-v31",
          C(V31, systemd=units(U("setup.service", enabled=True, contents=UNIT_NOINSTALL),
                               U("hello.service", enabled=True, contents=UNIT_HELLO))), W("has no install section"))
    c.add(a, "warnings-only-unknown-keys-v30",
          C(V30, storage={"files": [F("/etc/motd", filesystem="root", contents=src(data_plain(MOTD)))]},
            networkd={"units": []}), W("Unused key filesystem", "Unused key networkd"))
    c.add(a, "warnings-only-null-sections-v33", C(V33, storage=None, systemd=None), W("context tree does not match"))
    c.add(a, "warnings-only-mixed-pretty-v33",
          C(V33, ign={"proxy": {"httpsProxy": "http://proxy:3128"}},
            storage={"files": [F("/usr/bin/x", mode=0o6755)], "directories": [D("/tmp2", mode=0o1777)]},
            systemd=units(U("x.service", enabled=True, contents=UNIT_NOINSTALL)),
            comment="generated by provisioner tests"),
          W("insecure plaintext", "setuid", "has no install section", "Unused key comment"), style="pretty")
    c.add(a, "bare-metal-partitioned-v30", C(V30, storage={
        "disks": [disk("/dev/sda", P(number=1, label="EFI", sizeMiB=512, typeGuid=GUID_ESP),
                       P(number=2, label="boot", sizeMiB=1024), P(number=3, label="root", sizeMiB=0), wipeTable=True)],
        "filesystems": [FS("/dev/disk/by-partlabel/EFI", format="vfat", label="EFI", path="/boot/efi"),
                        FS("/dev/disk/by-partlabel/boot", format="ext4", label="boot", path="/boot"),
                        FS("/dev/disk/by-partlabel/root", format="btrfs", label="root", path="/")]}), OK())
    c.add(a, "kubernetes-node-v33", C(V33,
        kernelArguments={"shouldExist": ["systemd.unified_cgroup_hierarchy=1"]},
        storage={"files": [F("/etc/modules-load.d/k8s.conf", contents=src(data_plain("overlay\nbr_netfilter\n"))),
                           F("/etc/sysctl.d/k8s.conf", contents=src(data_plain(
                               "net.bridge.bridge-nf-call-iptables=1\nnet.ipv4.ip_forward=1\n"))),
                           F("/etc/kubernetes/kubelet.env", mode=0o600, contents=src(data_plain("KUBELET_EXTRA_ARGS=--node-ip=10.0.0.5\n")))],
                 "directories": [D("/etc/kubernetes/manifests", mode=0o700)],
                 "links": [L("/usr/local/bin/kubectl", "/opt/bin/kubectl")]},
        systemd=units(U("kubelet.service", enabled=True, contents=UNIT_HELLO.replace("Say hello once", "kubelet")),
                      U("containerd.service", enabled=True, dropins=[DR("10-cgroup.conf", "[Service]\nDelegate=yes\n")]))),
          OK())


AREAS = [area_syntax, area_version, area_types, area_unknown_keys, area_ignition, area_proxy, area_tls,
         area_resources, area_urls, area_hashes, area_headers, area_files, area_directories, area_links, area_nodes,
         area_disks, area_partitions, area_raid, area_luks, area_clevis, area_filesystems, area_units, area_dropins,
         area_passwd, area_kargs, area_duplicates, area_json_duplicate_keys, area_mixed, area_valid]


# ===========================================================================
# Running ignition-validate and recording verdicts
# ===========================================================================

def run_validate(binary, path):
    p = subprocess.run([binary, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout, p.stderr


def lines_of(blob):
    text = blob.decode("utf-8", "surrogateescape")
    if text == "":
        return []
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def render_expected(rc, out, err):
    res = ["exit=%d" % rc]
    res.extend(lines_of(out))
    res.extend("stderr: " + l for l in lines_of(err))
    return ("\n".join(res) + "\n").encode("utf-8", "surrogateescape")


def check_intent(case, rc, out, err):
    kind, subs = case.want
    text = (out + err).decode("utf-8", "replace")
    problems = []
    if kind == "ok":
        if rc != 0 or text.strip():
            problems.append("expected clean pass")
    elif kind == "warn":
        if rc != 0 or not out.strip():
            problems.append("expected warnings only")
    elif kind == "error":
        if rc != 1:
            problems.append("expected exit 1")
    for s in subs:
        if s not in text:
            problems.append("missing %r" % s)
    return problems


def unused_key_groups(out):
    """Returns parents that received more than one 'Unused key' warning: those
    objects would make the output order nondeterministic (Go map iteration)."""
    seen = collections.Counter()
    for line in lines_of(out):
        if not line.startswith("warning at $") or ": Unused key " not in line:
            continue
        head, key = line.split(": Unused key ", 1)
        path = head[len("warning at "):]
        if ", line " in path:
            path = path[: path.index(", line ")]
        # the reported key went through a printf, so match it loosely
        parent = path.rsplit(".", 1)[0] if "." in path else path
        seen[parent] += 1
    return [p for p, n in seen.items() if n > 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ignition-validate", default="/usr/bin/ignition-validate")
    ap.add_argument("--runs", type=int, default=2, help="runs per case for the determinism check (default 2)")
    ap.add_argument("--no-run", action="store_true", help="only write the .ign files")
    ap.add_argument("--keep-going", action="store_true", help="record .expected even when intent checks fail")
    args = ap.parse_args()

    corpus = Corpus()
    for fn in AREAS:
        fn(corpus)

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for case in corpus.cases.values():
        d = os.path.join(OUT, case.area)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, case.name + ".ign"), "wb") as f:
            f.write(case.data)
    if args.no_run:
        print("wrote %d cases (not run)" % len(corpus.cases))
        return 0

    if not os.access(args.ignition_validate, os.X_OK):
        sys.exit("%s not found (apt-get install -y ignition)" % args.ignition_validate)

    failures = []
    stats = collections.OrderedDict()
    for key, case in corpus.cases.items():
        path = os.path.join(OUT, case.area, case.name + ".ign")
        rc, out, err = run_validate(args.ignition_validate, path)
        for _ in range(args.runs - 1):
            again = run_validate(args.ignition_validate, path)
            if again != (rc, out, err):
                failures.append("%s: NONDETERMINISTIC output" % key)
                break
        multi = unused_key_groups(out)
        if multi:
            failures.append("%s: more than one unknown key in object(s) %s" % (key, ", ".join(multi)))
        for p in check_intent(case, rc, out, err):
            failures.append("%s: %s" % (key, p))
        with open(os.path.join(OUT, case.area, case.name + ".expected"), "wb") as f:
            f.write(render_expected(rc, out, err))
        s = stats.setdefault(case.area, [0, 0, 0])
        s[0] += 1
        s[1 if rc == 0 else 2] += 1

    total = [0, 0, 0]
    for area, (n, ok, bad) in stats.items():
        print("%-14s %4d cases  %4d exit=0  %4d exit!=0" % (area, n, ok, bad))
        total = [total[0] + n, total[1] + ok, total[2] + bad]
    print("%-14s %4d cases  %4d exit=0  %4d exit!=0" % ("TOTAL", *total))
    if failures:
        print("\n%d problem(s):" % len(failures), file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        if not args.keep_going:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
