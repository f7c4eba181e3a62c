#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# TAP helpers for the shell selftests (busybox sh compatible).

tap_n=0
tap_fail=0

tap_ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n $1"; }
tap_not_ok() {
	tap_n=$((tap_n + 1)); tap_fail=$((tap_fail + 1))
	echo "not ok $tap_n $1"
}
tap_skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n $1 # SKIP $2"; }

# check NAME COMMAND...: one test case, passing if COMMAND succeeds.
check() {
	name=$1
	shift
	if "$@"; then tap_ok "$name"; else tap_not_ok "$name"; fi
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_fail" -eq 0 ]
}

# The kernel log holds no oops, warning or BUG since the given line count.
dmesg_clean_since() {
	! dmesg | tail -n +"$(($1 + 1))" |
		grep -E 'Oops|BUG:|WARNING:|Call Trace|general protection|refcount_t'
}

# require_protection NAME [AMD_ONLY_REASON]: on hosts vsm does not protect
# (or, with a reason, on Intel, which lacks what NAME needs), report NAME
# as skipped, with the reason, and end the test program.
require_protection() {
	[ "$VSM_VENDOR" = amd ] && return 0
	vsm_protects && [ -z "$2" ] && return 0
	tap_skip "$1" "${2:-vsm protects only AMD and Intel hosts (and Intel not with vmx=0)}"
	tap_done
	exit 0
}

# region_info: set $base (physical address) and $kib (size) of the secure
# region, from vsmctl info.
region_info() {
	_info=$(vsmctl info)
	base=$(echo "$_info" | sed -n 's/^secure region: *[0-9]* KiB at \(0x[0-9a-f]*\)$/\1/p')
	kib=$(echo "$_info" | sed -n 's/^secure region: *\([0-9]*\) KiB.*/\1/p')
	[ -n "$base" ] && [ -n "$kib" ]
}

# Intel hosts are protected unless vsm is loaded with vmx=0.
vsm_vmx_off() {
	case " ${VSM_INSMOD_ARGS:-} " in *" vmx=0 "* | *" vmx=N "* | *" vmx=n "*) return 0 ;; esac
	return 1
}

# vsm_protects: does loading vsm here launch the hypervisor?
vsm_protects() {
	[ "$VSM_VENDOR" = amd ] && return 0
	[ "$VSM_VENDOR" = intel ] && ! vsm_vmx_off
}

# vsm_insmod [PARAM...]: load vsm with the vendor's parameters and PARAMs.
vsm_insmod() { insmod "$VSM_KO" $VSM_INSMOD_ARGS "$@"; }

# kvm_hold_start / kvm_hold_stop: hold one KVM VM (no vCPU) for the run.
# KVM rewrites a jump label in finish_task_switch() when the first VM is
# created and when the last one ends; QEMU 7.2's multi-threaded TCG can
# keep executing the patching INT3 afterwards, for ever (vsm loaded or
# not).  While a VM exists the label stays on and is not rewritten
# (Documentation/testing.rst, "Known emulator bugs").
# kvm_hold_start returns once the VM exists: a test's own first VM created
# alongside it would flip the label after all.
kvm_hold_start() {
	rm -f /tmp/vsm_kvm_hold.out
	"$(dirname "$0")/vsm_kvm_guest" --hold >/tmp/vsm_kvm_hold.out &
	kvm_holder=$!
	_i=0
	while ! grep -q '^holding VM' /tmp/vsm_kvm_hold.out 2>/dev/null; do
		kill -0 "$kvm_holder" 2>/dev/null || { echo "# the KVM holder died"; return 1; }
		[ $_i -lt 300 ] || { echo "# the KVM holder has no VM after 30 s"; return 1; }
		sleep 0.1
		_i=$((_i + 1))
	done
}
kvm_hold_stop() { kill "$kvm_holder" 2>/dev/null; wait "$kvm_holder" 2>/dev/null; }

# ensure_loaded: load vsm unless it is loaded.
ensure_loaded() { grep -q '^vsm ' /proc/modules || vsm_insmod; }

VSM_KO=${VSM_KO:-/vsm/vsm.ko}
