#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Loading and unloading vsm: the device appears and disappears, the state
# is what the vendor allows, 50 load/unload cycles work without leaking
# the secure regions, a second load is refused, and the kernel log stays
# clean.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
log_start=$(dmesg | wc -l)
rmmod vsm 2>/dev/null
want_state=loaded
vsm_protects && want_state=protected

no_device() { [ ! -e /dev/vsm ]; }
load() { vsm_insmod && [ -c /dev/vsm ]; }
unload() { rmmod vsm && no_device; }
state_is() { vsmctl info | grep -q "^state: *$1\$"; }
mem_avail_kb() { sed -n 's/^MemAvailable: *\([0-9]*\).*/\1/p' /proc/meminfo; }

cpuid=$(dirname "$0")/vsm_cpuid
check "load creates /dev/vsm" load
check "state is $want_state" state_is "$want_state"
if [ "$want_state" = protected ]; then
	check "every CPU answers the signature leaf after load" "$cpuid" present
fi
check "module is listed" grep -q '^vsm ' /proc/modules
check "second load is refused" sh -c "! insmod '$VSM_KO' 2>/dev/null"
check "unload removes /dev/vsm" unload
check "no CPU answers the signature leaf after unload" "$cpuid" absent

# Bochs launches slowly: fewer cycles there (still a leak of 4 MiB each
# would show).
ncycles=50
[ "$VSM_VENDOR" = intel ] && ncycles=8
cycles() {
	i=0
	while [ $i -lt $ncycles ]; do
		load && state_is "$want_state" && unload || return 1
		[ "$want_state" = loaded ] || "$cpuid" absent >/dev/null || return 1
		i=$((i + 1))
	done
}
sync
echo 3 >/proc/sys/vm/drop_caches
before=$(mem_avail_kb)
check "$ncycles load/unload cycles" cycles
sync
echo 3 >/proc/sys/vm/drop_caches
after=$(mem_avail_kb)
echo "# MemAvailable before $before kB, after $after kB"
# Free-page counts move by megabytes with per-CPU page lists and slab
# growth; a leaked 4 MiB region per cycle would show as 4 MiB times the
# cycles.  Allowed: half of that, at most 32 MiB.
limit_kb=$((ncycles * 2048))
[ $limit_kb -gt 32768 ] && limit_kb=32768
check "cycles leak less than $((limit_kb / 1024)) MiB (lost regions would be $((ncycles * 4)))" \
	[ $((before - after)) -lt $limit_kb ]
check "load logs the ABI version" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: loaded, ABI version 1'"
if vsm_protects; then
	check "unload logs the hypervisor stopping" sh -c \
		"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: hypervisor stopped on every CPU'"
fi
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
vsm_insmod
tap_done
