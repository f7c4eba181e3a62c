#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vsmctl policy without a device: scan a directory with DER, PEM, RSA and
# ECDSA signer certificates, check modules against the result, sign it
# with sign-file, and refuse bad certificates, bad options and malformed
# policy files with a reason.
#
# Usage: tests/hosted/policy_cli_test.sh VSMCTL SIGN-FILE MODULE   (prints TAP)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
vsmctl=${1:?usage: policy_cli_test.sh VSMCTL SIGN-FILE MODULE}
sign_file=${2:?}
module=${3:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"

echo "TAP version 13"
key() { # NAME FORMAT OPENSSL-NEWKEY-ARGS...
	local name=$1 form=$2
	shift 2
	openssl req -new -x509 -nodes -days 1 -subj "/CN=vsm policy test $name" "$@" \
		-keyout "$tmp/$name.key" -outform "$form" -out "$tmp/$name.crt" 2>/dev/null
}
key rsa DER -newkey rsa:2048
key ec PEM -newkey ec -pkeyopt ec_paramgen_curve:P-384
key other DER -newkey rsa:2048
key small DER -newkey rsa:1024
key pol DER -newkey ec -pkeyopt ec_paramgen_curve:P-256

mkdir -p "$tmp/mods/sub" "$tmp/other"
cp "$module" "$tmp/mods/rsa.ko"
cp "$module" "$tmp/mods/sub/ec.ko"
cp "$module" "$tmp/mods/plain.ko"
cp "$module" "$tmp/other/foreign.ko"
"$sign_file" sha256 "$tmp/rsa.key" "$tmp/rsa.crt" "$tmp/mods/rsa.ko"
"$sign_file" sha384 "$tmp/ec.key" "$tmp/ec.crt" "$tmp/mods/sub/ec.ko"
"$sign_file" sha512 "$tmp/other.key" "$tmp/other.crt" "$tmp/other/foreign.ko"
xz -k "$tmp/mods/plain.ko" && mv "$tmp/mods/plain.ko.xz" "$tmp/mods/zipped.ko.xz"

out=$("$vsmctl" policy scan --signer "$tmp/rsa.crt" --signer "$tmp/ec.crt" \
	--policy-key "$tmp/pol.crt" --mode enforce --serial 7 -o "$tmp/p.bin" "$tmp/mods" 2>"$tmp/err")
echo "# $out"
check "scan: DER and PEM, RSA and ECDSA signers, recursive" \
	grep -q '3 modules: 1 hash rules, 1 signed by .*rsa.crt, 1 signed by .*ec.crt' <<<"$out"
check "scan: a compressed module is skipped with a reason" grep -q 'zipped.ko.xz: compressed' "$tmp/err"
check "show: mode, serial, unsigned" \
	bash -c "'$vsmctl' policy show '$tmp/p.bin' | head -n 3 | tr '\n' ' ' | grep -qx 'mode enforce serial 7 signed no '"
check "show: two signers, one policy key, one hash" bash -c \
	"'$vsmctl' policy show '$tmp/p.bin' | cut -d' ' -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ',' | grep -qx ' 1 hash, 1 mode, 1 policy-key, 1 serial, 1 signed, 2 signer,'"
check "check: the RSA-signed module by signer 0" \
	bash -c "'$vsmctl' policy check '$tmp/p.bin' '$tmp/mods/rsa.ko' | grep -q 'allowed (signer 0)'"
check "check: the ECDSA-signed module by signer 1" \
	bash -c "'$vsmctl' policy check '$tmp/p.bin' '$tmp/mods/sub/ec.ko' | grep -q 'allowed (signer 1)'"
check "check: the unsigned module by its hash" \
	bash -c "'$vsmctl' policy check '$tmp/p.bin' '$tmp/mods/plain.ko' | grep -q 'allowed (hash)'"
check "check: a module signed by another key is refused, exit 1" \
	bash -c "out=\$('$vsmctl' policy check '$tmp/p.bin' '$tmp/other/foreign.ko'); [ \$? -eq 1 ] && grep -q 'refused: signed, but no listed key' <<<\"\$out\""
"$sign_file" sha256 "$tmp/pol.key" "$tmp/pol.crt" "$tmp/p.bin"
check "sign-file signs a policy; it stays valid and shows as signed" \
	bash -c "'$vsmctl' policy check '$tmp/p.bin' | grep -q 'serial 7, 1 hashes, 3 certificates, signed'"

head -c 60 "$tmp/p.bin" >"$tmp/short.bin"
check "a truncated policy: the reason, exit 1" \
	bash -c "out=\$('$vsmctl' policy check '$tmp/short.bin' 2>&1); [ \$? -eq 1 ] && grep -q 'not a valid policy: size field' <<<\"\$out\""
head -c 4096 /dev/urandom >"$tmp/junk.bin"
check "junk: bad magic" \
	bash -c "'$vsmctl' policy check '$tmp/junk.bin' 2>&1 | grep -q 'bad magic'"
check "a 1024-bit RSA signer is refused with the reason" \
	bash -c "out=\$('$vsmctl' policy scan --signer '$tmp/small.crt' -o '$tmp/x.bin' '$tmp/mods' 2>&1); [ \$? -eq 1 ] && grep -q 'not RSA 2048-4096' <<<\"\$out\""
check "a file that is no certificate is refused" \
	bash -c "! '$vsmctl' policy scan --signer '$tmp/junk.bin' -o '$tmp/x.bin' '$tmp/mods' 2>/dev/null"
check "an unknown mode is a usage error (2)" \
	bash -c "'$vsmctl' policy scan --mode strict -o '$tmp/x.bin' '$tmp/mods' 2>/dev/null; [ \$? -eq 2 ]"
check "scan needs -o (usage error)" \
	bash -c "'$vsmctl' policy scan '$tmp/mods' 2>/dev/null; [ \$? -eq 2 ]"
check "nothing was written by the refused scans" [ ! -e "$tmp/x.bin" ]
echo "1..$n"
[[ $failed -eq 0 ]]
