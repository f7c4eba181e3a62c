#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The retry signatures of scripts/vmtest (scripts/vm/flake-signatures):
# each documented emulator bug is recognised, and nothing else is -- above
# all not a triple fault, a refused VMRUN, an oops, a plain hang or a run
# that did not time out.  Prints TAP.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/scripts/vm/flake-signatures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0

# log NAME LINE...: a console log made of the given lines.
log() {
	local f=$tmp/$1
	shift
	printf '%s\n' "$@" >"$f"
	echo "$f"
}

# expect WANT VENDOR LOG STATUS WHAT: WANT is a pattern of the name
# flake_of must print, or "" for none.
expect() {
	local want=$1 vendor=$2 f=$3 status=$4 what=$5 got
	got=$(flake_of "$vendor" "$f" "$status")
	n=$((n + 1))
	if [[ -z "$want" && -z "$got" ]] || [[ -n "$want" && "$got" == *"$want"* ]]; then
		echo "ok $n $what"
	else
		echo "not ok $n $what (flake_of said '${got}')"
		bad=$((bad + 1))
	fi
}

# hex N: a number as the secure world's console prints it.
hex() { printf '0x%016x' $((16#$1)); }

up='vm-run: guest up at 2.51s, 2 CPUs,'
lockup='watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [swapper/1:0]'
int3=(' asm_exc_int3+0x39/0x40' ' poke_int3_handler+0x5/0x140')

f=$(log int3 "$up" 'ok 1 x' "$lockup" 'RIP: 0010:finish_task_switch' "${int3[@]}")
expect "stale INT3" amd "$f" 124 "QEMU's stale INT3: a soft lockup in the INT3 handling, timed out"
expect "" amd "$f" 1 "the same log without a time-out is no flake"
expect "" amd "$f" 0 "nor is a run that passed"

pm='vm-run: post-mortem: QEMU TCG stale INT3: 187001 #BP in 0.5 s at ffffffffafcdcfff, which holds eb 42, not an INT3 (Documentation/testing.rst)'
f=$(log int3-postmortem "$up" 'ok 1 x' "$lockup" 'vm-run: post-mortem: cpu 0 rip=ffffffffafcdcfff rflags=00000282 halted=0' "$pm")
expect "stale INT3" amd "$f" 124 "QEMU's stale INT3 proven by the post-mortem (console without traces), timed out"
expect "" amd "$f" 1 "  ... not without the time-out"
f=$(log int3-storm-only "$up" "$lockup" 'vm-run: post-mortem: 187001 events of vector 0x03 (software) at ffffffffafcdcfff in 0.5 s')
expect "" amd "$f" 124 "a #BP storm where memory still holds the INT3 (no proof) is a failure"

f=$(log lockup-other "$up" "$lockup" 'RIP: 0010:native_queued_spin_lock_slowpath' ' _raw_spin_lock+0x1a/0x20')
expect "" amd "$f" 124 "a soft lockup elsewhere (a spinning lock) is a failure"

f=$(log hang "$up" 'ok 1 x' 'ok 2 y')
expect "" amd "$f" 124 "a silent hang after the guest came up is a failure"
expect "" intel "$f" 124 "also on Intel"

f=$(log tf "$up" "$lockup" "${int3[@]}" \
	'vsm: the host triple-faulted on cpu 0 rip=0xffff80000001146d rsp=0xffff8000000ddfa8')
expect "" amd "$f" 124 "a triple fault is never a flake, whatever else the log shows"

f=$(log vmrun "$up" "$lockup" "${int3[@]}" \
	"vsm: VMRUN refused the host's state after it ran on cpu 1 rip=0x1")
expect "" amd "$f" 124 "a refused VMRUN is never a flake"

f=$(log oops "$up" "$lockup" "${int3[@]}" 'Oops: 0002 [#1] PREEMPT SMP NOPTI')
expect "" amd "$f" 124 "an oops is never a flake"

f=$(log bug "$up" "$lockup" "${int3[@]}" 'BUG: unable to handle page fault for address: ffffffff81000000')
expect "" amd "$f" 124 "a kernel page fault is never a flake"

f=$(log init "$up" "vsm: cpu $(hex 1): 2^20 exits in a row, reason $(hex 3) at guest rip $(hex ffffffff81e0c2a1), info $(hex 0)")
expect "INIT exit storm" intel "$f" 124 "Bochs' INIT storm (reason 3) on Intel"
expect "" amd "$f" 124 "the same storm on AMD is vsm's, not Bochs'"
f=$(log storm "$up" "vsm: cpu $(hex 1): 2^20 exits in a row, reason $(hex 30) at guest rip $(hex ffffffff81e0c2a1), info $(hex 0)")
expect "" intel "$f" 124 "an exit storm for another reason (0x30) is a failure"

f=$(log boot 'Linux version 6.1.0' "$lockup")
expect "hung while booting" amd "$f" 124 "a guest kernel that hung before vm-run's 'guest up'"
expect "" amd "$f" 125 "a boot that ended without a status is no flake"

echo "1..$n"
[[ $bad -eq 0 ]]
