#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Without vsm: does a #VMEXIT on the first CPU really turn nested paging
# off while the other CPUs restore x87 state?  vsm_svm_hflags_race.ko runs
# a CPUID-looping guest on the first CPU whose nested table maps one 2 MiB
# block A to another block B, and reads A after every exit; the other CPUs
# loop on FNSTENV/FLDENV (see the module).  A CPU never reads B there.
# QEMU 7.2's multi-threaded TCG does, thousands of times in 40 s on 4
# vCPUs: cpu_clear_ignne() rewrites the first CPU's hflags2 from other
# threads without a lock and can put "nested paging on" back under the
# host (Documentation/testing.rst, "Known emulator bugs"); it was the
# cause of vsm's 4-CPU triple fault.  scripts/vm/qemu-amd runs a copy of
# QEMU whose cpu_clear_ignne() does nothing (scripts/vm/qemu-patched), and
# this test, which scripts/vmtest runs in a 4-CPU VM, checks that the
# workaround holds; with VSM_QEMU_UNPATCHED=1 (QEMU as packaged) it shows
# the bug (reported, not failed).
# Also a control without the FPU loops (fpu=0).  Needs SVM with no user.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
secs=${VSM_PROBE_SECS:-12}
if [ "$VSM_VENDOR" != amd ] || grep -qE '^(vsm|kvm_amd) ' /proc/modules ||
   [ "$(nproc)" -lt 2 ]; then
	tap_skip "a #VMEXIT turns nested paging off" \
		"needs 2 or more AMD CPUs with SVM unused (no vsm, no kvm_amd)"
	tap_done
	exit 0
fi
ko="$(dirname "$0")/vsm_svm_hflags_race.ko"
log_start=$(dmesg | wc -l)
# run ARGS: load the module, print its result line, set $hits.
run() {
	insmod "$ko" secs="$secs" "$@"
	rc=$?
	rmmod vsm_svm_hflags_race 2>/dev/null
	line=$(dmesg | tail -n +$((log_start + 1)) | grep 'vsm_svm_hflags_race: exits=' | tail -n 1)
	echo "# $* ${line#*: }"
	hits=$(echo "$line" | sed -n 's/.* npt_on=\([0-9]*\) .*/\1/p')
}
run fpu=0
check "control: with the other CPUs idle, every exit turned nested paging off" \
	[ "$rc" -eq 0 ] && [ "${hits:-1}" -eq 0 ]
run fpu=1
if [ -n "$VSM_QEMU_UNPATCHED" ] && [ "$VSM_QEMU_TCG_THREAD" = multi ] &&
   [ "${hits:-0}" -gt 0 ]; then
	echo "# QEMU as packaged, one thread per vCPU, left nested paging on after $hits exits: the emulator bug"
	tap_ok "with x87 restores on the other CPUs, every exit turned nested paging off # SKIP known QEMU TCG bug (unpatched)"
else
	check "with x87 restores on the other CPUs, every exit turned nested paging off" \
		[ "$rc" -eq 0 ] && [ "${hits:-1}" -eq 0 ]
fi
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
