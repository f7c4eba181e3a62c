#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the demo VM: take the host under protection, show what that
# means, and release it.
say() { printf '\n==> %s\n' "$*"; }
run() { echo "# $*"; "$@"; }

say "The machine: an emulated AMD EPYC with SVM and nested paging"
grep -m1 '^model name' /proc/cpuinfo
echo "CPUs: $(nproc), RAM: $(sed -n 's/MemTotal: *//p' /proc/meminfo)"
run /vsm/selftests/vsm_cpuid

say "Load vsm: it slides a hypervisor under the running kernel"
run insmod "$VSM_KO"
dmesg | grep 'vsm:' | grep -v taint | sed 's/^\[[ 0-9.]*\] //'
run sh -c 'vsmctl info | head -10'
run /vsm/selftests/vsm_cpuid

say "Every CPU answers a hypercall"
run vsmctl ping

say "Per-CPU exits and nested paging coverage"
run vsmctl stats

modprobe msr 2>/dev/null
say "The host's hot paths cost no exits (counted, not timed)"
echo "# the selftests: 1,000,000 getpid(), 10,000 forks, 262,144 page faults,"
echo "# 20,000 context switches; exits counted by class across all CPUs"
/vsm/selftests/vsm_hv_test 2>&1 |
	sed -n 's/^# vsm_hv_test.c:[0-9]*:hot_paths_cause_no_exits:/  /p; s/^\(\(not \)\{0,1\}ok [0-9]* hv\..*\)/  \1/p'

say "KVM cannot load under vsm yet: SVM looks disabled to the host"
run modprobe kvm_amd
dmesg | grep -m1 "kvm_amd' disabled" | sed 's/^\[[ 0-9.]*\] //'

say "Root cannot take a CPU away from the hypervisor"
if [ -e /sys/devices/system/cpu/cpu1/online ]; then
	run sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
	dmesg | grep -m1 'cannot go offline' | sed 's/^\[[ 0-9.]*\] //'
fi

say "Unload: every CPU leaves the hypervisor, the secure region is wiped"
run rmmod vsm
dmesg | grep 'vsm:' | tail -n 2 | sed 's/^\[[ 0-9.]*\] //'
run /vsm/selftests/vsm_cpuid

say "Load again; root attacks the secure region through the kernel's direct map"
run insmod "$VSM_KO"
base=$(vsmctl info | sed -n 's/^secure region: *[0-9]* KiB at \(0x[0-9a-f]*\)$/\1/p')
run insmod /vsm/selftests/vsm_attack.ko mode=touch region="$base" size=$((4096 * 1024))
dmesg | grep 'vsm_attack:' | tail -n 1 | sed 's/^\[[ 0-9.]*\] //'
rmmod vsm_attack
echo "(every read returned the decoy page; the secure world is untouched)"
run sh -c 'vsmctl audit | grep protected_access | tail -n 2'

say "A VMM keeps its disk key in the secure world"
printf 'secret of the VMM for vm 42\n' >/tmp/vm42.secret
run vsmctl domain create --secret-file /tmp/vm42.secret --max-keys 8
dom=$(vsmctl audit | sed -n 's/.*key_op *domain \([0-9]*\) key 0 domain_create ok.*/\1/p' | tail -n 1)
k() { vsmctl key "$@" --domain "$dom" --secret-file /tmp/vm42.secret; }
run k create --type aes256-gcm --usage encrypt,decrypt --exportable --label vm42-disk
key=$(k list | sed -n 's/^key \([0-9]*\) .*vm42-disk$/\1/p')
echo "disk sector 0 of vm 42" >/tmp/sector
run k seal --key "$key" --in /tmp/sector --out /tmp/sealed
run sh -c "od -A d -t x1 /tmp/sealed | head -n 2"
run k open --key "$key" --in /tmp/sealed
echo "(the key never leaves the secure world; a flipped bit is refused:)"
printf x | dd of=/tmp/sealed bs=1 seek=40 conv=notrunc 2>/dev/null
run k open --key "$key" --in /tmp/sealed
run k wrap --key "$key" --out /tmp/vm42-disk.blob
run k delete --key "$key"
run k unwrap --in /tmp/vm42-disk.blob
run k list
run sh -c "vsmctl audit | grep -E 'key_op .* (create|seal|open|wrap|delete|unwrap) ' | tail -n 7"

say "Code integrity: the secure world decides which modules may load"
ci=/vsm/selftests/ci
run vsmctl policy show "$ci/enforce.bin"
run vsmctl policy load "$ci/enforce.bin"
run insmod "$ci/unsigned/vsm_ci_sample.ko"
dmesg | grep -m1 'code-integrity policy does not allow' | sed 's/^\[[ 0-9.]*\] //'
run insmod "$ci/tampered/vsm_ci_sample.ko"
echo "(signed by the listed key, then one byte changed: refused too)"
run insmod "$ci/a/vsm_ci_sample.ko"
rmmod vsm_ci_sample
run sh -c "vsmctl audit | grep ' module ' | tail -n 3"
echo "(0x4 refused, 0x2 allowed by signer; the last field is the SHA-256 prefix)"
echo "# back to an audit-mode policy, so the attack module below may load:"
run vsmctl policy load "$ci/audit.bin"

say "Lock: from now on nothing can remove the hypervisor until reboot"
run vsmctl lock --yes
run rmmod vsm
run insmod /vsm/selftests/vsm_attack.ko
dmesg | grep 'vsm_attack:' | tail -n 1 | sed 's/^\[[ 0-9.]*\] //'
run sh -c 'vsmctl audit | tail -n 3'

say "Locked CPU state: root overwrites the system-call entry point (LSTAR)"
run /vsm/selftests/vsm_msr 0 0xc0000082
run /vsm/selftests/vsm_msr 0 0xc0000082 0xffffffff81000000
run /vsm/selftests/vsm_msr 0 0xc0000082
echo "(the write was ignored: system calls still work, and it is audited)"
run sh -c 'vsmctl audit | grep "refused  *0x5" | tail -n 1'

say "Locked CPU state: a kernel module turns off SMEP and SMAP, and WP"
run insmod /vsm/selftests/vsm_pin_attack.ko mode=cr4
dmesg | grep 'vsm_pin_attack:' | tail -n 2 | sed 's/^\[[ 0-9.]*\] //'
rmmod vsm_pin_attack
run insmod /vsm/selftests/vsm_pin_attack.ko mode=cr0
rmmod vsm_pin_attack
run sh -c 'vsmctl audit | grep "refused  *0x5 0x10000000" | tail -n 2'

say "Locked policy: an unsigned policy is refused; a signed update is taken"
run vsmctl policy load "$ci/enforce.bin"
run vsmctl policy load "$ci/update.bin"

run sh -c 'vsmctl audit --verify | tail -n 1'
