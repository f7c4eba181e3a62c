#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The x86 KVM selftests of Debian's linux-source-6.1 (scripts/kvm-selftests
# builds them; vm-run --add puts them in $KVM_SELFTESTS) on the protected
# host: every test in the committed baseline, the tests that pass on the
# same emulated machine without vsm, must pass with vsm, each within a
# time limit.
#
# Usage: vsm_kvm_selftests.sh            compare with the baseline (TAP)
#        vsm_kvm_selftests.sh --record   run every test without vsm and
#                                        print the baseline
. "$(dirname "$0")/lib.sh"

dir=${KVM_SELFTESTS:-/kvm-selftests}
baseline=$(dirname "$0")/expect/kvm-selftests-amd.pass
limit=${KVM_SELFTEST_TIMEOUT:-120}

# run_one NAME: exit status of the test (124 if it ran out of time).
run_one() {
	timeout "$limit" "$dir/$1" >/tmp/kvm-selftest.log 2>&1
}

if [ "$1" = "--record" ]; then
	grep -q '^vsm ' /proc/modules && rmmod vsm
	modprobe kvm_amd
	kvm_hold_start
	for t in $(ls "$dir"); do
		[ -x "$dir/$t" ] || continue
		start=$(cut -d. -f1 /proc/uptime)
		run_one "$t"
		rc=$?
		secs=$(($(cut -d. -f1 /proc/uptime) - start))
		echo "# $t: exit $rc, ${secs}s"
		[ $rc -eq 0 ] && echo "pass $t $secs"
	done
	kvm_hold_stop
	exit 0
fi

echo "TAP version 13"
require_protection "the KVM selftests on the protected host" \
	"nested virtualization (KVM under vsm) is AMD-only so far"
ensure_loaded
check "kvm_amd loads under vsm" modprobe kvm_amd
kvm_hold_start
for t in $(awk '$1 == "pass" { print $2 }' "$baseline"); do
	start=$(cut -d. -f1 /proc/uptime)
	run_one "$t"
	rc=$?
	secs=$(($(cut -d. -f1 /proc/uptime) - start))
	[ $rc -eq 0 ] || sed 's/^/# /' /tmp/kvm-selftest.log | tail -n 15
	check "KVM selftest $t passes on the protected host (${secs}s)" [ $rc -eq 0 ]
done
kvm_hold_stop
check "the secure world still answers on every CPU" sh -c 'vsmctl ping >/dev/null'
check "kernel log has no oops" sh -c '! dmesg | grep -E "Oops|BUG:|general protection"'
tap_done
