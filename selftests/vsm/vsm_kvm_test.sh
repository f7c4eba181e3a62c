#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vsm and KVM exclude each other until nested virtualization lands:
# kvm_amd refuses to load under vsm (SVM looks disabled by firmware), and
# vsm refuses to load while kvm_amd is loaded.  Each refusal has a clear
# message and nothing crashes.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "kvm_amd and vsm exclude each other"
log_start=$(dmesg | wc -l)

ensure_loaded
check "kvm_amd refuses to load under vsm" sh -c '! modprobe kvm_amd 2>/dev/null'
check "kvm says SVM is disabled" sh -c "dmesg | tail -n +$((log_start + 1)) | grep -q \"kvm_amd' disabled by bios\""
check "no /dev/kvm" test ! -e /dev/kvm
check "vsm still answers on every CPU" sh -c 'vsmctl ping >/dev/null'

rmmod vsm
check "kvm_amd loads without vsm" modprobe kvm_amd
check "vsm refuses to load while kvm_amd is loaded" \
	sh -c "! insmod '$VSM_KO' 2>/dev/null"
check "the refusal names kvm_amd" sh -c \
	"dmesg | tail -n +$((log_start + 1)) | grep -q 'vsm: KVM (kvm_amd) is loaded'"
rmmod kvm_amd kvm 2>/dev/null
check "vsm loads again after kvm_amd is gone" insmod "$VSM_KO"
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
