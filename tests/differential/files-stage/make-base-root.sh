#!/usr/bin/env bash
# Builds the deterministic starting root every files-stage case runs against.
#
# usage: make-base-root.sh DEST      (DEST must not exist or be empty; run as root)
#
# Everything is written from this script (nothing is copied from the host), with explicit
# modes and owners, so two machines build the same tree. The contents are those the cases
# rely on; a case's name says which of these nodes it touches.
set -euo pipefail
umask 022
dest=${1:?usage: make-base-root.sh DEST}
mkdir -p "$dest"
[ -z "$(ls -A "$dest")" ] || { echo "make-base-root.sh: $dest is not empty" >&2; exit 2; }
cd "$dest"
chmod 0755 .; chown 0:0 .

# put PATH MODE [OWNER]: write standard input to PATH
put() {
    mkdir -p "$(dirname "$1")"
    cat >"$1"
    chmod "$2" "$1"
    chown "${3:-0:0}" "$1"
}

mkdir -p etc home root srv tmp opt usr/bin usr/sbin usr/lib var/lib var/mail
chmod 0700 root
chmod 1777 tmp
chmod 2775 var/mail; chown 0:8 var/mail

# --- user database: the usual system accounts plus Flatcar/FCOS's `core` (500) -------------
# useradd/usermod/groupadd run with --root and read all of these from the root, never the host.
put etc/passwd 0644 <<'X'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
core:x:500:500:CoreOS Admin:/home/core:/bin/bash
X
put etc/group 0644 <<'X'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
mail:x:8:
shadow:x:42:
wheel:x:10:core
sudo:x:27:core
users:x:100:
systemd-journal:x:190:
docker:x:233:core
nogroup:x:65534:
core:x:500:
X
# shadow and gshadow belong to group shadow (42), as on Debian.
# the "last change" day is a fixed 19000 (2022-01-08): the dumper only normalises days near today
put etc/shadow 0640 0:42 <<'X'
root:*:19000:0:99999:7:::
daemon:*:19000:0:99999:7:::
bin:*:19000:0:99999:7:::
sys:*:19000:0:99999:7:::
mail:*:19000:0:99999:7:::
nobody:*:19000:0:99999:7:::
core:*:19000:0:99999:7:::
X
put etc/gshadow 0640 0:42 <<'X'
root:*::
daemon:*::
bin:*::
sys:*::
adm:*::
mail:*::
shadow:*::
wheel:*::core
sudo:*::core
users:*::
systemd-journal:!::
docker:!::core
nogroup:*::
core:!::
X
# subordinate ids: present (as on FCOS) so useradd allocates ranges for new regular users
put etc/subuid 0644 </dev/null
put etc/subgid 0644 </dev/null
# Ignition resolves user/group names with getpwnam/getgrnam inside chroot(root): files only
put etc/nsswitch.conf 0644 <<'X'
passwd: files
group:  files
shadow: files
X
put etc/login.defs 0644 <<'X'
MAIL_DIR        /var/mail
UMASK           022
HOME_MODE       0700
PASS_MAX_DAYS   99999
PASS_MIN_DAYS   0
PASS_WARN_AGE   7
UID_MIN         1000
UID_MAX         60000
SYS_UID_MIN     201
SYS_UID_MAX     999
GID_MIN         1000
GID_MAX         60000
SYS_GID_MIN     201
SYS_GID_MAX     999
SUB_UID_MIN     100000
SUB_UID_MAX     600100000
SUB_UID_COUNT   65536
SUB_GID_MIN     100000
SUB_GID_MAX     600100000
SUB_GID_COUNT   65536
USERGROUPS_ENAB yes
ENCRYPT_METHOD  SHA512
X
put etc/default/useradd 0644 <<'X'
SHELL=/bin/bash
SKEL=/etc/skel
CREATE_MAIL_SPOOL=no
X
put etc/skel/.bashrc 0644 <<'X'
# .bashrc from the base root's /etc/skel
X
put etc/skel/.profile 0644 <<'X'
# .profile from the base root's /etc/skel
X
put home/core/.bashrc 0644 500:500 <<'X'
# core's own .bashrc
X
chmod 0700 home/core; chown 500:500 home/core

# --- SELinux -------------------------------------------------------------------------------
# Ignition 2.14 always relabels at the end of the files stage (the result file alone is enough
# to have something to relabel): it reads SELINUXTYPE= from <root>/etc/selinux/config (a missing
# file fails the stage: "failed to handle relabeling ... /etc/selinux/config: no such file") and
# then runs `setfiles -vF0 -r <root> <file_contexts> -f -`. It never looks at SELINUX=. So the root
# says "policy targeted, but SELinux disabled", which is what a Debian root with the selinux
# packages installed and SELinux turned off looks like: 2.14 finds its policy name and calls
# setfiles, which the harness provides as a no-op stand-in on PATH (stand-ins/setfiles;
# the real one would need a loaded policy). A binary that relabels only when the root has SELinux
# enabled does nothing here. No file_contexts is needed: the stand-in never opens it.
put etc/selinux/config 0644 <<'X'
SELINUX=disabled
SELINUXTYPE=targeted
X

# --- nodes the storage cases need ----------------------------------------------------------
printf 'old contents\n' | put etc/existing.conf 0644
printf 'first line\n' | put etc/append-existing.txt 0644
printf 'owned by core\n' | put etc/core-owned.conf 0640 500:500
printf 'keep me\n' | put etc/untouched.txt 0600
printf 'not a directory\n' | put var/lib/blocker 0644
printf 'a file where a directory will go\n' | put opt/replace-me 0644
mkdir -p opt/existing-dir/sub; chmod 0700 opt/existing-dir
printf 'inside\n' | put opt/existing-dir/sub/inner.txt 0644
mkdir -p opt/plain-dir
# symlinked directories: absolute and relative targets, both inside the root
mkdir -p srv/real; printf 'real\n' | put srv/real/present.txt 0644
ln -s /srv/real etc/alt
ln -s ../srv/real etc/rel-alt
# existing symlinks for the links cases
ln -s /etc/existing.conf etc/link-same
ln -s /etc/existing.conf etc/link-elsewhere
printf 'hard target\n' | put srv/hard-src.txt 0644
ln srv/hard-src.txt srv/hard-existing.txt

# --- systemd -------------------------------------------------------------------------------
mkdir -p usr/lib/systemd/system etc/systemd/system/multi-user.target.wants etc/systemd/system-preset
unit() { # unit NAME: an installable simple service in /usr/lib/systemd/system
    put "usr/lib/systemd/system/$1" 0644 <<X
[Unit]
Description=$1 from the base root

[Service]
ExecStart=/usr/bin/true

[Install]
WantedBy=multi-user.target
X
}
put usr/lib/systemd/system/multi-user.target 0644 <<'X'
[Unit]
Description=Multi-User System
X
unit was-enabled.service
ln -s /usr/lib/systemd/system/was-enabled.service etc/systemd/system/multi-user.target.wants/was-enabled.service
unit never-enabled.service
unit plain.service
unit to-mask.service
unit 'tmpl@.service'
unit was-masked.service
ln -s /dev/null etc/systemd/system/was-masked.service
# a masked unit whose link does not point to /dev/null: `mask: false` must leave it alone
ln -s /usr/lib/systemd/system/plain.service etc/systemd/system/not-really-masked.service
