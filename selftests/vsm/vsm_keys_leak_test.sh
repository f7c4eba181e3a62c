#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# No key material leaks into host memory: import a random key, use it,
# wrap and unwrap it, wipe the caller's copy, and search all RAM the host
# can read for its bytes (vsm_keys_leak does the work; a control search
# while the caller still holds its copy proves the search finds it).  With
# the driver's wipe of its bounce buffer removed, this test fails: the key
# is found at the buffer's payload offset.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "no key material in host memory"
dir=$(dirname "$0")
log_start=$(dmesg | wc -l)
ensure_loaded
region_info
insmod "$dir/vsm_attack.ko" mode=findram region="$base" size=$((kib * 1024))
out=$("$dir/vsm_keys_leak")
rc=$?
rmmod vsm_attack
echo "$out" | sed 's/^/# /'
dmesg | tail -n +$((log_start + 1)) | grep 'findram: pattern at' | sed 's/^/# /'
check "the control search finds the caller's copy" \
	sh -c "echo '$out' | grep -q '^control: [1-9]'"
check "after the caller wipes it, no host RAM holds the key" \
	sh -c "echo '$out' | grep -q '^after: 0$'"
check "the helper agrees" [ $rc -eq 0 ]
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
