#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vsmctl: `info` prints the state and the vendor, `--json` is well formed,
# usage errors exit 2 and a missing module gives a clear message.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
out=$(mktemp)
vendor=${VSM_VENDOR:-amd}
state=loaded
vsm_protects && state=protected
[ -c /dev/vsm ] || vsm_insmod

vsmctl info >"$out"
sed 's/^/# /' "$out"
check "info shows state $state" grep -q "^state: *$state\$" "$out"
check "info shows the vendor" grep -q "^cpu vendor: *$vendor\$" "$out"
check "info shows online cpus" grep -q "^online cpus: *$(nproc)\$" "$out"
check "info lists every capability" \
	[ "$(grep -c ' \(yes\|no\)$' "$out")" -eq 24 ]

vsmctl info --json >"$out"
check "info --json is one object on one line" \
	[ "$(grep -c '^{.*}$' "$out")" -eq 1 -a "$(wc -l <"$out")" -eq 1 ]
check "info --json has state and vendor" \
	grep -q "\"state\":\"$state\",\"vendor\":\"$vendor\"" "$out"

vsmctl stats >"$out"
sed 's/^/# /' "$out"
if [ "$state" = protected ]; then
	check "stats shows every CPU protected" \
		[ "$(grep -o protected "$out" | wc -l)" -eq "$(nproc)" ]
	check "stats shows large-page coverage" grep -q '^large pages: ' "$out"
	vsmctl ping >"$out"
	check "ping answers on every CPU" [ "$(grep -c ': ok$' "$out")" -eq "$(nproc)" ]
else
	check "stats says not protected" grep -q '^not protected' "$out"
	vsmctl ping >/dev/null 2>&1
	check "ping fails when not protected" [ $? -eq 1 ]
fi
vsmctl stats --json >"$out"
check "stats --json is one object on one line" \
	[ "$(grep -c '^{.*"cpus":\[.*\]}$' "$out")" -eq 1 -a "$(wc -l <"$out")" -eq 1 ]

if [ "$state" = protected ]; then
	vsmctl audit >"$out"
	check "audit starts with log_start" sh -c "head -1 '$out' | grep -q ' log_start '"
	check "audit has one cpu_protected record per CPU" \
		[ "$(grep -c ' cpu_protected ' "$out")" -ge "$(nproc)" ]
	vsmctl audit --verify >"$out"
	check "audit --verify says the chain is intact" \
		grep -q '^audit log: [0-9]* records, hash chain verified' "$out"
	vsmctl audit --json >"$out"
	check "audit --json prints one object per record" \
		[ "$(grep -c '^{"seq":[0-9]*,.*"hash":"[0-9a-f]\{64\}"}$' "$out")" -eq "$(wc -l <"$out")" ]
fi
vsmctl audit --from x 2>/dev/null
check "audit --from needs a number" [ $? -eq 2 ]
vsmctl lock extra 2>/dev/null
check "lock takes no argument" [ $? -eq 2 ]

vsmctl frobnicate 2>"$out"
check "unknown command exits 2" [ $? -eq 2 ]
check "unknown command is named" grep -q "unknown command 'frobnicate'" "$out"
vsmctl info extra 2>/dev/null
check "extra argument exits 2" [ $? -eq 2 ]
vsmctl --help >"$out"
check "help exits 0 with usage" grep -q '^Usage: vsmctl' "$out"

rmmod vsm
vsmctl info 2>"$out"
check "without the module info exits 1" [ $? -eq 1 ]
check "without the module the message says why" \
	grep -q 'is the vsm module loaded?' "$out"
vsm_insmod
rm -f "$out"
tap_done
