#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The one-way lock (run it in a VM of its own: it cannot be undone).
# vsmctl asks for confirmation; once locked, the module cannot be unloaded,
# CPUs cannot go offline, and a hostile module that asks the secure world
# directly to leave the hypervisor is refused on every CPU, with audit
# records, and the chain still verifies.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "the lock"
dir=$(dirname "$0")
log_start=$(dmesg | wc -l)
ensure_loaded
state_is() { vsmctl info | grep -q "^state: *$1\$"; }

echo no | vsmctl lock >/dev/null 2>&1
check "a wrong answer does not lock" [ $? -eq 1 ]
vsmctl lock </dev/null >/dev/null 2>&1
check "no answer does not lock" [ $? -eq 1 ]
check "still only protected" state_is protected

check "typing 'lock' locks" sh -c 'echo lock | vsmctl lock >/dev/null'
check "state is locked" state_is locked
check "locking again is harmless" vsmctl lock --yes
check "the kernel log says what the lock means" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: locked: the module cannot be unloaded'"

check "rmmod is refused" sh -c '! rmmod vsm 2>/dev/null'
check "the module is still loaded" grep -q '^vsm ' /proc/modules
check "every CPU is still protected" "$dir/vsm_cpuid" present
offline_refused=1
offline_tried=0
for c in /sys/devices/system/cpu/cpu[1-9]*/online; do
	[ -e "$c" ] || continue
	offline_tried=1
	echo 0 >"$c" 2>/dev/null && { offline_refused=0; echo 1 >"$c"; }
done
if [ "$offline_tried" -eq 1 ]; then
	check "CPU offline is refused" [ "$offline_refused" -eq 1 ]
else
	tap_skip "CPU offline is refused" "one CPU: none can go offline"
fi

# Attack: a kernel module calls the secure world itself on every CPU.
check "a hostile module's devirtualize hypercall is refused on every CPU" \
	insmod "$dir/vsm_attack.ko"
dmesg | tail -n +$((log_start + 1)) | grep 'vsm_attack:' | sed 's/^/# /'
rmmod vsm_attack 2>/dev/null
check "every CPU is still protected after the attack" "$dir/vsm_cpuid" present
check "every CPU still answers" sh -c 'vsmctl ping >/dev/null'

# /dev/mem once more, on a kernel booted with iomem=relaxed when vmtest
# gave it: Debian's STRICT_DEVMEM still refuses RAM, and the region is RAM.
region_info
how=$(grep -o 'iomem=relaxed' /proc/cmdline || echo 'iomem=strict')
mem=$(dd if=/dev/mem bs=4096 skip=$((base / 4096)) count=1 2>/dev/null | od -A n -t x8 -N 8)
echo "# /dev/mem at the region ($how): '${mem:-refused}'"
check "/dev/mem read shows nothing ($how)" sh -c "! echo '$mem' | grep -q 31574d53564d5356"
um=$("$dir/vsm_usermap" /dev/mem "$base" $((kib * 1024)))
rc=$?
echo "$um" | sed 's/^/# /'
check "/dev/mem mmap shows nothing ($how)" [ $rc -eq 0 ]

out=$(mktemp)
vsmctl audit >"$out"
sed 's/^/# /' "$out"
check "the audit log records the lock" grep -q ' locked ' "$out"
check "the audit log records each refusal" \
	[ "$(grep -c ' refused  *0x1 ' "$out")" -ge "$(nproc)" ]
if [ "$offline_tried" -eq 1 ]; then
	check "and the refused CPU offline (host-reported)" grep -q ' refused  *0x4 ' "$out"
else
	tap_skip "and the refused CPU offline (host-reported)" "one CPU: none can go offline"
fi
check "the audit log's hash chain verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
rm -f "$out"
tap_done
