#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Intel VMX (the default there; vmx=0 only reports capabilities): vsm
# refuses to load under a loaded kvm_intel (VMX cannot be had twice);
# otherwise it launches under every CPU with EPT that leaves the secure
# region out, answers hypercalls, hides VMX from the host (kvm_intel
# declines to load), contains and audits host accesses to the region, and
# leaves every CPU again on unload.  Attack: a module reads and writes
# every secure page through the direct map; nothing of the secure world
# shows and the secure world keeps working.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
if [ "$VSM_VENDOR" != intel ]; then
	tap_skip "Intel VMX" "an Intel test (this host is $VSM_VENDOR)"
	tap_done
	exit 0
fi
dir=$(dirname "$0")
log_start=$(dmesg | wc -l)
grep -q '^vsm ' /proc/modules && rmmod vsm

check "with vmx=0 vsm loads but only reports capabilities" sh -c \
	"insmod $VSM_KO vmx=0 && vsmctl info | grep -q '^state: *loaded'"
check "  ... and says so" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'with vmx=N, Intel hosts are not protected'"
rmmod vsm
# VMX cannot be had twice: with kvm_intel loaded, vsm refuses to load.
if modprobe kvm_intel 2>/dev/null; then
	out=$(insmod "$VSM_KO" 2>&1)
	rc=$?
	echo "# $out"
	check "vsm refuses to load while kvm_intel is loaded" [ $rc -ne 0 ]
	case "$out" in *"resource busy"*) busy=1 ;; *) busy=0 ;; esac
	check "  ... with EBUSY" [ $busy -eq 1 ]
	check "  ... and the kernel log says why" sh -c \
		"dmesg | tail -n +$((log_start + 1)) | grep -q 'KVM (kvm_intel) is loaded: unload it first'"
	check "  ... and nothing of vsm is loaded" sh -c "! grep -q '^vsm ' /proc/modules"
	modprobe -r kvm_intel
else
	tap_skip "vsm refuses to load while kvm_intel is loaded" "kvm_intel does not load on this CPU"
fi
check "vsm loads, VMX by default" vsm_insmod
check "the kernel log says Intel VMX runs" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: Intel VMX hypervisor running on'"
check "every CPU answers the signature leaf" "$dir/vsm_cpuid" present
check "vsmctl info says protected" sh -c 'vsmctl info | grep -q "^state: *protected"'
check "every CPU answers a hypercall" sh -c 'vsmctl ping >/dev/null'
check "CPUID hides VMX from the host on every CPU" "$dir/vsm_cpuid" vmx-hidden
check "kvm_intel declines to load" sh -c '! modprobe kvm_intel 2>/dev/null'

region_info
check "the secure region is reported" [ -n "$base" ]
check "a module touching every secure page sees nothing of it" \
	insmod "$dir/vsm_attack.ko" mode=touch region="$base" size=$((kib * 1024))
dmesg | tail -n +$((log_start + 1)) | grep 'vsm_attack:' | sed 's/^/# /'
rmmod vsm_attack 2>/dev/null
check "the accesses were contained as EPT violations" sh -c \
	'vsmctl stats --json | grep -q "\"npf\":[1-9]"'
check "and audited" sh -c 'vsmctl audit | grep -q " protected_access "'
check "the audit chain verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "every CPU still answers" sh -c 'vsmctl ping >/dev/null'
check "vsm unloads" rmmod vsm
check "no CPU answers the signature leaf after unload" "$dir/vsm_cpuid" absent
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
