#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest half of tests/vm-run/scale_test.sh: on a VM with N CPUs, load vsm
# with its defaults, check every CPU, run a KVM guest, unload.  Prints one
# "scale: ok|FAIL STEP (Ts)" line per step, the secure memory the region
# takes ("scale: memory ..."), and exits non-zero if any step failed.
#
# Usage (in the guest): scale_guest.sh N
n=${1:?usage: scale_guest.sh N}
failed=0
up() { cut -d. -f1 /proc/uptime; }

# step NAME COMMAND...: run one step, show its output if it fails.
step() {
	name=$1
	shift
	t=$(up)
	if "$@" >/tmp/step.out 2>&1; then
		echo "scale: ok $name ($(($(up) - t))s)"
	else
		echo "scale: FAIL $name ($(($(up) - t))s)"
		tail -n 20 /tmp/step.out | sed 's/^/scale:   /'
		failed=1
	fi
}

info_field() { vsmctl info | sed -n "s/^$1: *//p"; }

echo "scale: booted to the test in $(up)s"
step "$n CPUs online" [ "$(grep -c '^processor' /proc/cpuinfo)" -eq "$n" ]
step "vsm loads" insmod /vsm/vsm.ko
step "every CPU answers a ping" vsmctl ping
step "every CPU shows the signature" /vsm/selftests/vsm_cpuid present
step "vsmctl info: all $n CPUs protected" [ "$(info_field 'protected cpus')" = "$n" ]
step "nested SVM is on" sh -c 'vsmctl info | grep -q "^nested svm: *on"'
region=$(info_field 'secure region')
percpu=$(info_field 'secure per cpu')
echo "scale: memory cpus=$n region=${region%% at *} per_cpu=$percpu"
step "kvm_amd loads" modprobe kvm_amd
/vsm/selftests/vsm_kvm_guest --hold >/dev/null 2>&1 &
holder=$!
step "a KVM guest runs" /vsm/selftests/vsm_kvm_guest 1000
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
step "every CPU still answers a ping" vsmctl ping
step "kvm_amd unloads" modprobe -r kvm_amd
step "vsm unloads" rmmod vsm
step "no CPU shows the signature after unload" /vsm/selftests/vsm_cpuid absent
step "kernel log has no oops" sh -c '! dmesg | grep -E "Oops|BUG:|general protection|soft lockup"'
echo "scale: done in $(up)s"
exit "$failed"
