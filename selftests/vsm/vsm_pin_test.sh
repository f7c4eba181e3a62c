#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# CPU-state pinning (in a VM of its own: it locks).  Before the lock root
# may change the syscall and sysenter MSRs, and a kernel module may clear
# CR4.SMEP/SMAP/UMIP and CR0.WP and load other IDTs and GDTs; from the
# lock on, a write that would change any of them, or clear EFER.NXE or
# EFER.SCE, is ignored and audited, and the host keeps running on the
# values it had.  Writing the same value is still allowed.  The MSR attack
# overwrites LSTAR, the syscall entry point: if it were not ignored, the
# next system call would crash.  The pinned host's hot paths still cause
# no exits, and KVM runs guests on it without a refusal.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "CPU-state pinning"
dir=$(dirname "$0")
msr="$dir/vsm_msr"
log_start=$(dmesg | wc -l)
ensure_loaded
modprobe msr 2>/dev/null
cpus=$(ls -d /sys/devices/system/cpu/cpu[0-9]* | sed 's/.*cpu//')

# Before the lock: a change sticks (then is undone).
v0=$("$msr" 0 0x175)
"$msr" 0 0x175 $((v0 + 4096))
check "before the lock, SYSENTER_ESP can be changed" [ "$("$msr" 0 0x175)" = "$(printf '%#x' $((v0 + 4096)))" ]
"$msr" 0 0x175 "$v0"

# Before the lock the module attacks work (and undo themselves): this is
# what the pin must stop.
for m in cr4 cr0 idt gdt; do
	check "before the lock, a module can change $m" \
		sh -c "! insmod '$dir/vsm_pin_attack.ko' mode=$m 2>/dev/null"
done

check "before the lock, a module can change read-only data" \
	sh -c "! insmod '$dir/vsm_text_attack.ko' mode=rodata 2>/dev/null"
sched_on() { grep -q wait_max /proc/self/sched; }
echo 1 >/proc/sys/kernel/sched_schedstats
check "before the lock, the sched_schedstats static key switches on" sched_on
echo 0 >/proc/sys/kernel/sched_schedstats

# KVM, loaded before the enforce policy (which does not list it); Intel
# hosts see no VMX under vsm until nested VMX exists.
if [ "$VSM_VENDOR" = amd ]; then
	check "kvm_amd loads" modprobe kvm_amd
else
	tap_skip "kvm_amd loads" "no nested VMX: KVM cannot load on a protected Intel host"
fi

# Enforce mode: only what the policy lists loads, and no write into the
# kernel image but a jump-label switch is carried out.
check "an enforce policy that lists the test modules loads" sh -c \
	"vsmctl policy scan --mode enforce -o /tmp/pin-policy.bin $dir/vsm_pin_attack.ko $dir/vsm_text_attack.ko $dir/ci/unsigned/vsm_ci_sample.ko >/dev/null && vsmctl policy load /tmp/pin-policy.bin >/dev/null"
sym() { awk -v s="$1" '$3 == s { print "0x" $1; exit }' /proc/kallsyms; }
jump_args="jt=$(sym __start___jump_table) ejt=$(sym __stop___jump_table) stext=$(sym _stext) etext=$(sym _etext)"
jump_args="$jump_args sct=$(sym __static_call_text_start) sct_end=$(sym __static_call_text_end)"

# A kprobe made before the lock, left disabled (armed only when enabled).
t=/sys/kernel/tracing
mount -t tracefs none $t 2>/dev/null
check "before the lock, a kprobe on do_sys_openat2 can be made" \
	sh -c "echo 'p:vsm_pre do_sys_openat2' >$t/kprobe_events"

check "lock" vsmctl lock --yes
locked=$(vsmctl audit | grep ' locked ' | tail -n 1)
echo "# $locked"
check "the lock write-protected the kernel image and took its jump labels" sh -c \
	"echo '$locked' | awk '{ exit !(\$7 + 0 > 0 && \$8 + 0 > 100) }'"
vsmctl audit | grep ' module_code ' | sed 's/^/# /'
if [ "$VSM_VENDOR" = amd ]; then
	check "the lock write-protected the code of kvm and kvm_amd, loaded before it" \
		[ "$(vsmctl audit | grep -c ' module_code  *froze ')" -ge 2 ]
fi

