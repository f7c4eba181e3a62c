#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Keep every CPU busy for $VSM_STRESS_SECONDS (default 60) while the host is
# protected: system calls, forks, page faults, pipes and CPU hotplug
# attempts.  Afterwards no oops, no hang, no CPU lost: every CPU still
# answers a hypercall and is still protected.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "stress while protected"
secs=${VSM_STRESS_SECONDS:-60}
log_start=$(dmesg | wc -l)
ensure_loaded

worker() {
	end=$(($(cut -d. -f1 /proc/uptime) + secs))
	while [ "$(cut -d. -f1 /proc/uptime)" -lt "$end" ]; do
		sh -c 'echo $$ >/dev/null'
		dd if=/dev/zero bs=64k count=16 2>/dev/null | md5sum >/dev/null
		cat /proc/interrupts /proc/stat >/dev/null
		ls -R /sys/devices/system/cpu >/dev/null 2>&1
	done
}
i=0
while [ $i -lt "$(nproc)" ]; do
	worker &
	i=$((i + 1))
done
# Root tries to take CPUs away in the middle of it: refused.
offline_refused=1
for c in /sys/devices/system/cpu/cpu[1-9]*/online; do
	[ -e "$c" ] || continue
	if echo 0 >"$c" 2>/dev/null; then
		offline_refused=0
		echo 1 >"$c"
	fi
done
wait
echo "# stressed $(nproc) CPUs for ${secs}s"
check "CPU offline is refused while protected" [ "$offline_refused" -eq 1 ]
check "every CPU still answers" sh -c 'vsmctl ping >/dev/null'
check "every CPU still protected" sh -c \
	"[ \$(vsmctl info | sed -n 's/^protected cpus: *//p') -eq $(nproc) ]"
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
check "offline refusal is explained" sh -c \
	"[ $(nproc) -eq 1 ] || dmesg | tail -n +$((log_start + 1)) | grep -q 'cannot go offline while the host is protected'"
tap_done
