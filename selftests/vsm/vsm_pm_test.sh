#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Suspend and hibernation would silently drop protection: while protected
# they are refused with a message, and the host stays protected.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "suspend and hibernation refused"
log_start=$(dmesg | wc -l)
ensure_loaded
states=$(cat /sys/power/state)
echo "# /sys/power/state offers: $states"

for s in freeze mem disk; do
	case " $states " in
	*" $s "*)
		check "suspend to '$s' is refused" sh -c "! echo $s >/sys/power/state 2>/dev/null"
		;;
	*)
		tap_skip "suspend to '$s' is refused" "not offered by this kernel"
		;;
	esac
done
check "the refusal is explained" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: suspend and hibernation are refused'"
check "the refusals are in the audit log (host-reported)" sh -c \
	"vsmctl audit | grep -q ' refused  *0x3 '"
check "every CPU still protected" "$(dirname "$0")/vsm_cpuid" present
check "every CPU still answers" sh -c 'vsmctl ping >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
