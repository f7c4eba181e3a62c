#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Loading and unloading vsm: the device appears and disappears, repeated
# cycles work, a second load is refused, and the kernel log stays clean.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
log_start=$(dmesg | wc -l)
rmmod vsm 2>/dev/null

no_device() { [ ! -e /dev/vsm ]; }
load() { insmod "$VSM_KO" && [ -c /dev/vsm ]; }
unload() { rmmod vsm && no_device; }

check "load creates /dev/vsm" load
check "module is listed" grep -q '^vsm ' /proc/modules
check "second load is refused" sh -c "! insmod '$VSM_KO' 2>/dev/null"
check "unload removes /dev/vsm" unload

cycles() {
	i=0
	while [ $i -lt 20 ]; do
		load && unload || return 1
		i=$((i + 1))
	done
}
check "20 load/unload cycles" cycles
check "load logs vendor and ABI version" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: loaded, ABI version 1'"
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
insmod "$VSM_KO"
tap_done
