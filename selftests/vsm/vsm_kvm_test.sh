#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KVM on a protected host: vsm emulates SVM for the host's own kvm_amd
# (nested virtualization, shadow nested page tables).  kvm_amd loads under
# vsm and vsm under a loaded kvm_amd (not while KVM runs a VM: SVM is in
# use then, and vsm says so); a real KVM guest runs and computes
# the right result; vsm stays loaded as long as KVM is; with nested=N SVM
# is hidden and the two exclude each other, with clear messages.
#
# Attack: root backs a KVM guest's memory with a mapping of the secure
# region, so that KVM's nested page tables send guest-physical pages to
# secure host-physical pages.  The guest reads all of it and writes every
# page: it sees no secure byte, the secure world keeps working with its
# audit chain intact, and the access is audited as a guest's.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "KVM guests on a protected host" \
	"nested virtualization (KVM under vsm) is AMD-only so far"
dir=$(dirname "$0")
guest="$dir/vsm_kvm_guest"
log_start=$(dmesg | wc -l)
stat_of() { vsmctl stats --json | sed "s/\"$1\":/\n/g" | sed -n 's/^\([0-9]*\).*/\1/p' |
	awk '{ s += $1 } END { print s + 0 }'; }

ensure_loaded
check "vsm offers nested SVM" sh -c 'vsmctl info | grep -q "^nested svm: *on"'
check "kvm_amd loads under vsm" modprobe kvm_amd
kvm_hold_start
check "with nested paging" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'kvm: Nested Paging enabled'"
l2=$(stat_of l2)
out=$("$guest" 1000 2>&1)
rc=$?
echo "# $out"
check "a KVM guest runs and gives the right result" [ $rc -eq 0 ]
echo "# exits of guests of the host: $l2 before, $(stat_of l2) after"
check "its exits went through vsm" [ "$(stat_of l2_reflected)" -ge 2000 ]
check "vsm cannot be unloaded while KVM is loaded" sh -c '! rmmod vsm 2>/dev/null'
check "and says why" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'KVM is loaded: vsm stays loaded until KVM is unloaded'"

# The attack, with a control that shows the guest's scanner finds markers.
region_info
out=$("$guest" --scan-planted 65536 2>&1)
rc=$?
echo "# control: $out"
check "the guest's scan finds markers planted in its memory" [ $rc -eq 0 ]
audit_before=$(vsmctl audit | grep -c ' protected_access ')
# The guest scans at most 64 MiB: the whole region on small hosts, its
# start (image, per-CPU areas, page tables) on large ones.
[ "$kib" -gt 65536 ] && kib=65536
if insmod "$dir/vsm_attack.ko" mode=usermap region="$base" size=$((kib * 1024)); then
	out=$("$guest" --scan /dev/vsm_attack $((kib * 1024)) 2>&1)
	rc=$?
	rmmod vsm_attack
else
	out="could not load the usermap attacker"
	rc=2
fi
echo "# attack: $out"
check "a guest mapped onto the secure region sees nothing of it" [ $rc -eq 0 ]
check "the guest really ran over it" sh -c "echo '$out' | grep -q 'scanned $kib KiB'"
vsmctl audit >/tmp/vsm_kvm_audit
check "the guest's access is audited as a guest's" sh -c \
	"grep ' protected_access ' /tmp/vsm_kvm_audit | grep -q ' 0x8[0-9a-f]\{15\}\$'"
echo "# protected_access records: $audit_before before, $(grep -c ' protected_access ' /tmp/vsm_kvm_audit) after"
rm -f /tmp/vsm_kvm_audit
# With SVM offered, the host's own VMSAVE/VMLOAD work on its pages and
# fault (#GP) on secure ones: they are emulated, never run natively.
check "the host's VMSAVE and VMLOAD reach its own pages, never secure ones" \
	insmod "$dir/vsm_svm_attack.ko" mode=nested region="$base"
dmesg | grep 'vsm_svm_attack: cpu 0' | tail -n 6 | sed 's/^/# /'
rmmod vsm_svm_attack 2>/dev/null
# An NMI while the host's (emulated) GIF is clear waits for its STGI, as
# on hardware: KVM runs with its guest's GS and TR loaded in that window.
check "an NMI while the host's GIF is clear waits for STGI and arrives once" \
	insmod "$dir/vsm_svm_attack.ko" mode=nmi region="$base"
dmesg | grep 'vsm_svm_attack: cpu 0: NMI' | tail -n 1 | sed 's/^/# /'
rmmod vsm_svm_attack 2>/dev/null
check "the audit chain still verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "the secure world still answers on every CPU" sh -c 'vsmctl ping >/dev/null'
check "KVM still runs guests after the attack" "$guest" 10

kvm_hold_stop
rmmod kvm_amd kvm 2>/dev/null
check "vsm unloads once KVM is gone" rmmod vsm
check "kvm_amd loads without vsm" modprobe kvm_amd
# While KVM has a VM, SVM is in use: vsm refuses, and says so.
"$guest" --spin 30 &
spin=$!
sleep 2
check "vsm refuses to load while KVM runs a VM" sh -c "! insmod '$VSM_KO' 2>/dev/null"
check "the refusal says SVM is in use and what to do" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'SVM is already in use (KVM with running VMs, or another hypervisor): stop its VMs'"
kill $spin 2>/dev/null
wait $spin 2>/dev/null
check "vsm loads under a loaded kvm_amd" vsm_insmod
check "and KVM runs guests on it" "$guest" 10
rmmod kvm_amd kvm 2>/dev/null
rmmod vsm

# nested=N: SVM hidden, KVM and vsm exclude each other.
log_start=$(dmesg | wc -l)
vsm_insmod nested=0
check "nested=N: kvm_amd refuses to load" sh -c '! modprobe kvm_amd 2>/dev/null'
check "nested=N: kvm says SVM is disabled" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q \"kvm_amd' disabled by bios\""
check "nested=N: no /dev/kvm" test ! -e /dev/kvm
rmmod vsm
modprobe kvm_amd
check "nested=N: vsm refuses to load while kvm_amd is loaded" \
	sh -c "! insmod '$VSM_KO' nested=0 2>/dev/null"
check "the refusal names kvm_amd and the remedy" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: KVM (kvm_amd) is loaded: unload it first, or load vsm with nested=Y'"
rmmod kvm_amd kvm 2>/dev/null
check "vsm loads again after kvm_amd is gone" vsm_insmod
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
