#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vsmctl domain/key/random: a VMM-style flow from the shell, with secrets
# only in files or on stdin, JSON output, and exit statuses a script can
# rely on (0 done, 1 refused, 2 usage).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "the key store from vsmctl"
log_start=$(dmesg | wc -l)
ensure_loaded
t=$(mktemp -d)
printf 'a secret of a VMM, long enough\n' >"$t/secret"
printf 'another tenant, its own secret\n' >"$t/other"
head -c 3000 /dev/urandom >"$t/msg"
echo "vm 42, disk 0" >"$t/aad"

dom=$(vsmctl domain create --secret-file "$t/secret" --max-keys 8 --json |
	sed -n 's/^{"domain":\([0-9]*\)}$/\1/p')
check "domain create prints the new domain as JSON" [ -n "$dom" ]
k() { vsmctl key "$@" --domain "$dom" --secret-file "$t/secret"; }

key=$(k create --type aes256-gcm --usage encrypt,decrypt --exportable --label disk |
	sed -n 's/^key \([0-9]*\)$/\1/p')
check "key create prints the new key" [ -n "$key" ]
check "seal" k seal --key "$key" --aad $t/aad --in "$t/msg" --out "$t/sealed"
check "sealed output is IV, tag and ciphertext" \
	[ "$(wc -c <"$t/sealed")" -eq $((3000 + 28)) ]
check "open gives the message back" sh -c \
	"vsmctl key open --domain $dom --secret-file $t/secret --key $key --aad $t/aad \
	 --in $t/sealed | cmp -s - $t/msg"
printf x | dd of="$t/sealed" bs=1 seek=100 conv=notrunc 2>/dev/null
k open --key "$key" --aad $t/aad --in "$t/sealed" >"$t/out" 2>"$t/err"
check "a changed ciphertext is refused with status 1" [ $? -eq 1 ]
check "and nothing is written" [ ! -s "$t/out" ]
check "and the message says why" grep -q 'authentication failed' "$t/err"

hk=$(k create --type hmac-sha256 --usage sign,verify | sed -n 's/^key //p')
k sign --key "$hk" --in "$t/msg" --out "$t/tag"
check "sign writes a 32-byte tag" [ "$(wc -c <"$t/tag")" -eq 32 ]
check "verify accepts it" k verify --key "$hk" --tag "$t/tag" --in "$t/msg"
echo more >>"$t/msg"
k verify --key "$hk" --tag "$t/tag" --in "$t/msg" 2>/dev/null
check "verify of a changed message exits 1" [ $? -eq 1 ]

check "wrap" k wrap --key "$key" --out "$t/blob"
check "delete" k delete --key "$key"
k seal --key "$key" --in "$t/tag" >/dev/null 2>"$t/err"
check "a deleted key is gone" grep -q 'No such key\|Required key not available\|no such key' "$t/err"
new=$(k unwrap --in "$t/blob" | sed -n 's/^key //p')
check "unwrap brings it back under a new id" [ -n "$new" ] && [ "$new" != "$key" ]
head -c 3000 /dev/urandom >"$t/m2"
check "the unwrapped key seals and opens" sh -c \
	"vsmctl key seal --domain $dom --secret-file $t/secret --key $new --in $t/m2 |
	 vsmctl key open --domain $dom --secret-file $t/secret --key $new | cmp -s - $t/m2"

check "list --json has one line per key" \
	[ "$(k list --json | grep -c '^{"key":')" -eq 2 ]
check "the secret can come from stdin" sh -c \
	"vsmctl key list --domain $dom --secret-file - <$t/secret | grep -q '^key '"
vsmctl key list --domain "$dom" --secret-file "$t/other" >/dev/null 2>"$t/err"
check "another secret does not bind" [ $? -eq 1 ]
check "and says so" grep -q 'wrong secret' "$t/err"
n_before=$(vsmctl audit | grep -c 'domain_create ok')
vsmctl domain create --secret-file 'not a file but a secret' >/dev/null 2>&1
check "a secret-file that is not a file is refused" [ $? -eq 1 ]
check "and creates no domain" [ "$(vsmctl audit | grep -c 'domain_create ok')" -eq "$n_before" ]
printf 'short\n' >"$t/short"
vsmctl domain create --secret-file "$t/short" >/dev/null 2>"$t/err"
check "a short secret is refused" grep -q 'must be 16 to 64 bytes' "$t/err"
check "random gives the bytes asked for" \
	[ "$(vsmctl random 100 | wc -c)" -eq 100 ]
vsmctl random 0 >/dev/null 2>&1
check "random 0 is a usage error" [ $? -eq 2 ]

vsmctl audit >"$t/audit"
check "the audit log shows the seal" grep -q "key_op *domain $dom key $key seal ok" "$t/audit"
check "and the refused open" grep -q "key_op *domain $dom key $key open Bad message" "$t/audit"
check "the audit chain verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "domain destroy" vsmctl domain destroy --domain "$dom" --secret-file "$t/secret"
k list >/dev/null 2>&1
check "a destroyed domain cannot be bound" [ $? -eq 1 ]
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
rm -rf "$t"
tap_done
