#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# TAP helpers for the host-side tests in tests/vm-run/.  Set $tap_prefix to
# label every test line.

n=0
failed=0
tap_prefix=${tap_prefix:-}

# check NAME COMMAND...: one test, passing if COMMAND succeeds.
check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n $tap_prefix$name"
	else
		failed=$((failed + 1))
		echo "not ok $n $tap_prefix$name"
	fi
}
