#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Code integrity: which modules may load.  Copies of one module, signed by
# key a (listed as a signer), b (its file's hash is listed), c (unlisted),
# unsigned, and signed by a and then changed (ci/, made at build time by
# scripts/ci-assets); Debian's msr.ko is listed by hash.  Without a policy
# everything loads and is audited; in audit mode everything loads and
# what enforce would refuse is audited as such; in enforce mode only a, b
# and msr load, and each refusal is audited with the file's SHA-256
# prefix.  Malformed policies are refused and change nothing.  Ends by
# reloading vsm, which forgets the policy (the host is not locked).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "code integrity"
dir=$(dirname "$0")
ci=$dir/ci
log_start=$(dmesg | wc -l)
ensure_loaded

# try NAME: load the copy ci/NAME/vsm_ci_sample.ko; status of insmod.
try() {
	insmod "$ci/$1/vsm_ci_sample.ko" 2>/dev/null || return 1
	rmmod vsm_ci_sample
}
# last_module: the last "module" audit record's arguments: "RESULT WHY".
last_module() {
	vsmctl audit | grep ' module ' | tail -n 1 | awk '{ print $7, $8 }'
}
# prefix NAME: the first 16 hex digits of the copy's SHA-256.
prefix() { sha256sum "$ci/$1/vsm_ci_sample.ko" | cut -c1-16 | sed 's/^0*//'; }

check "no policy: vsmctl policy show says so" sh -c 'vsmctl policy show | grep -q "no policy"'
check "no policy: an unsigned module loads" try unsigned
check "no policy: the load is audited (result 0)" [ "$(last_module)" = "0 0" ]
check "the audit record carries the module's SHA-256 prefix" \
	sh -c "vsmctl audit | grep ' module ' | tail -n 1 | grep -q '0x$(prefix unsigned)\$'"

# Malformed policies: refused with EINVAL by the secure world; nothing changes.
head -c 100 "$ci/enforce.bin" >/tmp/ci-short.bin
check "a truncated policy is refused (vsmctl names the reason)" \
	sh -c "! vsmctl policy load /tmp/ci-short.bin 2>&1 | grep -q 'loaded'"
check "vsmctl names why" sh -c "vsmctl policy load /tmp/ci-short.bin 2>&1 | grep -q 'size field'"
check "still no policy" sh -c 'vsmctl policy show | grep -q "no policy"'

check "load the audit policy" vsmctl policy load "$ci/audit.bin"
check "vsmctl policy show: audit mode, serial 1" \
	sh -c 'vsmctl policy show | head -n 2 | tr "\n" " " | grep -q "mode audit serial 1"'
for m in a b c unsigned tampered; do
	check "audit mode: copy $m loads" try $m
done
out=$(vsmctl audit | grep ' module ' | tail -n 5 | awk '{ print $7 "/" $8 }' | tr '\n' ' ')
echo "# audit mode verdicts (a b c unsigned tampered): $out"
check "audit mode: a by signer, b by hash, c/unsigned/tampered would be refused" \
	[ "$out" = "0x2/0 0x1/0 0x3/0x2 0x3/0x1 0x3/0x2 " ]

check "load the enforce policy" vsmctl policy load "$ci/enforce.bin"
check "enforce: copy a (listed signer) loads" try a
check "enforce: copy b (listed hash) loads" try b
check "enforce: copy c (unlisted signer) is refused" sh -c "! insmod $ci/c/vsm_ci_sample.ko"
check "  ... audited as refused, unknown signer" [ "$(last_module)" = "0x4 0x2" ]
check "enforce: the unsigned copy is refused" sh -c "! insmod $ci/unsigned/vsm_ci_sample.ko"
check "  ... audited as refused, unsigned" [ "$(last_module)" = "0x4 0x1" ]
check "enforce: the copy changed after signing is refused" \
	sh -c "! insmod $ci/tampered/vsm_ci_sample.ko"
check "  ... audited as refused" [ "$(last_module)" = "0x4 0x2" ]
check "  ... with its own hash" \
	sh -c "vsmctl audit | grep ' module ' | tail -n 1 | grep -q '0x$(prefix tampered)\$'"
check "the refusal is explained in the kernel log" \
	sh -c "dmesg | tail -n 20 | grep -q 'code-integrity policy does not allow it'"
rmmod msr 2>/dev/null
check "enforce: Debian's msr.ko (listed hash) loads" modprobe msr
check "the audit chain verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
check "reloading vsm forgets the policy (not locked)" sh -c \
	"rmmod vsm && insmod $VSM_KO $VSM_INSMOD_ARGS && vsmctl policy show | grep -q 'no policy'"
rm -f /tmp/ci-short.bin
tap_done
