#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vsm on machines with many CPUs (AMD, QEMU TCG).  For each CPU count a VM
# boots, vsm loads with its defaults (the secure region sized for the
# CPUs), every CPU answers a ping and shows vsm's CPUID signature, vsmctl
# info says all CPUs are protected and nested SVM is on, kvm_amd loads
# and a KVM guest runs, then KVM and vsm unload.  The secure memory used
# per CPU is printed as a TAP comment.  Each step of the guest half
# (scale_guest.sh) is one test; a VM that ends early fails the steps it
# did not report.
#
# 8, 16 and 32 CPUs take about 2 minutes on 2 host cores; 64 CPUs (about
# 5.5 minutes) only with VSM_VMTEST_LONG=1.  VSM_SCALE_CPUS="N ..."
# overrides the list.
#
# Usage: tests/vm-run/scale_test.sh   (prints TAP; AMD only)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"

cpus=${VSM_SCALE_CPUS:-8 16 32}
[[ -n "${VSM_VMTEST_LONG:-}" && -z "${VSM_SCALE_CPUS:-}" ]] && cpus+=" 64"

# The guest's steps, in order; each must be reported as ok.
steps() {
	local c=$1
	echo "$c CPUs online"
	echo "vsm loads"
	echo "every CPU answers a ping"
	echo "every CPU shows the signature"
	echo "vsmctl info: all $c CPUs protected"
	echo "nested SVM is on"
	echo "kvm_amd loads"
	echo "a KVM guest runs"
	echo "every CPU still answers a ping"
	echo "kvm_amd unloads"
	echo "vsm unloads"
	echo "no CPU shows the signature after unload"
	echo "kernel log has no oops"
}

step_ok() { grep -qF "scale: ok $2 (" "$1"; }

echo "TAP version 13"
for c in $cpus; do
	tap_prefix="$c CPUs: "
	out=$tmp/out-$c
	start=$SECONDS
	# Booting is the slow part: about 0.6 s per CPU, kvm_amd's load up
	# to 3 s per CPU at 64.
	"$ROOT/scripts/vm-run" --smp "$c" --timeout $((120 + c * 12)) \
		--add "$ROOT/tests/vm-run/scale_guest.sh:/root/scale_guest.sh" \
		-- /root/scale_guest.sh "$c" >"$out" 2>&1
	rc=$?
	secs=$((SECONDS - start))
	while read -r s; do
		check "$s" step_ok "$out" "$s"
	done < <(steps "$c")
	check "the guest reports success (vm-run exit $rc, ${secs}s)" [ "$rc" -eq 0 ]
	sed -n 's/^scale: memory /# /p; s/^scale: done in /# guest: test done at uptime /p' "$out"
	echo "# vm-run: ${secs}s"
	if [[ $rc -ne 0 ]]; then
		grep -E '^scale: (FAIL|  )|^vm-run: |Oops|BUG:|panic' "$out" |
			tail -n 30 | sed 's/^/#   /'
	fi
done
echo "1..$n"
[[ $failed -eq 0 ]]