for c in $cpus; do
	esp=$("$msr" "$c" 0x175)
	lstar=$("$msr" "$c" 0xc0000082)
	efer=$("$msr" "$c" 0xc0000080)
	"$msr" "$c" 0x175 $((esp + 4096))
	check "cpu $c: a changed SYSENTER_ESP is ignored" [ "$("$msr" "$c" 0x175)" = "$esp" ]
	"$msr" "$c" 0xc0000082 0xffffffff81000000
	check "cpu $c: LSTAR keeps the syscall entry" [ "$("$msr" "$c" 0xc0000082)" = "$lstar" ]
	"$msr" "$c" 0xc0000080 $((efer & ~2048))
	check "cpu $c: EFER.NXE cannot be cleared" \
		[ $(( $("$msr" "$c" 0xc0000080) & 2048 )) -ne 0 ]
	check "cpu $c: writing the pinned value itself is allowed" "$msr" "$c" 0x175 "$esp"
done
for m in cr4 cr0 cr0ne idt gdt; do
	check "locked: no CPU's $m changes (module attack)" insmod "$dir/vsm_pin_attack.ko" mode=$m
	rmmod vsm_pin_attack 2>/dev/null
done
# VMX exits on LTR and LLDT once the tables are pinned, and vsm emulates
# them: as the CPU does, a non-canonical base must #GP, never reach the
# VMCS (the next VM entry would fail).  AMD does not intercept them.
if [ "$VSM_VENDOR" = intel ]; then
	for m in ltr lldt; do
		check "locked: an emulated $m of a non-canonical descriptor faults" \
			insmod "$dir/vsm_pin_attack.ko" mode=$m
		rmmod vsm_pin_attack 2>/dev/null
	done
	check "  ... and every CPU still answers" sh -c 'vsmctl ping >/dev/null'
else
	tap_skip "locked: an emulated ltr/lldt of a non-canonical descriptor faults" \
		"AMD does not intercept LTR or LLDT: the CPU checks them itself"
fi
for m in text rodata jump scall; do
	check "locked: a module's write to kernel $m through an alias is refused" \
		insmod "$dir/vsm_text_attack.ko" mode=$m $jump_args
	rmmod vsm_text_attack 2>/dev/null
done
# Module code (HVCI-like): an allowed module that loads on the locked host
# is write-protected as it loads (Documentation/code-integrity.rst); its
# own jump labels still switch; writes through an alias of its text or
# read-only data are refused; unloaded, its pages are writable again, and
# it loads again.
check "locked: an allowed module's own static key switches (its site was taken)" \
	insmod "$dir/vsm_text_attack.ko" mode=modkey
froze=$(vsmctl audit | grep ' module_code  *froze ' | tail -n 1)
echo "# $froze"
rmmod vsm_text_attack 2>/dev/null
check "  ... its code was write-protected as it loaded, no page left writable" sh -c \
	"echo '$froze' | grep -Eq 'froze 0xffffffff[0-9a-f]+: [1-9][0-9]* pages write-protected, [1-9][0-9]* patch sites, 0 pages left'"
check "  ... and made writable again when it went" sh -c \
	"vsmctl audit | tail -n 3 | grep -Eq ' module_code  *thawed 0x[0-9a-f]+: [1-9][0-9]* pages writable again'"
for m in modtext modrodata; do
	check "locked: a module's write to its own ${m#mod} through an alias is refused" \
		insmod "$dir/vsm_text_attack.ko" mode=$m
	dmesg | grep "vsm_text_attack: $m:" | tail -n 1 | sed 's/^/# /'
	rmmod vsm_text_attack 2>/dev/null
done
check "  ... and it still loads and switches its key after all that" \
	insmod "$dir/vsm_text_attack.ko" mode=modkey
rmmod vsm_text_attack 2>/dev/null
# The kernel's own patchers meet a refusal as an error, not a BUG in
# text_poke() (kmod/driver/text_guard.c).
check "locked: a new kprobe in the kernel text is refused with an error" \
	sh -c "! echo 'p:vsm_post vfs_read' >>$t/kprobe_events"
check "locked: enabling the kprobe made before the lock is refused" \
	sh -c "! echo 1 >$t/events/kprobes/vsm_pre/enable"
check "locked: the function tracer is refused" sh -c "! echo function >$t/current_tracer"
check "  ... and the tracer stays nop" grep -qx nop $t/current_tracer
tp=$(sym text_poke)
check "locked: text_poke() itself into schedule() writes nothing and does not BUG" \
	insmod "$dir/vsm_text_attack.ko" mode=textpoke tp=$tp
rmmod vsm_text_attack 2>/dev/null
check "  ... the kernel log names the refusal" \
	sh -c "dmesg | grep -q 'refused a write of 4 byte(s) into the locked kernel text at schedule'"
