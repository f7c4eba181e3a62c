#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vsm-boot (tools/boot), as vsm.service runs it on the real system: it
# loads vsm with the parameters /etc/vsm.conf names and the policy, does
# nothing when disabled, refuses bad parameters and an unreadable policy
# with a reason in the kernel log and exit status 1, and leaves what an
# earlier run (the initramfs) did alone.  Never locks here (the lock is one
# way: tests/install/early_boot_test.sh boots a locked host).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "vsm-boot"
dir=$(cd "$(dirname "$0")" && pwd)
boot="$dir/vsm-boot"
conf=/tmp/vsm-boot.conf
export VSM_CONF=$conf
run() { "$boot" system >/tmp/vsm-boot.out 2>&1; }
said() { grep -q "vsm-boot: $1" /tmp/vsm-boot.out; }
loaded() { grep -q '^vsm ' /proc/modules; }

# modprobe finds the built module where DKMS would install it.
mkdir -p "/lib/modules/$(uname -r)/updates"
cp "$VSM_KO" "/lib/modules/$(uname -r)/updates/vsm.ko"
depmod
rmmod vsm 2>/dev/null

printf 'VSM_ENABLE=no\nVSM_PARAMS="secure_size_kib=2048"\n' >$conf
check "disabled: vsm-boot succeeds ..." run
check "  ... loads nothing ..." sh -c '! grep -q "^vsm " /proc/modules'
check "  ... and says why" said "(system) disabled in $conf"

printf 'VSM_PARAMS="secure_size_kib=123"\n' >$conf
check "a bad parameter: vsm-boot fails" sh -c "! '$boot' system >/tmp/vsm-boot.out 2>&1"
check "  ... names the step" said "(system) modprobe vsm secure_size_kib=123 failed"
check "  ... the kernel log says why" sh -c 'dmesg | grep -q "vsm-boot: (system) modprobe vsm"'
check "  ... nothing is loaded" sh -c '! grep -q "^vsm " /proc/modules'

printf 'VSM_PARAMS="secure_size_kib=2048"\nVSM_POLICY=/nonexistent.bin\n' >$conf
check "an unreadable policy: vsm-boot fails" sh -c "! '$boot' system >/tmp/vsm-boot.out 2>&1"
check "  ... after loading vsm with the parameters" \
	said "(system) loaded vsm secure_size_kib=2048, state protected"
check "  ... names the policy" said "(system) policy /nonexistent.bin cannot be read"
check "  ... no policy is in force" sh -c 'vsmctl policy show | grep -q "no policy"'

printf 'VSM_PARAMS="secure_size_kib=2048"\nVSM_POLICY=%s\n' "$dir/ci/audit.bin" >$conf
check "a second run with a good policy succeeds" run
check "  ... leaves the loaded vsm as it is" said "(system) vsm already loaded, state protected"
check "  ... and loads the policy" said "(system) loaded the code-integrity policy"
check "the policy is in force" \
	sh -c 'vsmctl policy show | head -n 2 | tr "\n" " " | grep -q "mode audit serial 1"'
check "the secure region is the configured 2 MiB" \
	sh -c 'vsmctl info | grep -q "secure region: *2048 KiB"'
check "the audit chain verifies" sh -c 'vsmctl audit --verify >/dev/null'

rm -f "/lib/modules/$(uname -r)/updates/vsm.ko" $conf
rmmod vsm && vsm_insmod
check "vsm reloads as the other tests expect it" sh -c 'grep -q "^vsm " /proc/modules'
tap_done
