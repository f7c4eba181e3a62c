#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the demo VM (as /vsm/selftests/demo.sh, next to the selftests
# and their lib.sh): take the host under protection, show what that means,
# release it, take it again and lock it.  Every step says what it shows,
# shows the evidence and checks it: "ok", or "FAILED: why", the kernel's
# last messages and exit status 1 at the first step that did not happen.
#
# Usage: demo.sh [VSM_PARAM...]   (parameters for every load of vsm; the
# demo's own test breaks steps with them, e.g. nested=0 or protect=0)
. "$(dirname "$0")/lib.sh"

sel=$(dirname "$0")
params="$*"
# Two steps have an Intel twin: count each pair once.
steps=$(($(grep -c '^[[:space:]]*step "' "$0") - 2))
n=0

# step TEXT: the next step's one line of narration.
step() {
	n=$((n + 1))
	what=$1
	printf '\n[%d/%d] %s\n' "$n" "$steps" "$what"
}

# Evidence, indented under the narration.
show() { sed 's/^/      /'; }
ok() { echo "    ok${1:+: $1}"; }
skipped() { echo "    skipped: $1"; }

# fail WHY: the step did not happen; stop the demo.
fail() {
	echo "    FAILED: $*"
	echo
	echo "demo: step $n of $steps did not happen: $what"
	echo "demo: the VM's last kernel messages:"
	dmesg | tail -n 20 | show
	exit 1
}

# must WHY COMMAND...: run COMMAND, show its output; fail with WHY unless it succeeds.
must() {
	_why=$1
	shift
	_out=$("$@" 2>&1)
	_rc=$?
	[ -z "$_out" ] || printf '%s\n' "$_out" | show
	[ $_rc -eq 0 ] || fail "$_why (exit status $_rc)"
}

# refused WHY COMMAND...: COMMAND must fail (an attack, a forbidden step).
refused() {
	_why=$1
	shift
	_out=$("$@" 2>&1)
	_rc=$?
	[ -z "$_out" ] || printf '%s\n' "$_out" | show
	[ $_rc -ne 0 ] || fail "$_why"
}

# Kernel messages since the step began, matching a pattern, without timestamps.
klog_mark() { klog_start=$(dmesg | wc -l); }
klog() { dmesg | tail -n +$((klog_start + 1)) | sed 's/^\[[ 0-9.]*\] //' | grep -E "$1"; }

# verify_audit: vsmctl audit --verify succeeds and says so; shows its verdict.
verify_audit() {
	_v=$(vsmctl audit --verify 2>&1)
	_rc=$?
	printf '%s\n' "$_v" | tail -n 1 | show
	[ $_rc -eq 0 ] && printf '%s\n' "$_v" | tail -n 1 | grep -q 'hash chain verified'
}

# field NAME: a line "NAME: value" of vsmctl info.
field() { vsmctl info | sed -n "s/^$1: *//p"; }

cpus=$(nproc)
all_protected() {
	[ "$(field state)" = protected ] || [ "$(field state)" = locked ] || return 1
	[ "$(field 'protected cpus')" = "$cpus" ] && "$sel/vsm_cpuid" present >/dev/null
}

# load_vsm: insmod with the demo's parameters, then every CPU protected.
load_vsm() {
	klog_mark
	# shellcheck disable=SC2086
	must "insmod vsm.ko failed" insmod "$VSM_KO" $params
	klog 'vsm: .*(hypervisor running|protect=N|loaded)' | show
	vsmctl info | grep -E '^(state|protected cpus|secure region):' | show
	"$sel/vsm_cpuid" | show
	all_protected || fail "not every CPU is protected (vsmctl info: state $(field state), $(field 'protected cpus') of $cpus CPUs protected)"
}

modprobe msr 2>/dev/null

step "The machine: an emulated CPU with hardware virtualization, no hypervisor under the kernel yet"
grep -m1 '^model name' /proc/cpuinfo | show
echo "CPUs: $cpus, RAM: $(sed -n 's/MemTotal: *//p' /proc/meminfo)" | show
must "a CPU already answers vsm's signature" "$sel/vsm_cpuid" absent
ok

step "Load vsm: it slides a hypervisor under the running kernel, on every CPU"
load_vsm
ok "$cpus of $cpus CPUs protected, each answers vsm's signature leaf"

step "Every CPU answers a hypercall to the secure world"
must "vsmctl ping failed" vsmctl ping
[ "$(vsmctl ping | grep -c ': ok$')" -eq "$cpus" ] || fail "not all $cpus CPUs answered"
ok

