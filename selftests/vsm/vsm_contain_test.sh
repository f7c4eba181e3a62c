#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Attack: root loads a kernel module that reads and writes every page of
# the secure region (each write must be dropped: nothing written is read
# back, by the writer or a later reader) (its data, page tables and log) through Linux's direct
# map, memremap(), an uncached vmap() of its pages and ioremap(); maps it
# into a process that reads and writes it and reads it again through
# get_user_pages() (process_vm_readv, /proc/self/mem); and reads it through
# /proc/kcore and /dev/mem (read and mmap); and aims VMSAVE and VMLOAD,
# which take physical addresses, at it.  Nothing of the secure world is
# visible, the host does not crash, the secure world keeps working, and the
# first touch of each page is counted and audited (more pages than the log
# holds: the records-lost marker appears and the chain still verifies).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "containment of host accesses to the secure region"
dir=$(dirname "$0")
log_start=$(dmesg | wc -l)
ensure_loaded
region_info
pages=$((kib / 4))
npf() { vsmctl stats --json | sed 's/"npf":/\n/g' | sed -n 's/^\([0-9]*\).*/\1/p' |
	awk '{ s += $1 } END { print s + 0 }'; }
before=$(npf)
echo "# secure region $base, $pages pages"

check "the host survives reading and writing every secure page" \
	insmod "$dir/vsm_attack.ko" mode=touch region="$base" size=$((kib * 1024))
dmesg | tail -n +$((log_start + 1)) | grep 'vsm_attack:' | sed 's/^/# /'
rmmod vsm_attack 2>/dev/null
check "no read showed the secure world's marker" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'direct map: read and wrote $pages pages: 0 showed'"
log_mark=$(dmesg | wc -l)
check "memremap() shows nothing either" \
	insmod "$dir/vsm_attack.ko" mode=memremap region="$base" size=$((kib * 1024))
rmmod vsm_attack 2>/dev/null
# The first pass wrote a pattern into every page: the decoy dropped it.
check "  ... not even what the first pass wrote: every page reads zero" sh -c \
	"dmesg | tail -n +$((log_mark + 1)) | grep -q 'memremap: read and wrote $pages pages: 0 showed the secure image, $pages read zero, 0 other, 0 writes kept'"
check "stores, atomics, REP strings, memset() and memcpy() into a secure page are dropped" \
	insmod "$dir/vsm_attack.ko" mode=writes region="$base" size=$((kib * 1024))
dmesg | tail -n +$((log_mark + 1)) | grep 'vsm_attack: write forms' | sed 's/^/# /'
rmmod vsm_attack 2>/dev/null
check "an uncached vmap() of its pages shows nothing" \
	insmod "$dir/vsm_attack.ko" mode=vmap region="$base" size=$((kib * 1024))
rmmod vsm_attack 2>/dev/null
um=$(mktemp)
if insmod "$dir/vsm_attack.ko" mode=usermap region="$base" size=$((kib * 1024)); then
	"$dir/vsm_usermap" /dev/vsm_attack "$base" $((kib * 1024)) >"$um" 2>&1
	rc=$?
	rmmod vsm_attack
else
	echo "could not load the usermap attacker" >"$um"
	rc=2
fi
sed 's/^/# /' "$um"
check "a user mapping and get_user_pages() on it show nothing" [ $rc -eq 0 ]
check "the user mapping was really made" grep -q '^user mapping: ' "$um"
"$dir/vsm_usermap" /dev/mem "$base" $((kib * 1024)) >"$um" 2>&1
rc=$?
sed 's/^/# /' "$um"
rm -f "$um"
check "mmap of /dev/mem shows nothing" [ $rc -eq 0 ]
kcore=$(mktemp)
"$dir/vsm_kcore" "$base" $((kib * 1024)) >"$kcore" 2>&1
rc=$?
sed 's/^/# /' "$kcore"
rm -f "$kcore"
check "/proc/kcore shows nothing of it" [ $rc -eq 0 ]
after=$(npf)
echo "# nested page faults: $before before, $after after"
check "each page's first touch was counted" [ $((after - before)) -ge "$pages" ]

mem=$(dd if=/dev/mem bs=4096 skip=$((base / 4096)) count=1 2>/dev/null | od -A n -t x8 -N 8)
echo "# /dev/mem at the region: '${mem:-refused}'"
check "/dev/mem does not show the secure image" \
	sh -c "! echo '$mem' | grep -q 31574d53564d5356"

check "every CPU is still protected" "$dir/vsm_cpuid" present
check "the secure world still answers on every CPU" sh -c 'vsmctl ping >/dev/null'
out=$(mktemp)
vsmctl audit >"$out"
check "accesses are audited with address and RIP" \
	grep -q ' protected_access ' "$out"
check "the last page touched is in the log" \
	grep -q " protected_access *$(printf '%#x' $((base + kib * 1024 - 4096))) " "$out"
check "the ring wrapped with a records_lost marker" grep -q ' records_lost ' "$out"
check "the audit chain still verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
rm -f "$out"

# VMSAVE and VMLOAD take physical addresses: unintercepted, they would
# reach around the nested page tables.
check "VMSAVE, VMLOAD, CLGI, STGI and INVLPGA raise #UD for the host" \
	insmod "$dir/vsm_svm_attack.ko" mode=hidden region="$base"
dmesg | tail -n +$((log_start + 1)) | grep 'vsm_svm_attack:' | head -8 | sed 's/^/# /'
rmmod vsm_svm_attack 2>/dev/null

# Last, because Linux answers it with a one-time warning of its own.
log_start=$(dmesg | wc -l)
check "ioremap() of the region is refused by Linux" \
	insmod "$dir/vsm_attack.ko" mode=ioremap region="$base" size=$((kib * 1024))
rmmod vsm_attack 2>/dev/null
check "the only warning is ioremap's refusal of RAM" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'ioremap on RAM at' &&
	 ! dmesg | tail -n +$((log_start + 1)) | grep -E 'Oops|BUG:|general protection'"
check "the secure world still answers after all attacks" sh -c 'vsmctl ping >/dev/null'
# INIT: VMX blocks it in root operation and vsm drops its exit.  On AMD
# not kept yet, so not pretended: see Documentation/threat-model.rst.
if [ "$VSM_VENDOR" != intel ]; then
	tap_skip "an INIT IPI to another CPU leaves it protected" \
		"needs VM_CR.R_INIT to intercept INIT, which QEMU TCG lacks; kexec_wipe_test.sh shows the gap"
elif [ "$(nproc)" -lt 2 ]; then
	tap_skip "an INIT IPI to another CPU leaves it protected" "one CPU"
elif [ "$VSM_EMULATOR" = bochs ]; then
	# Bochs 2.7 leaves the INIT pending after the VM exit it causes, so
	# the CPU takes it again at every VM entry (Documentation/testing.rst).
	tap_skip "an INIT IPI to another CPU leaves it protected" \
		"Bochs 2.7 never consumes an INIT that caused a VM exit: the CPU would exit for ever"
else
	check "an INIT IPI to cpu 1 leaves it running Linux" \
		insmod "$dir/vsm_attack.ko" mode=init target=1
	dmesg | tail -n 3 | grep 'vsm_attack:' | sed 's/^/# /'
	rmmod vsm_attack 2>/dev/null
	check "  ... and protected: every CPU answers the signature leaf" "$dir/vsm_cpuid" present
	check "  ... and the secure world answers on every CPU" sh -c 'vsmctl ping >/dev/null'
fi
tap_done
