#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Early boot: a Debian initramfs built by mkinitramfs with vsm's hook and
# init-top script (tools/boot), booted in the emulated AMD machine.  With
# VSM_EARLY=yes, a policy and VSM_LOCK=yes in its vsm.conf, the host must
# come up protected and locked with the policy in force before the root
# file system would be mounted, and the audit log must show that boot
# sequence.  A boot script of the test's own stands in for mounting the
# root file system: it reports and powers the machine off.  With
# VSM_EARLY=no the same hook adds nothing.
#
# Usage: tests/install/early_boot_test.sh KVER   (prints TAP)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${VSM_BUILD_DIR:-$ROOT/build}
kver=${1:?usage: early_boot_test.sh KVER}
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"

echo "TAP version 13"

# A policy in audit mode that lists one module by hash.
"$BUILD/vsmctl" policy scan --mode audit -o "$tmp/policy.bin" \
	"$BUILD/selftests/vsm_ci_sample.ko" >/dev/null

# initramfs-tools configuration of the test's own (mkinitramfs -d).
conf=$tmp/initramfs-tools
mkdir -p "$conf/hooks" "$conf/scripts/init-top" "$conf/conf.d"
cat >"$conf/initramfs.conf" <<'CONF'
MODULES=list
BUSYBOX=n
COMPRESS=gzip
CONF
: >"$conf/modules"
cp "$ROOT/tools/boot/initramfs-hook" "$conf/hooks/vsm"
cp "$ROOT/tools/boot/initramfs-init-top" "$conf/scripts/init-top/vsm"
# boot=vsmtest: instead of mounting a root file system, report and power off.
cat >"$conf/scripts/vsmtest" <<'BOOT'
mountroot()
{
	echo "vsm-early-test: info"
	/usr/sbin/vsmctl info
	echo "vsm-early-test: policy"
	/usr/sbin/vsmctl policy show
	echo "vsm-early-test: audit"
	/usr/sbin/vsmctl audit
	/usr/sbin/vsmctl audit --verify >/dev/null && echo "vsm-early-test: audit chain verifies"
	echo "vsm-early-test: end"
	echo o >/proc/sysrq-trigger
	sleep 30
}
BOOT

cat >"$tmp/vsm.conf" <<CONF
VSM_ENABLE=yes
VSM_EARLY=yes
VSM_PARAMS="secure_size_kib=4096"
VSM_POLICY=$tmp/policy.bin
VSM_LOCK=yes
CONF

mkinitrd() { # OUT: mkinitramfs with the hook's sources overridden
	VSM_CONF=$tmp/vsm.conf VSM_INITRAMFS_MODULE=$ROOT/vsm.ko \
		VSM_INITRAMFS_VSMCTL=$BUILD/vsmctl VSM_INITRAMFS_BOOT=$ROOT/tools/boot/vsm-boot \
		mkinitramfs -d "$conf" -o "$1" "$kver" >>"$tmp/mkinitramfs.log" 2>&1
}
check "mkinitramfs builds a Debian initramfs with vsm's hook" mkinitrd "$tmp/initrd.img"
lsinitramfs "$tmp/initrd.img" >"$tmp/list" 2>/dev/null
# (/lib is /usr/lib on a merged-/usr system)
for f in "lib/modules/$kver/updates/vsm.ko" usr/sbin/vsmctl usr/lib/vsm/vsm-boot etc/vsm.conf \
	 scripts/init-top/vsm "${tmp#/}/policy.bin"; do
	check "the initramfs holds /$f" grep -qxE "(usr/)?$f" "$tmp/list"
done
[ $failed -eq 0 ] || tail -n 20 "$tmp/mkinitramfs.log" | sed 's/^/# /'

start=$SECONDS
timeout -k 10 300 "$ROOT/scripts/vm/qemu-amd" "/boot/vmlinuz-$kver" "$tmp/initrd.img" 2 1024 \
	"console=ttyS0 panic=-1 boot=vsmtest" >"$tmp/console.log" 2>&1
rc=$?
echo "# booted and powered off in $((SECONDS - start))s, status $rc"
log=$tmp/console.log
between() { sed -n "/vsm-early-test: $1/,/vsm-early-test: /p" "$log" | tr -d '\r'; }
between info >"$tmp/info"
between policy >"$tmp/policy"
check "the machine booted the initramfs and powered off" \
	sh -c "[ $rc -eq 0 ] && grep -q 'vsm-early-test: end' '$log'"
check "vsm-boot loaded vsm from the initramfs" \
	grep -q 'vsm-boot: (initramfs) loaded vsm secure_size_kib=4096, state protected' "$log"
check "vsm-boot loaded the policy" \
	grep -q "vsm-boot: (initramfs) loaded the code-integrity policy $tmp/policy.bin" "$log"
check "vsm-boot locked" grep -q 'vsm-boot: (initramfs) locked until reboot' "$log"
check "before the root file system: every CPU protected and locked" \
	sh -c "grep -q '^state: *locked' '$tmp/info' && grep -q '^protected cpus: *2' '$tmp/info'"
check "the policy is in force: audit mode, serial 1" \
	sh -c "tr '\n' ' ' <'$tmp/policy' | grep -q 'mode audit serial 1'"
between audit >"$tmp/audit"
sed 's/^/# /' "$tmp/audit"
# The records' names, in order: the log starts, the driver's DMA report
# follows it, each CPU is protected, the policy is loaded, the host is
# locked; nothing else.
sed -n 's/^ *[0-9][0-9]*  *tsc [0-9]*  *cpu [0-9]*  *\([a-z_]*\) .*/\1/p' "$tmp/audit" |
	uniq | tr '\n' ' ' >"$tmp/sequence"
echo "# audit sequence: $(cat "$tmp/sequence")"
check "the audit log shows the boot: start, DMA report, CPUs protected, policy, lock" \
	[ "$(cat "$tmp/sequence")" = "log_start dma cpu_protected ci_policy locked " ]
# This VM has no IOMMU: the report must say so, not claim protection.
check "... and the DMA record says protection is absent (no IOMMU)" \
	grep -q ' dma  *absent: no IOMMU' "$tmp/audit"
check "the audit chain verifies" grep -q 'vsm-early-test: audit chain verifies' "$log"
check "no oops or BUG in the boot" sh -c "! grep -qE 'Oops|BUG:|general protection' '$log'"
[ $failed -eq 0 ] || tail -n 30 "$log" | sed 's/^/# /'

# VSM_EARLY=no: the hook adds nothing.
sed -i 's/^VSM_EARLY=yes/VSM_EARLY=no/' "$tmp/vsm.conf"
: >"$tmp/mkinitramfs.log"
check "with VSM_EARLY=no mkinitramfs still builds" mkinitrd "$tmp/plain.img"
lsinitramfs "$tmp/plain.img" >"$tmp/plain.list" 2>/dev/null
check "... and the initramfs holds no vsm" \
	sh -c "[ -s '$tmp/plain.list' ] && ! grep -qE 'vsm(\.ko|ctl|-boot|\.conf)' '$tmp/plain.list'"

echo "1..$n"
[ $failed -eq 0 ]
