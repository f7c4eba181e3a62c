#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of scripts/vm-run: exit statuses pass through, a hanging
# command is killed at --timeout with 124 and no emulator is left behind,
# --add'ed files arrive, --smp and --mem take effect, usage errors exit 2;
# and the resets the hypervisor sees (the reset ports of a locked host, a
# triple fault) wipe secure memory first.
#
# Usage: tests/vm-run/vm_run_test.sh [amd|intel]   (prints TAP)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VM_RUN=$ROOT/scripts/vm-run
vendor=${1:-amd}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tap_prefix="$vendor: "
. "$ROOT/tests/vm-run/lib.sh"

run() { "$VM_RUN" --vendor "$vendor" "$@" >"$tmp/out" 2>&1; }

# Attack: the host makes a CPU triple-fault (an empty IDT, then INT3), the
# way a crashing or hostile kernel resets the machine with secrets in RAM.
triple_fault_checks() {
	run --smp 1 -- sh -c 'insmod /vsm/vsm.ko && insmod /vsm/selftests/vsm_attack.ko mode=triple'
	check "a host triple fault is caught by the hypervisor" \
		grep -q '^vsm: the host triple-faulted on cpu ' "$tmp/out"
	check "  ... which wipes secure memory before the reset" \
		grep -q '^vsm: host triple fault: secure memory wiped, resetting' "$tmp/out"
}

echo "TAP version 13"
if [[ "$vendor" == amd ]]; then
	run -- sh -c 'exit 7'
	check "exit status 7 passes through" [ $? -eq 7 ]
	run -- true
	check "exit status 0 passes through" [ $? -eq 0 ]

	# A name of its own, so that other VMs on the machine do not count.
	name=vm-run-test-$$-$RANDOM
	start=$SECONDS
	VSM_QEMU_ARGS="-name $name" run --timeout 15 -- sh -c 'sleep 1000'
	rc=$?
	check "a hanging command is killed with 124" [ $rc -eq 124 ]
	check "the timeout is honoured" [ $((SECONDS - start)) -lt 40 ]
	check "no emulator is left running" bash -c "! pgrep -f -- '[-]name $name' >/dev/null"

	echo "payload $RANDOM" >"$tmp/payload.txt"
	mkdir -p "$tmp/dir" && echo inner >"$tmp/dir/inner.txt"
	run --add "$tmp/payload.txt" --add "$tmp/payload.txt:/opt/x/p.txt" \
	    --add "$tmp/dir:/opt/d" -- \
	    sh -c 'cat /root/payload.txt /opt/x/p.txt /opt/d/inner.txt'
	check "--add files are in the VM" \
		[ "$(grep -c "^$(cat "$tmp/payload.txt")\$" "$tmp/out")" -eq 2 ]
	check "--add directories are in the VM" grep -q '^inner$' "$tmp/out"

	run --smp 4 --mem 512M -- sh -c 'echo "cpus=$(nproc)";
		echo "memkb=$(sed -n "s/MemTotal: *\([0-9]*\).*/\1/p" /proc/meminfo)"'
	check "--smp 4 gives 4 CPUs" grep -q '^cpus=4$' "$tmp/out"
	memkb=$(sed -n 's/^memkb=//p' "$tmp/out")
	check "--mem 512M gives about 512 MiB" \
		[ "${memkb:-0}" -gt 400000 -a "${memkb:-0}" -le 524288 ]

	run -- sh -c 'echo "$VSM_VENDOR $VSM_KO"; test -x /usr/bin/vsmctl &&
		test -f /vsm/vsm.ko && test -x /vsm/selftests/run_tests.sh'
	check "vsm, vsmctl and selftests are in the VM" \
		grep -q '^amd /vsm/vsm.ko$' "$tmp/out"
	run -- sh -c 'echo "$0|$1|$HOME"' "it's \"q\"" '$x y'
	check "command words arrive exactly as given" \
		grep -qxF "it's \"q\"|\$x y|/root" "$tmp/out"

	# Reboot (and kexec, which takes the same path) while protected.
	run -- sh -c 'insmod /vsm/vsm.ko && dmesg -n 7 && reboot -f'
	check "reboot while protected leaves the hypervisor first" \
		grep -q 'vsm: reboot: leaving the hypervisor and wiping the secure region' "$tmp/out"
	check "the machine then restarts normally" grep -q 'reboot: Restarting system' "$tmp/out"
	check "nothing crashed on the way" \
		bash -c "! grep -qE 'Kernel panic|Oops|BUG:|general protection' '$tmp/out'"

	# Locked: the hypervisor stays and wipes secure memory on the way out.
	run -- sh -c 'insmod /vsm/vsm.ko lock=1 && reboot -f'
	check "reboot while locked goes through the hypervisor's wipe" \
		grep -q '^vsm: reset through the keyboard controller: secure memory wiped' "$tmp/out"
	run --smp 1 --append reboot=pci -- sh -c 'insmod /vsm/vsm.ko lock=1 && reboot -f'
	check "a reset through port 0xcf9 wipes secure memory first" \
		grep -q '^vsm: reset through port 0xcf9: secure memory wiped' "$tmp/out"
	triple_fault_checks

	"$VM_RUN" --smp 65 -- true >/dev/null 2>&1
	check "--smp 65 is a usage error" [ $? -eq 2 ]
	"$VM_RUN" --smp 0 -- true >/dev/null 2>&1
	check "--smp 0 is a usage error" [ $? -eq 2 ]
	"$VM_RUN" --vendor intel --smp 5 -- true >/dev/null 2>&1
	check "--smp 5 is a usage error for intel" [ $? -eq 2 ]
	"$VM_RUN" --vendor arm -- true >/dev/null 2>&1
	check "unknown vendor is a usage error" [ $? -eq 2 ]
	"$VM_RUN" >/dev/null 2>&1
	check "missing command is a usage error" [ $? -eq 2 ]
	"$VM_RUN" --model tigerlake -- true >/dev/null 2>&1
	check "--model without --vendor intel is a usage error" [ $? -eq 2 ]
	"$VM_RUN" --vendor intel --model pentium -- true >/dev/null 2>&1
	check "an unknown --model is a usage error" [ $? -eq 2 ]
