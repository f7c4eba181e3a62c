#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the demo VM: load vsm, show what it reports, unload it.
say() { printf '\n==> %s\n' "$*"; }
run() { echo "# $*"; "$@"; }

say "The CPU this VM emulates"
grep -m1 '^model name' /proc/cpuinfo
grep -m1 -o -w -E 'svm|vmx' /proc/cpuinfo | sed 's/^/virtualization: /'

say "Before loading vsm, there is no device"
run vsmctl info

say "Load the module"
run insmod "$VSM_KO"
dmesg | grep 'vsm:' | sed 's/^\[[ 0-9.]*\] //'
run ls -l /dev/vsm

say "What vsm reports: state, vendor and the capabilities it will use"
run vsmctl info

say "The same report for scripts"
run vsmctl info --json

say "Unload"
run rmmod vsm
dmesg | grep 'vsm:' | tail -n 1 | sed 's/^\[[ 0-9.]*\] //'
[ ! -e /dev/vsm ] && echo "/dev/vsm is gone"