step "Root cannot take a CPU away from the hypervisor"
if [ -e /sys/devices/system/cpu/cpu1/online ]; then
	klog_mark
	refused "CPU 1 went offline (it would have left the hypervisor)" \
		sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
	klog 'cannot go offline' | show
	[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] || fail "CPU 1 is offline"
	all_protected || fail "a CPU left the hypervisor"
	ok "CPU 1 stays online and protected"
else
	skipped "one CPU only"
fi

step "Root reads and writes all of the secure region through the kernel's direct map: it gets a decoy, and it is audited"
region_info || fail "vsmctl info shows no secure region"
pages=$((kib / 4))
klog_mark
must "the attack module saw secure memory (or the host did not survive)" \
	insmod "$sel/vsm_attack.ko" mode=touch region="$base" size=$((kib * 1024))
rmmod vsm_attack
klog 'vsm_attack:' | show
klog "direct map: read and wrote $pages pages: 0 showed the secure image, $pages read zero" >/dev/null ||
	fail "not every one of the $pages pages read as the (zero) decoy"
last=$(printf '%#x' $((base + kib * 1024 - 4096)))
vsmctl audit | grep ' protected_access ' | tail -n 2 | show
vsmctl audit | grep -q " protected_access *$last " || fail "the access to the last page ($last) is not in the audit log"
"$sel/vsm_cpuid" present >/dev/null || fail "a CPU is no longer protected"
must "the secure world stopped answering" vsmctl ping >/dev/null
ok "every read gave the decoy (zeros), each page's first touch is audited, the secure world is untouched"

step "A VMM keeps its disk key in the secure world: seal, open, a forgery refused, export and import"
printf 'secret of the VMM for vm 42\n' >/tmp/vm42.secret
dom=$(vsmctl domain create --secret-file /tmp/vm42.secret --max-keys 8 | sed -n 's/^domain \([0-9]*\)$/\1/p')
[ -n "$dom" ] || fail "vsmctl domain create gave no domain"
echo "domain $dom created" | show
k() { vsmctl key "$@" --domain "$dom" --secret-file /tmp/vm42.secret; }
key=$(k create --type aes256-gcm --usage encrypt,decrypt --exportable --label vm42-disk | sed -n 's/^key \([0-9]*\)$/\1/p')
[ -n "$key" ] || fail "vsmctl key create gave no key"
echo "key $key created: aes256-gcm, it never leaves the secure world in the clear" | show
echo "disk sector 0 of vm 42" >/tmp/sector
must "seal failed" k seal --key "$key" --in /tmp/sector --out /tmp/sealed
od -A d -t x1 /tmp/sealed | head -n 2 | show
[ "$(k open --key "$key" --in /tmp/sealed)" = "disk sector 0 of vm 42" ] || fail "open did not give the sector back"
echo "opened: disk sector 0 of vm 42" | show
cp /tmp/sealed /tmp/forged
printf x | dd of=/tmp/forged bs=1 seek=40 conv=notrunc 2>/dev/null
refused "a sealed sector with a flipped byte was opened" k open --key "$key" --in /tmp/forged
must "wrap failed" k wrap --key "$key" --out /tmp/vm42-disk.blob
must "delete failed" k delete --key "$key"
k list | grep -q vm42-disk && fail "the deleted key is still listed"
key2=$(k unwrap --in /tmp/vm42-disk.blob | sed -n 's/^key \([0-9]*\)$/\1/p')
[ -n "$key2" ] || fail "unwrap gave no key"
[ "$(k open --key "$key2" --in /tmp/sealed)" = "disk sector 0 of vm 42" ] ||
	fail "the imported key does not open the sector"
echo "exported, deleted, imported as key $key2, which opens the sector" | show
vsmctl audit | grep -E "key_op .*domain $dom .* (create|seal|open|wrap|delete|unwrap) " | tail -n 7 | show
[ "$(vsmctl audit | grep -cE "key_op .*domain $dom .* (seal|open|wrap|delete|unwrap) ")" -ge 6 ] ||
	fail "the key operations are not in the audit log"
ok

if [ "$VSM_VENDOR" = amd ]; then
	step "KVM on the protected host: kvm_amd loads under vsm and a tiny guest runs"
	klog_mark
	must "kvm_amd did not load under vsm" modprobe kvm_amd
	klog 'Nested Paging enabled|KVM is loaded' | show
	[ -e /dev/kvm ] || fail "no /dev/kvm"
	kvm_hold_start || fail "KVM could not create a VM"
	must "the KVM guest did not run or computed a wrong result" "$sel/vsm_kvm_guest" 1000
	vsmctl stats | grep -E '^(exits|l2|l2_reflected) ' | show
	ok "a real-mode guest ran 1000 CPUID and 1000 I/O exits through vsm and summed 1..10 right"
