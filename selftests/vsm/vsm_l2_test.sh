#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A real Linux guest of the protected host: Debian's QEMU with -accel kvm
# boots the same Debian kernel inside the protected VM (vm-run --add
# $BUILD/l2/sysroot:/l2, see scripts/l2-assets) and its init reports in.
# Then the cost of nesting, from the exit counters: how many hypervisor
# exits one exit of a KVM guest costs, for a CPUID-bound and an I/O-bound
# guest loop, and how often the shadow nested tables were rebuilt.  The
# figures are printed as "# nested:" lines (make bench collects them).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "a Linux guest on the protected host" \
	"nested virtualization (KVM under vsm) is AMD-only so far"
dir=$(dirname "$0")
l2=${L2_SYSROOT:-/l2}
kver=$(uname -r)
# Sum of one exit class over all CPUs; "all": every real exit (the l2_*
# classes are parts of l2, snpt_rebuild is no exit).
stat_of() {
	vsmctl stats --json | tr ',{}' '\n\n\n' | awk -F: -v c="\"$1\"" '
		c == "\"all\"" && $1 ~ /^"[a-z_0-9]*"$/ && $2 ~ /^[0-9]+$/ &&
		$1 !~ /^"(l2_reflected|l2_npf|snpt_rebuild|cpu|state)"$/ { s += $2 }
		$1 == c { s += $2 } END { print s + 0 }'
}

ensure_loaded
modprobe kvm_amd
check "kvm_amd is loaded under vsm" test -c /dev/kvm
kvm_hold_start

# The L2 boot.
l2_before=$(stat_of l2)
rebuilds_before=$(stat_of snpt_rebuild)
start=$(cut -d. -f1 /proc/uptime)
timeout 600 "$l2/lib64/ld-linux-x86-64.so.2" \
	--library-path "$l2/lib/x86_64-linux-gnu:$l2/usr/lib/x86_64-linux-gnu" \
	"$l2/usr/bin/qemu-system-x86_64" -L "$l2/share" \
	-M microvm,x-option-roms=off,rtc=off -accel kvm -cpu host -m 128 -smp 1 \
	-nodefaults -no-user-config -nographic -no-reboot -serial stdio \
	-kernel "$l2/boot/vmlinuz" -initrd "$l2/boot/initrd" \
	-append "console=ttyS0 quiet panic=-1" >/tmp/l2.log 2>&1
rc=$?
secs=$(($(cut -d. -f1 /proc/uptime) - start))
grep 'vsm-l2:' /tmp/l2.log | sed 's/^/# /'
[ $rc -eq 0 ] || tail -n 20 /tmp/l2.log | sed 's/^/# /'
check "QEMU -accel kvm boots Debian's kernel to its init (${secs}s)" \
	grep -q "vsm-l2: init reached on $kver" /tmp/l2.log
check "the L2 kernel knows it is a guest" grep -q 'vsm-l2: running as a guest' /tmp/l2.log
check "QEMU exited cleanly" [ $rc -eq 0 ]
echo "# nested: l2_boot_seconds=$secs l2_boot_exits=$(($(stat_of l2) - l2_before))" \
     "l2_boot_snpt_rebuilds=$(($(stat_of snpt_rebuild) - rebuilds_before))"

# Exit cost: hypervisor exits per exit KVM sees, for a CPUID-bound loop
# (KVM handles CPUID in the kernel) and an I/O-bound one (QEMU would
# emulate the port: KVM returns to user space each time).  vsm_kvm_guest
# --count reads the counters around its KVM_RUN calls alone and accounts
# for every exit (count_loop() in vsm_kvm_guest.c): 7 per exit KVM sees
# (the exit, then CLGI, VMLOAD, VMRUN in and VMSAVE, VMLOAD, STGI out:
# TCG offers L1 neither vGIF nor virtual VMLOAD/VMSAVE), one VMSAVE more
# per KVM_RUN call and per rescheduling of the vCPU thread, and the
# guest's shadow nested page faults; nothing else.
n=20000
for kind in cpuid io; do
	"$dir/vsm_kvm_guest" --count $n $kind >/tmp/l2-$kind.out 2>&1
	rc=$?
	grep '^# nested: ' /tmp/l2-$kind.out
	grep -v '^# nested: ' /tmp/l2-$kind.out | sed 's/^/# /'
	check "a $kind-bound KVM guest loop of $n runs, every exit accounted for" [ $rc -eq 0 ]
	seen=$(sed -n "s/.*${kind}_loop_l2_exits=\([0-9]*\).*/\1/p" /tmp/l2-$kind.out)
	check "$kind loop: KVM saw an exit per iteration" [ "${seen:-0}" -ge $n ]
done
kvm_hold_stop
check "the secure world still answers on every CPU" sh -c 'vsmctl ping >/dev/null'
check "kernel log has no oops" sh -c '! dmesg | grep -E "Oops|BUG:|general protection"'
tap_done
