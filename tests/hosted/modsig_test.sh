#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module signatures as the kernel's own tool makes them: sign a module
# with Debian's sign-file (RSA 2048/3072/4096 and ECDSA P-256/P-384 keys,
# SHA-256/384/512), then check the signatures with the secure world's
# parser and verifiers (vsm-modsig): signed by the right certificate, not
# by another one, refused after any change, and unsigned modules seen as
# unsigned.
#
# Usage: tests/hosted/modsig_test.sh VSM-MODSIG SIGN-FILE MODULE   (prints TAP)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
tool=${1:?usage: modsig_test.sh VSM-MODSIG SIGN-FILE MODULE}
sign_file=${2:?}
module=${3:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"

# quiet COMMAND...: its status, without its output.
quiet() { "$@" >/dev/null 2>&1; }

echo "TAP version 13"
key() { # NAME OPENSSL-NEWKEY-ARGS...
	local name=$1
	shift
	openssl req -new -x509 -nodes -days 1 -subj "/CN=vsm test $name" "$@" \
		-keyout "$tmp/$name.key" -outform DER -out "$tmp/$name.der" 2>/dev/null
}
key rsa2048 -newkey rsa:2048
key rsa3072 -newkey rsa:3072
key rsa4096 -newkey rsa:4096
key p256 -newkey ec -pkeyopt ec_paramgen_curve:P-256
key p384 -newkey ec -pkeyopt ec_paramgen_curve:P-384

check "an unsigned module is seen as unsigned" \
	bash -c "'$tool' '$module' | grep -q 'not signed'; [ \${PIPESTATUS[0]} -eq 1 ]"
for spec in rsa2048:sha256 rsa3072:sha384 rsa4096:sha512 p256:sha256 p384:sha384 p256:sha512; do
	k=${spec%:*} h=${spec#*:}
	m=$tmp/$k-$h.ko
	cp "$module" "$m"
	if ! "$sign_file" "$h" "$tmp/$k.key" "$tmp/$k.der" "$m" 2>"$tmp/err"; then
		sed 's/^/# /' "$tmp/err"
		check "sign-file signs with $k and $h" false
		continue
	fi
	"$tool" "$m" | sed 's/^/# /'
	check "$k/$h: signed by its certificate" quiet "$tool" "$m" "$tmp/$k.der"
	other=rsa2048
	[ "$k" = rsa2048 ] && other=p256
	"$tool" "$m" "$tmp/$other.der" >/dev/null
	check "$k/$h: not signed by another certificate" [ $? -eq 1 ]
	# One byte of the module changed, then one byte of the signature.
	cp "$m" "$tmp/bad.ko"
	printf '\x5a' | dd of="$tmp/bad.ko" bs=1 seek=200 conv=notrunc 2>/dev/null
	"$tool" "$tmp/bad.ko" "$tmp/$k.der" >/dev/null
	check "$k/$h: a changed module is refused" [ $? -eq 1 ]
	size=$(stat -c %s "$m")
	cp "$m" "$tmp/bad.ko"
	printf '\x5a' | dd of="$tmp/bad.ko" bs=1 seek=$((size - 60)) conv=notrunc 2>/dev/null
	"$tool" "$tmp/bad.ko" "$tmp/$k.der" >/dev/null
	check "$k/$h: a changed signature is refused" [ $? -ne 0 ]
done
# The trailer cut short: never accepted.
head -c -5 "$tmp/p256-sha256.ko" >"$tmp/cut.ko"
"$tool" "$tmp/cut.ko" "$tmp/p256.der" >/dev/null
check "a truncated signature is not accepted" [ $? -ne 0 ]
echo "1..$n"
[[ $failed -eq 0 ]]
