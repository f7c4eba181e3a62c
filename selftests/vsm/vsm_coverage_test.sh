#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Nested paging maps at least 99% of the RAM the host sees with 1 GiB and
# 2 MiB pages, and hides exactly the secure region (run it with different
# VM memory sizes).
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "nested paging coverage"
ensure_loaded
json=$(vsmctl stats --json)
field() { echo "$json" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
ram=$(field ram_bytes)
large=$(($(field npt_bytes_1g) + $(field npt_bytes_2m)))
mem=$(sed -n 's/MemTotal: *//p' /proc/meminfo)
echo "# $mem RAM: $(vsmctl stats | grep -E 'nested paging|large pages' | tr '\n' ';')"
echo "# bench: coverage_ram_bytes=$ram coverage_1g_bytes=$(field npt_bytes_1g)" \
     "coverage_2m_bytes=$(field npt_bytes_2m) coverage_4k_bytes=$(field npt_bytes_4k)" \
     "coverage_region_bytes=$(field region_size) coverage_npt_tables=$(field npt_tables)"
check "coverage counts all RAM" [ "$ram" -gt 0 ]
# Of the RAM the host sees (the region is not), 99% in large pages.
seen=$((ram - $(field npt_bytes_unmapped)))
check "at least 99% of the host's RAM in large pages" [ $((large * 100)) -ge $((seen * 99)) ]
check "exactly the secure region is hidden" \
	[ "$(field npt_bytes_unmapped)" -eq "$(field region_size)" ]
tap_done
