#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The in-VM part of `make bench` (scripts/bench): exit counts of the hot
# paths, of an idle host and of key-store operations (vsm_bench), and the
# cost of protection for a fixed stress-ng workload, as the ratio of its
# run times with and without vsm, alternated in this one VM.  Figures are
# "# bench: NAME=VALUE" lines; checks are TAP.
#
# Environment: BENCH_SYSROOT (/bench) holds stress-ng (scripts/bench-assets);
# BENCH_QUICK=1 does little of each (the smoke run of make test).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "the benchmarks"
dir=$(dirname "$0")
s=${BENCH_SYSROOT:-/bench}
if [ -n "$BENCH_QUICK" ]; then
	idle=2 keys=20 rounds=1 scale=1
else
	idle=10 keys=500 rounds=2 scale=2
fi

ensure_loaded
check "hot paths counted" sh -c "'$dir/vsm_bench' hot >/tmp/bench.out"
check "idle host counted" sh -c "'$dir/vsm_bench' idle $idle >>/tmp/bench.out"
check "key-store operations counted" sh -c "'$dir/vsm_bench' keys $keys >>/tmp/bench.out"
cat /tmp/bench.out

# stress_ng: the fixed workload; prints its run time in centiseconds.
stress_ng() {
	t0=$(sed 's/[. ].*//' /proc/uptime)$(sed 's/^[0-9]*\.\([0-9]*\) .*/\1/' /proc/uptime)
	"$s/lib64/ld-linux-x86-64.so.2" \
		--library-path "$s/lib/x86_64-linux-gnu:$s/usr/lib/x86_64-linux-gnu" \
		"$s/usr/bin/stress-ng" --temp-path /tmp --timeout 600 \
		--fork 1 --fork-ops $((scale * 250)) \
		--switch 1 --switch-ops $((scale * 25000)) \
		--vm 1 --vm-bytes 32M --vm-ops $((scale * 25)) \
		--cpu 1 --cpu-ops $((scale * 100)) >/tmp/stress.log 2>&1 || return 1
	t1=$(sed 's/[. ].*//' /proc/uptime)$(sed 's/^[0-9]*\.\([0-9]*\) .*/\1/' /proc/uptime)
	echo $((t1 - t0))
}

# Alternate unprotected and protected runs; sum each side.
prot=0 unprot=0 ok=1 i=0
while [ $i -lt $rounds ]; do
	rmmod vsm || ok=0
	t=$(stress_ng) || ok=0
	unprot=$((unprot + ${t:-0}))
	vsm_insmod || ok=0
	t=$(stress_ng) || ok=0
	prot=$((prot + ${t:-0}))
	i=$((i + 1))
done
[ $ok -eq 1 ] || tail -n 5 /tmp/stress.log | sed 's/^/# /'
check "the stress-ng workload ran $rounds time(s) each way" [ $ok -eq 1 ] && [ "$unprot" -gt 0 ]
echo "# bench: work_unprotected_cs=$unprot work_protected_cs=$prot" \
     "work_ratio=$(awk -v p=$prot -v u=$unprot 'BEGIN { printf "%.3f", u ? p / u : 0 }')"
check "the secure world still answers" sh -c 'vsmctl ping >/dev/null'
tap_done
