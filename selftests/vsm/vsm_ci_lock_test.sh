#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Code-integrity policy after the lock (in a VM of its own: it locks).
# The enforce policy (ci/enforce.bin, serial 1) enrols a policy key; once
# locked, a new policy loads only if that key signed it and its serial is
# higher: an unsigned policy, a replay of serial 1 and a policy signed by
# a module-signing key are refused and audited; the signed serial-2 audit
# policy is taken, and in audit mode a write into the write-protected
# kernel image is carried out and audited rather than refused.  Root
# disarming the driver's hook shows up twice: as a text patch, and as a
# module whose text the exec scan reports.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "code-integrity policy under the lock"
ci=$(dirname "$0")/ci
log_start=$(dmesg | wc -l)
ensure_loaded

show() { vsmctl policy show | head -n 3 | tr '\n' ' '; }

check "before the lock, the enforce policy loads" vsmctl policy load "$ci/enforce.bin"
check "lock" vsmctl lock --yes
check "locked: the unsigned copy is refused" \
	sh -c "! insmod $ci/unsigned/vsm_ci_sample.ko 2>/dev/null"
for p in unsigned-update replay wrong-key; do
	check "locked: policy $p is refused (EPERM)" \
		sh -c "vsmctl policy load $ci/$p.bin 2>&1 | grep -q 'Operation not permitted'"
done
check "locked: the policy in force is unchanged" [ "$(show)" = "mode enforce serial 1 signed no " ]
check "the refusals are audited with -EPERM" \
	[ "$(vsmctl audit | grep -c ' refused  *0x6 0xffffffffffffffff ')" -eq 3 ]
check "the kernel log says why and how to fix it" \
	sh -c "dmesg | grep -q 'not signed by a policy key of the policy in force'"
check "locked: the update signed by the policy key, serial 2, loads" \
	vsmctl policy load "$ci/update.bin"
check "it is in force: audit mode, serial 2, signed" \
	[ "$(show)" = "mode audit serial 2 signed yes " ]
check "now the unsigned copy loads (audit mode) ..." \
	sh -c "insmod $ci/unsigned/vsm_ci_sample.ko && rmmod vsm_ci_sample"
check "  ... and is audited as one enforce would refuse" \
	sh -c "vsmctl audit | grep ' module ' | tail -n 1 | grep -q ' module  *0x3 0x1 '"
check "audit mode: a write to kernel read-only data is carried out ..." \
	sh -c "! insmod $(dirname "$0")/vsm_text_attack.ko mode=rodata 2>/dev/null"
# (busybox insmod tries init_module() after finit_module() fails: the
# module may run twice, each time writing and undoing.)
check "  ... and audited as a text patch (the write and the undo)" \
	[ "$(vsmctl audit | grep -c ' text_patch ')" -ge 2 ]
check "  ... all at one address" \
	[ "$(vsmctl audit | grep ' text_patch ' | awk '{ print $7 }' | sort -u | wc -l)" -eq 1 ]
# Root unhooks the check by disarming every kprobe: that rewrites kernel
# text (ftrace), so it is a text patch on the record, and a module loaded
# unchecked has no approval: the exec scan reports its text.
mount -t debugfs none /sys/kernel/debug 2>/dev/null
patches=$(vsmctl audit | grep -c ' text_patch ')
modules=$(vsmctl audit | grep -c ' module ')
check "root disarms all kprobes (the driver's hook with them) ..." \
	sh -c 'echo 0 >/sys/kernel/debug/kprobes/enabled'
check "  ... which is audited as a kernel text patch" \
	[ "$(vsmctl audit | grep -c ' text_patch ')" -gt "$patches" ]
check "a module now loads unchecked ..." insmod "$ci/unsigned/vsm_ci_sample.ko"
check "  ... with no module record" [ "$(vsmctl audit | grep -c ' module ')" -eq "$modules" ]
sleep 1
check "  ... and the exec scan reports its text" sh -c '! vsmctl exec-scan >/dev/null'
rmmod vsm_ci_sample
echo 1 >/sys/kernel/debug/kprobes/enabled
check "both policies in force are audited" [ "$(vsmctl audit | grep -c ' ci_policy ')" -eq 2 ]
check "the same update again is a replay: refused" \
	sh -c "! vsmctl policy load $ci/update.bin 2>/dev/null"
check "the audit chain verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
