#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The known-answer runner: the committed vector files pass, and the runner
# itself can fail: a wrong expectation, an unknown algorithm, a malformed
# field and broken JSON are all reported, never skipped.
#
# Usage: tests/kat/kat_runner_test.sh VSM-KAT   (prints TAP)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
kat=${1:?usage: kat_runner_test.sh VSM-KAT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/vm-run/lib.sh"

echo "TAP version 13"
out=$("$kat" "$ROOT"/tests/kat/*.json)
rc=$?
echo "# $out" | tail -1
check "the committed vector files pass" [ $rc -eq 0 ]
check "and they hold tests" bash -c "echo '$out' | grep -qE '^[1-9][0-9]* passed, 0 failed$'"

gcm() { # RESULT TAG
	cat <<JSON
{"algorithm": "AES-GCM", "schema": "aead_test_schema.json", "testGroups": [
 {"type": "AeadTest", "tests": [{"tcId": 1, "key": "$(printf '0%.0s' {1..64})",
  "iv": "000000000000000000000000", "aad": "", "msg": "", "ct": "", "tag": "$2",
  "result": "$1"}]}]}
JSON
}
good=530f8afbc74536b9a963b4f1c4cb738b
bad=530f8afbc74536b9a963b4f1c4cb738c
gcm valid $good >"$tmp/ok.json"
gcm valid $bad >"$tmp/wrong.json"
gcm invalid $good >"$tmp/wrong2.json"
gcm invalid $bad >"$tmp/rejected.json"
sed 's/AES-GCM/AES-SIV/' "$tmp/ok.json" >"$tmp/unknown.json"
sed 's/"tag": "[0-9a-f]*"/"tag": "zz"/' "$tmp/ok.json" >"$tmp/malformed.json"
head -c 100 "$tmp/ok.json" >"$tmp/broken.json"

expect() { # STATUS LAST-LINE FILE
	local got
	got=$("$kat" "$3" 2>&1)
	[ $? -eq "$1" ] && echo "$got" | tail -1 | grep -qx "$2"
}
check "a matching valid case passes" expect 0 "1 passed, 0 failed" "$tmp/ok.json"
check "a wrong tag expected valid fails" expect 1 "0 passed, 1 failed" "$tmp/wrong.json"
check "a right tag expected invalid fails" expect 1 "0 passed, 1 failed" "$tmp/wrong2.json"
check "a wrong tag expected invalid passes" expect 0 "1 passed, 0 failed" "$tmp/rejected.json"
check "an unknown algorithm counts as failed" expect 1 "0 passed, 1 failed" "$tmp/unknown.json"
check "a malformed field counts as failed" expect 1 "0 passed, 1 failed" "$tmp/malformed.json"
ff=$(printf 'ff%.0s' $(seq 128))
cat >"$tmp/rsa1024.json" <<JSON
{"algorithm": "RSASSA-PKCS1-v1_5", "schema": "rsassa_pkcs1_verify_schema.json",
 "testGroups": [{"type": "RsassaPkcs1Verify", "sha": "SHA-256", "n": "$ff", "e": "010001",
  "tests": [{"tcId": 1, "msg": "", "sig": "$ff", "result": "invalid"}]}]}
JSON
check "an unsupported RSA size counts as failed, even for an invalid case" \
	expect 1 "0 passed, 1 failed" "$tmp/rsa1024.json"
check "broken JSON is an error" expect 2 "0 passed, 0 failed" "$tmp/broken.json"
check "a missing file is an error" expect 2 "0 passed, 0 failed" "$tmp/none.json"
echo "1..$n"
[[ $failed -eq 0 ]]
