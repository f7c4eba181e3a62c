#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installing vsm the Debian way, without touching the running kernel or
# the system's directories:
#  - make install into a staging DESTDIR (PREFIX=/usr): every file where
#    it belongs, a program builds against the staged headers and library,
#    the man pages format cleanly, bash completion completes, vsmctl's help
#    names what its man page documents; make uninstall removes it all;
#  - DKMS: dkms add, build and install for Debian's kernel (KVER) into
#    private DKMS, source and install trees; the module carries vsm's
#    version and that kernel's vermagic; dkms remove leaves nothing;
#  - module signing for Secure Boot hosts: vsm.ko signed with a local key
#    by the kernel's sign-file names that signer (modinfo), and the
#    signature verifies with the certificate.
#
# Usage: tests/install/install_test.sh KVER   (prints TAP)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${VSM_BUILD_DIR:-$ROOT/build}
kver=${1:?usage: install_test.sh KVER}
version=$(cat "$ROOT/VERSION")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"
cd "$ROOT"

echo "TAP version 13"

# ---- make install / uninstall -------------------------------------------
stage=$tmp/stage
check "make install DESTDIR=... PREFIX=/usr" \
	sh -c "make -s install DESTDIR='$stage' PREFIX=/usr >'$tmp/install.log' 2>&1"
for f in usr/sbin/vsmctl usr/lib/libvsm.a usr/include/libvsm.h usr/include/linux/vsm.h \
	 usr/share/man/man8/vsmctl.8 usr/share/man/man8/vsm-boot.8 usr/share/man/man3/libvsm.3 usr/share/man/man4/vsm.4 \
	 usr/share/bash-completion/completions/vsmctl usr/share/doc/vsm/README.md \
	 usr/share/doc/vsm/Documentation/operations.rst usr/share/doc/vsm/Documentation/install.rst \
	 usr/lib/vsm/vsm-boot usr/share/initramfs-tools/hooks/vsm \
	 usr/share/initramfs-tools/scripts/init-top/vsm lib/systemd/system/vsm.service \
	 etc/vsm.conf; do
	check "installed: /$f" test -s "$stage/$f"
done
check "installed vsmctl is executable and runs" \
	sh -c "'$stage/usr/sbin/vsmctl' --version | grep -q 'ABI version'"
cat >"$tmp/prog.c" <<'C'
#include <libvsm.h>
int main(void) { return vsm_open(NULL) >= 0 ? 0 : 0; }
C
check "a program builds against the installed header and library" \
	cc -I"$stage/usr/include" -o "$tmp/prog" "$tmp/prog.c" "$stage/usr/lib/libvsm.a"
for m in man8/vsmctl.8 man8/vsm-boot.8 man3/libvsm.3 man4/vsm.4; do
	check "man page $m formats without a warning" \
		sh -c "! LC_ALL=C.UTF-8 MANROFFSEQ='' groff -man -ww -z -Tutf8 \
			'$stage/usr/share/man/$m' 2>&1 | grep ."
done
complete_of() { # WORDS...: what bash completion offers for the last word
	bash -c ". '$stage/usr/share/bash-completion/completions/vsmctl'
		COMP_WORDS=($*); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1))
		_vsmctl; echo \"\${COMPREPLY[*]}\""
}
check "bash completion: 'vsmctl k' offers key" sh -c "[ '$(complete_of vsmctl k)' = key ]"
check "bash completion: 'vsmctl key s' offers seal and sign" \
	sh -c "[ '$(complete_of vsmctl key s)' = 'seal sign' ]"
check "bash completion: 'vsmctl policy scan --mode ' offers the modes" \
	sh -c "[ '$(complete_of vsmctl policy scan --mode "''")' = 'audit enforce' ]"
# Every command vsmctl --help lists (but help) is an item of its man page
# and known to completion.
cmds=$("$BUILD/vsmctl" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\).*/\1/p' | grep -vx help)
groff -man -Tascii -P-c -P-b -P-u man/vsmctl.8 2>/dev/null >"$tmp/vsmctl.8.txt"
missing=
for c in $cmds; do
	grep -qE "^ {7}$c( |\$)" "$tmp/vsmctl.8.txt" || missing="$missing man:$c"
	grep -qw -- "$c" tools/vsmctl/vsmctl.bash || missing="$missing completion:$c"
