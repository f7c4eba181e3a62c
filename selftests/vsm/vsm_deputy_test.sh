#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The secure world as a confused deputy (in a VM of its own: it locks).
# After the lock a hostile module names a page of the kernel text, a page
# of read-only data and the secure region as hypercall output buffers
# (statistics, audit records, a key-store request written in place, also
# one across either edge of the read-only data, the policy read back),
# and the region, also one word into it from either side, as input
# buffers: each is refused with -EFAULT and audited, the pages are
# unchanged, the same calls with ordinary buffers still work, and the
# host lives.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "the ownership table"
dir=$(dirname "$0")
log_start=$(dmesg | wc -l)
ensure_loaded
region_info
refusals() { vsmctl audit | grep -c "hypercall buffer not the host's to use"; }

sym() { awk -v s="$1" '$3 == s { print "0x" $1; exit }' /proc/kallsyms; }
ro_args="rodata=$(sym __start_rodata) erodata=$(sym __end_rodata)"

# Audit mode: the policy is there to be read back, and refuses nothing.
check "an audit-mode policy loads" sh -c \
	"vsmctl policy scan --mode audit -o /tmp/deputy-policy.bin $dir/vsm_text_attack.ko >/dev/null && vsmctl policy load /tmp/deputy-policy.bin >/dev/null"
check "lock" vsmctl lock --yes
before=$(refusals)
check "locked: hypercall output into kernel text, rodata, module code or the region is refused" \
	insmod "$dir/vsm_text_attack.ko" mode=deputy region="$base" region_size=$((kib * 1024)) $ro_args
dmesg | tail -n +$((log_start + 1)) | grep 'vsm_text_attack:' | sed 's/^/# /'
rmmod vsm_text_attack 2>/dev/null
after=$(refusals)
echo "# refused hypercall buffers audited: $before before, $after after"
check "  ... each refusal is audited (16 records)" [ $((after - before)) -eq 16 ]
text_pa=$(dmesg | sed -n 's/.*deputy: stats into kernel text at \(0x[0-9a-f]*\):.*/\1/p' | tail -n 1)
check "  ... with the address asked for ($text_pa)" sh -c \
	"vsmctl audit | grep \"hypercall buffer not the host's to use\" | grep -q ' $text_pa '"
check "  ... and the chain still verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "every CPU is still protected" "$dir/vsm_cpuid" present
check "every CPU still answers" sh -c 'vsmctl ping >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