else
	step "KVM on the protected host: on AMD only so far (vsm offers no nested VMX yet)"
	skipped "Intel"
fi

step "The audit log's hash chain verifies"
verify_audit || fail "the audit chain does not verify"
ok

klog_mark
if [ "$VSM_VENDOR" = amd ]; then
	step "Unload: KVM first (vsm stays while KVM is loaded), then vsm; every CPU leaves the hypervisor"
	refused "vsm unloaded under a loaded KVM" rmmod vsm
	klog 'KVM is loaded' | show
	kvm_hold_stop
	must "kvm_amd did not unload" rmmod kvm_amd kvm
else
	step "Unload: every CPU leaves the hypervisor"
fi
must "vsm did not unload" rmmod vsm
klog 'vsm: (hypervisor stopped|unloaded)' | show
klog 'vsm: hypervisor stopped on every CPU' >/dev/null || fail "vsm did not say every CPU left"
must "a CPU still answers vsm's signature" "$sel/vsm_cpuid" absent
must "the secure region was not wiped: its memory still holds the secure world's marker" \
	insmod "$sel/vsm_attack.ko" mode=scan region="$base" size=$((kib * 1024))
rmmod vsm_attack
ok "no CPU runs under vsm; the $kib KiB it held show nothing of the secure world"

step "Load again: the host is protected anew"
load_vsm
must "vsmctl ping failed" vsmctl ping
ok

step "Code integrity: the secure world decides which modules may load"
ci=$sel/ci
must "the enforcing policy did not load" vsmctl policy load "$ci/enforce.bin"
klog_mark
refused "an unsigned module loaded" insmod "$ci/unsigned/vsm_ci_sample.ko"
refused "a signed module with one byte changed loaded" insmod "$ci/tampered/vsm_ci_sample.ko"
klog 'code-integrity policy does not allow' | head -n 1 | show
must "a module signed by the policy's signer did not load" insmod "$ci/a/vsm_ci_sample.ko"
echo "vsm_ci_sample (signed) loaded" | show
rmmod vsm_ci_sample
must "the audit-mode policy did not load" vsmctl policy load "$ci/audit.bin"
ok "unsigned and tampered refused, signed allowed (back to an audit-mode policy)"

step "Lock: from now on nothing can remove the hypervisor until reboot"
must "vsmctl lock failed" vsmctl lock --yes
refused "vsm unloaded after the lock" rmmod vsm
klog_mark
must "a CPU left the hypervisor when the kernel asked the secure world directly" \
	insmod "$sel/vsm_attack.ko"
rmmod vsm_attack
klog 'vsm_attack:' | show
all_protected || fail "not every CPU is protected after the lock"
ok "locked; every CPU refused to leave"

step "Locked CPU state: root rewrites the system-call entry point, a module clears SMEP/SMAP"
lstar=$("$sel/vsm_msr" 0 0xc0000082)
"$sel/vsm_msr" 0 0xc0000082 0xffffffff81000000 2>/dev/null
after=$("$sel/vsm_msr" 0 0xc0000082)
echo "LSTAR $lstar, written 0xffffffff81000000, reads $after" | show
if [ -z "$lstar" ] || [ "$after" != "$lstar" ]; then fail "LSTAR changed"; fi
klog_mark
insmod "$sel/vsm_pin_attack.ko" mode=cr4 2>&1 | show
rmmod vsm_pin_attack 2>/dev/null
klog 'vsm_pin_attack:' | show
klog 'vsm_pin_attack: cr4: 0 CPUs changed' >/dev/null || fail "CR4 changed"
vsmctl audit >/tmp/audit
{
	grep -E 'refused +0x5 0xc0000082 ' /tmp/audit | tail -n 1
	grep -E 'refused +0x5 0x100000004 ' /tmp/audit | tail -n 1
} | show
grep -qE 'refused +0x5 0xc0000082 0xffffffff81000000 ' /tmp/audit || fail "the LSTAR write is not in the audit log"
grep -qE 'refused +0x5 0x100000004 ' /tmp/audit || fail "the CR4 write is not in the audit log"
ok "both writes ignored, and audited"

step "The audit log's hash chain still verifies, across the lock"
verify_audit || fail "the audit chain does not verify"
ok

echo
echo "demo: all $steps steps happened"
