#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# lock=1 locks right after launch (run it in a VM of its own).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "lock at load"
grep -q '^vsm ' /proc/modules && rmmod vsm
check "vsm loads with lock=1" vsm_insmod lock=1
check "state is locked at once" sh -c "vsmctl info | grep -q '^state: *locked$'"
check "rmmod is refused" sh -c '! rmmod vsm 2>/dev/null'
check "the audit log records the lock" sh -c 'vsmctl audit | grep -q " locked "'
tap_done
