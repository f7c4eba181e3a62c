#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every vsm selftest in this directory, as root, inside the VM.
# Loads vsm first; each test prints TAP.  Exit status 0 only if all pass.
#
# Usage: run_tests.sh [TEST...]   (default: all)
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/lib.sh"

tests=${*:-"vsm_abi_test vsm_hv_test vsm_keys_test vsm_keys_cli_test.sh vsm_keys_leak_test.sh vsmctl_test.sh vsm_kvm_test.sh vsm_pm_test.sh vsm_contain_test.sh vsm_ci_test.sh vsm_boot_test.sh vsm_load_test.sh vsm_stress_test.sh vsm_vmx_test.sh"}
[ -n "$VSM_EXPECT" ] || {
	case "$VSM_VENDOR" in
	amd) VSM_EXPECT=$dir/expect/amd-qemu-tcg.caps ;;
	intel) VSM_EXPECT=$dir/expect/intel-bochs-skylake-x.caps ;;
	esac
}
export VSM_EXPECT

modprobe msr 2>/dev/null	# for the MSR attack tests
export VSM_INSMOD_ARGS
ensure_loaded || {
	echo "# cannot load $VSM_KO"
	exit 1
}
failed=0
for t in $tests; do
	echo "# selftest: $t"
	if "$dir/$t"; then
		echo "# selftest $t: pass"
	else
		echo "# selftest $t: FAIL"
		failed=$((failed + 1))
	fi
done
echo "# vsm selftests: $failed program(s) failed"
[ "$failed" -eq 0 ]