echo >$t/kprobe_events
# Executable memory outside approved code: found and audited.
check "locked: an exec scan finds nothing unapproved" vsmctl exec-scan
insmod "$dir/ci/unsigned/vsm_ci_sample.ko"
sleep 1		# its init text is freed by a work item
check "  ... nor after an allowed module loads" vsmctl exec-scan
rmmod vsm_ci_sample
insmod "$dir/vsm_text_attack.ko" mode=execmap
pa=$(dmesg | sed -n 's/.*execmap: code at .*, physical \(0x[0-9a-f]*\), ran$/\1/p' | tail -n 1)
check "a module maps a page of its own code executable (at $pa) ..." [ -n "$pa" ]
check "  ... the exec scan reports it" sh -c '! vsmctl exec-scan >/dev/null'
check "  ... and audits it with its physical address" \
	sh -c "vsmctl audit | grep ' exec_mapping ' | grep -q ' $pa 0\$'"
rmmod vsm_text_attack
check "  ... gone once it is unmapped" vsmctl exec-scan
echo 1 >/proc/sys/kernel/sched_schedstats
check "locked: the kernel still switches its static keys (schedstats on)" sched_on
echo 0 >/proc/sys/kernel/sched_schedstats
check "  ... and off again" sh -c '! grep -q wait_max /proc/self/sched'
# A tracepoint's first probe switches its static call (a trampoline in the
# kernel text) and its static key: tracing still works on the locked host.
check "locked: a tracepoint can be enabled (static call and key switched)" \
	sh -c "echo 1 >$t/events/sched/sched_switch/enable && sleep 1 && grep -q 'sched_switch:' $t/trace"
check "  ... and disabled" sh -c "echo 0 >$t/events/sched/sched_switch/enable"
check "system calls still work on every CPU" sh -c \
	"for c in $(echo $cpus); do taskset -c \$c true || exit 1; done"
check "every CPU still answers" sh -c 'vsmctl ping >/dev/null'
out=$(mktemp)
vsmctl audit >"$out"
grep ' refused  *0x5 ' "$out" | sed 's/^/# /'
check "the refused LSTAR write is audited with its value" \
	grep -q ' refused  *0x5 0xc0000082 0xffffffff81000000' "$out"
ncpu=$(echo $cpus | wc -w)
check "one refusal per refused MSR write" \
	[ "$(grep -c ' refused  *0x5 0x[0-9a-f]\{1,8\} ' "$out")" -eq $((3 * ncpu)) ]
# refusals N WHAT NAME: N audited refusals of pinned WHAT per CPU.
refusals() {
	check "$1 audited refusal(s) of $3 per CPU" \
		[ "$(grep -c " refused  *0x5 $2 " "$out")" -eq $(($1 * ncpu)) ]
}
refusals 1 0x100000004 CR4
refusals 2 0x100000000 CR0	# the cr0 and cr0ne attacks write different values
refusals 1 0x200000001 IDTR
refusals 1 0x200000000 GDTR
check "six audited refusals of kernel and module code writes, none for static keys or calls" \
	[ "$(grep -c ' refused  *0x7 0x[0-9a-f]* 0x' "$out")" -eq 6 ]
check "one audited refusal of a text_poke() (RIP 0: no instruction ran)" \
	[ "$(grep -c ' refused  *0x7 0x[0-9a-f]* 0 ' "$out")" -eq 1 ]
cr4=$(sed -n 's/.* refused  *0x5 0x100000004 \(0x[0-9a-f]*\).*/\1/p' "$out" | head -n 1)
check "the refused CR4 write ($cr4) is the one that cleared SMEP" \
	[ -n "$cr4" ] && [ $((cr4 & 0x100000)) -eq 0 ]
# KVM on the locked, pinned host: its VMLOAD/VMSAVE of guest MSRs and its
# LTR through the writable GDT mapping are no attacks.
if [ "$VSM_VENDOR" = amd ]; then
	refusals=$(grep -c ' refused ' "$out")
	check "locked: a KVM guest runs and gives the right result" "$dir/vsm_kvm_guest" 1000
	vsmctl audit >"$out"
	check "locked: KVM caused no refusal" [ "$(grep -c ' refused ' "$out")" -eq "$refusals" ]
else
	tap_skip "locked: a KVM guest runs" "no nested VMX: KVM cannot load on a protected Intel host"
fi
check "locked: vsm cannot be unloaded" sh -c '! rmmod vsm 2>/dev/null'
check "pinned: the hypervisor tests pass (no exits on the hot paths)" \
	"$dir/vsm_hv_test"
check "the audit chain verifies" sh -c 'vsmctl audit --verify >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
rm -f "$out"
tap_done
