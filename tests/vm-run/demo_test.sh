#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo` tells the truth: the whole demo runs and every step it
# narrates says ok; and a demo whose step does not happen fails there, with
# non-zero status, the step's reason and the VM's kernel log, and runs no
# further step.  The steps are broken the way a user could break them, with
# vsm parameters (VSM_DEMO_PARAMS): protect=0 (vsm loads, but launches no
# hypervisor) and nested=0 (vsm hides SVM, so KVM cannot load).
#
# Usage: tests/vm-run/demo_test.sh   (prints TAP; needs the build)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"

# demo LOG [PARAM...]: run the demo with vsm parameters; sets $rc.
demo() {
	local log=$1
	shift
	VSM_DEMO_NO_BUILD=1 VSM_DEMO_PARAMS="$*" "$ROOT/scripts/demo" >"$log" 2>&1
	rc=$?
}

# The steps' narration lines, "[K/N] text", and their ok (or skipped) lines.
steps_of() { grep -cE '^\[[0-9]+/[0-9]+\] ' "$1"; }
oks_of() { grep -cE '^    (ok(:|$)|skipped: )' "$1"; }
total_of() { sed -n 's|^\[1/\([0-9]*\)\] .*|\1|p' "$1"; }

# stopped_at LOG K: steps 1..K ran, 1..K-1 said ok.
stopped_at() {
	[[ -n "$2" && "$(oks_of "$1")" -eq $(($2 - 1)) && "$(steps_of "$1")" -eq "$2" ]]
}

# all_ok LOG N: N steps ran and all said ok.
all_ok() { [[ -n "$2" && "$(steps_of "$1")" -eq "$2" && "$(oks_of "$1")" -eq "$2" ]]; }

# tail_on_failure LOG: after a failed check, the log's end as TAP comments.
tail_on_failure() {
	[[ $failed -eq $failed_before ]] && return
	echo "# the end of that demo:"
	tail -n 30 "$1" | sed 's/^/#   /'
}

# broken NAME LOG PARAM STEP-TEXT WHY: the demo with PARAM stops at the step
# narrated STEP-TEXT, for the reason WHY, and does nothing after it.
broken() {
	local name=$1 log=$2 param=$3 text=$4 why=$5 at
	failed_before=$failed
	demo "$log" "$param"
	check "$name: the demo fails (status $rc)" [ "$rc" -eq 1 ]
	at=$(sed -n "s|^\[\([0-9]*\)/[0-9]*\] $text.*|\1|p" "$log")
	check "$name: it stops at the step '$text'" \
		grep -qF "demo: step $at of $(total_of "$log") did not happen: $text" "$log"
	check "$name: and says why: $why" grep -qF "    FAILED: $why" "$log"
	check "$name: every step before it said ok, none after it ran" stopped_at "$log" "$at"
	check "$name: the VM's kernel log follows" grep -q "^demo: the VM's last kernel messages:" "$log"
	check "$name: nothing claims success" bash -c "! grep -q 'steps happened' '$log'"
	tail_on_failure "$log"
}

echo "TAP version 13"
failed_before=$failed
demo "$tmp/demo.log"
sed -n 's/^vm-run: done in/# demo: VM done in/p' "$tmp/demo.log"
check "the demo passes" [ "$rc" -eq 0 ]
total=$(total_of "$tmp/demo.log")
check "every one of its ${total:-?} steps said ok" all_ok "$tmp/demo.log" "$total"
check "  ... and no step failed" bash -c "! grep -q FAILED '$tmp/demo.log'"
check "  ... and it says so at the end" grep -qx "demo: all $total steps happened" "$tmp/demo.log"
check "a KVM guest ran on the protected host" grep -q 'guest result 55 (want 55)' "$tmp/demo.log"
tail_on_failure "$tmp/demo.log"

broken "protect=0" "$tmp/protect.log" protect=0 "Load vsm" "not every CPU is protected"
broken "nested=0" "$tmp/nested.log" nested=0 "KVM on the protected host" "kvm_amd did not load under vsm"
check "nested=0: the kernel log shows why KVM did not load" \
	grep -q "kvm_amd' disabled by bios" "$tmp/nested.log"

echo "1..$n"
[[ $failed -eq 0 ]]