done
[ -z "$missing" ] || echo "# missing: $missing"
check "each of vsmctl's $(echo $cmds | wc -w) commands is in vsmctl(8) and in completion" \
	[ -n "$cmds" -a -z "$missing" ]
for c in key domain policy; do
	check "vsmctl $c --help prints its usage and succeeds" \
		sh -c "'$BUILD/vsmctl' $c --help | grep -q '^usage: vsmctl $c'"
done
check "the unit file is valid for systemd" \
	sh -c "! command -v systemd-analyze >/dev/null ||
	       ! systemd-analyze verify --man=no '$stage/lib/systemd/system/vsm.service' 2>&1 |
	       grep -v 'Command /usr/lib/vsm/vsm-boot is not executable' | grep ."
echo '# edited' >>"$stage/etc/vsm.conf"
make -s install DESTDIR="$stage" PREFIX=/usr >/dev/null 2>&1
check "a second make install keeps an edited /etc/vsm.conf" grep -q '^# edited' "$stage/etc/vsm.conf"
check "make uninstall removes every installed file but the configuration" \
	sh -c "make -s uninstall DESTDIR='$stage' PREFIX=/usr >/dev/null &&
	       [ \"\$(cd '$stage' && find . -type f)\" = ./etc/vsm.conf ]"

# ---- DKMS ---------------------------------------------------------------
src=$tmp/dkms-src dtree=$tmp/dkms-tree inst=$tmp/dkms-inst
mkdir -p "$dtree" "$inst/$kver"
dk() { # dkms ARGS... on the private trees, logged
	dkms "$@" --sourcetree "$src/usr/src" --dkmstree "$dtree" --installtree "$inst" \
		>>"$tmp/dkms.log" 2>&1
}
check "dkms.conf's version is the VERSION file's ($version)" \
	grep -qx "PACKAGE_VERSION=\"$version\"" dkms.conf
check "make dkms-src puts the module's sources in /usr/src/vsm-$version" \
	sh -c "make -s dkms-src DESTDIR='$src' >'$tmp/dkms.log' 2>&1 &&
	       [ -f '$src/usr/src/vsm-$version/dkms.conf' ]"
check "dkms add" dk add "vsm/$version"
check "dkms build for $kver" dk build "vsm/$version" -k "$kver"
check "dkms install for $kver" dk install "vsm/$version" -k "$kver"
ko=$(find "$inst/$kver" -name vsm.ko | head -n 1)
check "the installed module is vsm $version" \
	sh -c "[ \"\$(modinfo -F version '$ko')\" = '$version' ]"
check "... built for $kver" sh -c "modinfo -F vermagic '$ko' | grep -q '^$kver '"
dk remove "vsm/$version" --all
check "dkms remove leaves no module behind" sh -c "[ -z \"\$(find '$inst' -name 'vsm.ko*')\" ]"
[ $failed -eq 0 ] || tail -n 20 "$tmp/dkms.log" | sed 's/^/# /'

# ---- signing ------------------------------------------------------------
sign=/lib/modules/$kver/build/scripts/sign-file
openssl req -new -x509 -nodes -days 1 -subj "/CN=vsm local signing key" \
	-newkey rsa:2048 -keyout "$tmp/sign.key" -outform DER -out "$tmp/sign.der" 2>/dev/null
cp vsm.ko "$tmp/vsm.ko"
check "sign-file signs vsm.ko with a local key" \
	"$sign" sha256 "$tmp/sign.key" "$tmp/sign.der" "$tmp/vsm.ko"
check "modinfo names the signer" \
	sh -c "[ \"\$(modinfo -F signer '$tmp/vsm.ko')\" = 'vsm local signing key' ]"
check "the signature verifies with the certificate" \
	sh -c "'$BUILD/vsm-modsig' '$tmp/vsm.ko' '$tmp/sign.der' | grep -q 'signed by'"

echo "1..$n"
[ $failed -eq 0 ]
