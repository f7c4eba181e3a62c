#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Secure memory does not survive a reset: with the host locked, dump the
# secure region's RAM from QEMU's monitor while it runs (the secret marker
# the secure world keeps must be there: the control), then reboot; QEMU
# pauses at the reset instead of restarting, and a second dump of the same
# RAM must not contain the marker any more.
#
# Usage: tests/vm-run/reset_wipe_test.sh   (prints TAP; AMD only)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
sock=$tmp/monitor.sock
marker=vsm-secure-world-marker
. "$ROOT/tests/vm-run/lib.sh"

# monitor COMMAND: one human-monitor command, answered before returning.
monitor() {
	python3 - "$sock" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(2)
time.sleep(0.3)
try:
    s.recv(65536)
except socket.timeout:
    pass
s.sendall(sys.argv[2].encode() + b"\n")
time.sleep(1.5)
s.close()
PY
}

wait_for() {
	local pattern=$1 i
	for i in $(seq 1 120); do
		grep -q "$pattern" "$tmp/out" 2>/dev/null && return 0
		sleep 0.5
	done
	return 1
}

echo "TAP version 13"
VSM_QEMU_ARGS="-action reboot=shutdown,shutdown=pause -monitor unix:$sock,server=on,wait=off" \
	"$ROOT/scripts/vm-run" --smp 2 --timeout 120 -- sh -c \
	'insmod /vsm/vsm.ko lock=1 && vsmctl info | grep "^secure region" &&
	 echo READY-FOR-DUMP && sleep 4 && reboot -f' >"$tmp/out" 2>&1 &
run=$!

wait_for "^READY-FOR-DUMP$"
base=$(sed -n 's/^secure region: *[0-9]* KiB at \(0x[0-9a-f]*\)$/\1/p' "$tmp/out")
kib=$(sed -n 's/^secure region: *\([0-9]*\) KiB at .*/\1/p' "$tmp/out")
bytes=$((${kib:-4096} * 1024))
echo "# secure region at ${base:-?}, ${kib:-?} KiB"
monitor "pmemsave $base $bytes \"$tmp/before.bin\""
check "control: the marker is in secure RAM while protected" \
	grep -qa "$marker" "$tmp/before.bin"
check "reboot goes through the secure world's wipe" \
	wait_for 'secure memory wiped, resetting'
sleep 1
monitor "pmemsave $base $bytes \"$tmp/after.bin\""
monitor quit
wait "$run"
check "the region's RAM was read after the reset" \
	[ "$(stat -c %s "$tmp/after.bin" 2>/dev/null)" = "$bytes" ]
check "after the reset the marker is gone" \
	bash -c "! grep -qa '$marker' '$tmp/after.bin'"
echo "1..$n"
[[ $failed -eq 0 ]]