else
	echo marker-intel >"$tmp/m.txt"
	# Sixty screenfuls on the VGA console, a fifth of a second apart
	# (some 100 s): 24 KB of redraws for Bochs' term display, more than
	# its unread pty held before Bochs stopped for good (some 17 KB);
	# bochs-intel must read it.
	run --timeout 900 --smp 2 --add "$tmp/m.txt" -- \
		sh -c 'cat /root/m.txt; echo "cpus=$(nproc)"
		       r=0; while [ $r -lt 60 ]; do
			   l=0; while [ $l -lt 25 ]; do
			       printf "%02d/%02d %072d\n" $r $l $((r * 100 + l))
			       l=$((l + 1))
			   done >/dev/tty1; sleep 0.2; r=$((r + 1))
		       done && echo vga-done; exit 3'
	rc=$?
	check "exit status 3 passes through" [ $rc -eq 3 ]
	check "Bochs keeps running through screenfuls of VGA text" \
		grep -q '^vga-done$' "$tmp/out"
	check "--add files are in the VM" grep -q '^marker-intel$' "$tmp/out"
	check "--smp 2 gives 2 CPUs" grep -q '^cpus=2$' "$tmp/out"
	check "no emulator is left running" bash -c '! pgrep -x bochs >/dev/null'

	# Locked: the reset ports exit through the I/O bitmaps and wipe first.
	run -- sh -c 'insmod /vsm/vsm.ko lock=1 && reboot -f'
	check "reboot while locked goes through the hypervisor's wipe" \
		grep -q '^vsm: reset through the keyboard controller: secure memory wiped' "$tmp/out"
	triple_fault_checks
fi
echo "1..$n"
[[ $failed -eq 0 ]]
