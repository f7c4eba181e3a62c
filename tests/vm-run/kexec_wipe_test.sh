#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kexec on a locked host reveals no secret.  No reset follows a kexec for
# the hypervisor to see, so the driver's reboot notifier asks the secure
# world to wipe its secrets first (VSM_HC_SEAL).  Then the new kernel
# starts its other CPUs with INIT/SIPI, which under QEMU TCG takes them out
# of the hypervisor (see Documentation/threat-model.rst, INIT): from such a
# CPU, with no nested paging in the way, a module reads the old secure
# region.  The marker must be gone.  (Without the wipe it is there: the
# test fails if the reboot notifier does not call VSM_HC_SEAL.)  This needs
# vsm's pin=0: with CPU state pinned, the default, the new kernel cannot
# start, which the second half checks.
#
# Usage: tests/vm-run/kexec_wipe_test.sh   (prints TAP; AMD only)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${VSM_BUILD_DIR:-$ROOT/build}
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"
kver=$("$ROOT/scripts/kver")

# The second kernel's initramfs: busybox, the scanner, the CPU checker.
stage2=$tmp/stage2
mkdir -p "$stage2"/{bin,proc,sys,dev,vsm}
cp /bin/busybox "$stage2/bin/"
for app in sh mount cat sed insmod rmmod taskset poweroff echo sleep grep; do
	ln -s busybox "$stage2/bin/$app"
done
cp "$BUILD/selftests/vsm_attack.ko" "$BUILD/selftests/vsm_cpuid" "$stage2/vsm/"
cat >"$stage2/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	vsm_region=*) region=${arg#*=} ;;
	vsm_size=*) size=${arg#*=} ;;
	vsm_nonce=*) nonce=${arg#*=} ;;
	esac
done
echo "stage2: up after kexec, CPUs: $(cat /sys/devices/system/cpu/online)"
/vsm/vsm_cpuid present
rc=0
for cpu in 0 1; do
	if taskset -c $cpu insmod /vsm/vsm_attack.ko mode=scan region=$region size=$size; then
		echo "stage2: scan from CPU $cpu: no secret"
		rmmod vsm_attack
	else
		echo "stage2: scan from CPU $cpu: FOUND THE SECRET or failed"
		rc=1
	fi
done
echo "vm-run: exit status $rc $nonce"
poweroff -f
INIT
chmod +x "$stage2/init"
(cd "$stage2" && find . | cpio -o -H newc -R 0:0 --quiet) >"$tmp/stage2.cpio"

echo "TAP version 13"
stage1() {
	"$ROOT/scripts/vm-run" --smp 2 --timeout 180 --verbose \
		--add "/boot/vmlinuz-$kver:/root/vmlinuz" --add "$tmp/stage2.cpio:/root/stage2.cpio" \
		-- sh -c '
		insmod /vsm/vsm.ko lock=1 pin=0 || exit 1
		info=$(vsmctl info)
		base=$(echo "$info" | sed -n "s/^secure region: *[0-9]* KiB at \(0x[0-9a-f]*\)$/\1/p")
		kib=$(echo "$info" | sed -n "s/^secure region: *\([0-9]*\) KiB.*/\1/p")
		echo "stage1: locked, secure region at $base, $kib KiB; kexec"
		exec /vsm/selftests/vsm_kexec /root/vmlinuz /root/stage2.cpio \
			"console=ttyS0 panic=-1 oops=panic rdinit=/init memmap=${kib}K\$$base vsm_region=$base vsm_size=$((kib * 1024)) vsm_nonce=$(cat /vsm/nonce)"
		' >"$tmp/out" 2>&1
}
stage1
status=$?
# A kexec'd kernel that does not come up is a failure (it boots on CPUs
# that are still inside the hypervisor): show how it ended.
if ! grep -q '^stage2: up after kexec' "$tmp/out"; then
	echo "# the kexec'd kernel did not come up; its last lines:"
	tail -n 12 "$tmp/out" | sed 's/^/#   /'
fi
cp "$tmp/out" "$BUILD/kexec-wipe-stage1.log"	# kept for a failure's post-mortem
grep -E '^stage|vsm: reboot|cpu [0-9]:|vsm_attack:' "$tmp/out" | sed 's/^/# /'
check "the locked host wiped its secrets before kexec" \
	grep -q 'vsm: reboot: locked: secrets wiped' "$tmp/out"
check "the kexec'd kernel came up" grep -q '^stage2: up after kexec' "$tmp/out"
check "its first CPU is still inside the hypervisor" grep -q '^cpu 0: vsm' "$tmp/out"
check "a module on the first CPU reads nothing of the secure region" \
	grep -q '^stage2: scan from CPU 0: no secret' "$tmp/out"
check "a module on the second CPU reads nothing of the secure region" \
	grep -q '^stage2: scan from CPU 1: no secret' "$tmp/out"
check "the second kernel reported success" [ "$status" -eq 0 ]

# With CPU state pinned (the default), the kexec'd kernel cannot install its
# own system-call entry points: it dies, and the machine resets through the
# secure world's wipe.
"$ROOT/scripts/vm-run" --smp 2 --timeout 180 --verbose \
	--add "/boot/vmlinuz-$kver:/root/vmlinuz" --add "$tmp/stage2.cpio:/root/stage2.cpio" \
	-- sh -c '
	insmod /vsm/vsm.ko lock=1 || exit 1
	exec /vsm/selftests/vsm_kexec /root/vmlinuz /root/stage2.cpio \
		"console=ttyS0 panic=-1 oops=panic rdinit=/init vsm_nonce=$(cat /vsm/nonce)"
	' >"$tmp/pinned" 2>&1
status=$?
check "pinned: the secrets are wiped before kexec" \
	grep -q 'vsm: reboot: locked: secrets wiped' "$tmp/pinned"
check "pinned: the new kernel never reaches its init" bash -c "! grep -q '^stage2: up' '$tmp/pinned'"
check "pinned: the machine resets through the secure world's wipe" \
	grep -q 'secure memory wiped, resetting' "$tmp/pinned"
check "pinned: and reports no status" [ "$status" -eq 125 ]
echo "1..$n"
[[ $failed -eq 0 ]]
