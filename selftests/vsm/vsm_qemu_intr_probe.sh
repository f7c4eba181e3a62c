#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Without vsm: is an external interrupt that VMRUN injects (EVENTINJ type
# INTR) delivered to the guest exactly once?  vsm_svm_intr_probe.ko runs a
# tiny guest with the interrupt injected and RFLAGS.IF clear that spins
# before VMMCALL, while another CPU kicks it (see the module).  A CPU
# delivers it once per run.  QEMU 7.2's TCG delivers it again when the
# vCPU is kicked out of its loop before the guest's next exit (in about
# half the runs or more): a documented emulator bug
# (Documentation/testing.rst), reported here, not failed.  Not part of the
# suites: it needs SVM with no user (vsm and kvm_amd not loaded).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
runs=${VSM_PROBE_RUNS:-10}
if [ "$VSM_VENDOR" != amd ] || grep -qE '^(vsm|kvm_amd) ' /proc/modules; then
	tap_skip "an injected interrupt is delivered once" \
		"needs an AMD CPU with SVM unused (no vsm, no kvm_amd)"
	tap_done
	exit 0
fi
log_start=$(dmesg | wc -l)
check "the probe's guest ran and exited with VMMCALL each time" \
	insmod "$(dirname "$0")/vsm_svm_intr_probe.ko" runs="$runs"
rmmod vsm_svm_intr_probe 2>/dev/null
got=$(dmesg | tail -n +$((log_start + 1)) | sed -n 's/.*runs=[0-9]* deliveries=\([0-9]*\).*/\1/p')
echo "# $runs run(s), ${got:-?} deliveries of the injected vector"
if [ "$VSM_EMULATOR" = qemu-tcg ] && [ -n "$got" ] && [ "$got" -gt "$runs" ]; then
	echo "# QEMU TCG delivered it $((got - runs)) extra time(s): the emulator bug"
	tap_ok "an injected interrupt is delivered once # SKIP known QEMU TCG bug"
else
	check "an injected interrupt is delivered once" [ "${got:-0}" -eq "$runs" ]
fi
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
tap_done
