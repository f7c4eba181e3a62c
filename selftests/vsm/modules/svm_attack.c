// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_svm_attack - plays a compromised kernel that uses the SVM
 * instructions themselves against the secure region.  VMSAVE writes and
 * VMLOAD reads memory by *physical* address; a guest whose hypervisor does
 * not intercept them reaches around its own nested page tables.  For the
 * selftests only.
 *
 * mode=hidden: SVM is hidden from the host (EFER.SVME reads 0): VMSAVE,
 * VMLOAD, CLGI, STGI and INVLPGA must all raise #UD.  Each is tried with
 * an exception fixup; VMSAVE and VMLOAD aim at the secure region.
 *
 * mode=nested region=PA: SVM is offered to the host: set EFER.SVME, then
 * VMSAVE into and VMLOAD from the secure region must raise #GP, while
 * VMSAVE and VMLOAD on a page of the host's own work.  EFER is put back.
 *
 * mode=nmi region=PA: an NMI while the host's GIF is clear is held, as a
 * CPU holds it: set EFER.SVME, CLGI, send this CPU an NMI, spin 20 ms
 * (the NMI handler must not run), STGI (it must run now, exactly once).
 * A hypervisor that let the NMI through would run Linux's NMI handler in
 * the middle of KVM's world switch (guest GS and TR loaded).
 *
 * Loading succeeds only if every instruction behaved as required on every
 * CPU; what each CPU saw is logged.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/delay.h>
#include <asm/apic.h>
#include <asm/asm.h>
#include <asm/nmi.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/trapnr.h>

static char *mode = "hidden";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "hidden, nested or nmi");
static unsigned long region;
module_param(region, ulong, 0444);
MODULE_PARM_DESC(region, "physical address of the secure region");

#define NO_FAULT	-1

enum svm_op { OP_VMSAVE, OP_VMLOAD, OP_CLGI, OP_STGI, OP_INVLPGA };
static const char * const op_name[] = { "vmsave", "vmload", "clgi", "stgi", "invlpga" };

static atomic_t wrong = ATOMIC_INIT(0);
static void *own_page[NR_CPUS];

/*
 * try_<name>(rax): run one instruction (RAX: the address, ECX: 0) with a
 * fixup that skips it if it faults, which leaves the vector in RAX.
 * Return: the vector it raised, or NO_FAULT.
 */
#define DEFINE_TRY(name, insn)						\
static long try_##name(unsigned long ax)				\
{									\
	long done = 0;							\
									\
	asm volatile("1: " insn "\n\tmovq $1, %1\n2:\n"			\
		     _ASM_EXTABLE_FAULT(1b, 2b)				\
		     : "+a"(ax), "+r"(done) : "c"(0) : "memory");		\
	return done ? NO_FAULT : (long)ax;				\
}

DEFINE_TRY(vmsave, "vmsave %%rax")
DEFINE_TRY(vmload, "vmload %%rax")
DEFINE_TRY(clgi, "clgi")
DEFINE_TRY(stgi, "stgi")
DEFINE_TRY(invlpga, "invlpga %%rax, %%ecx")

static long svm_insn(enum svm_op op, unsigned long rax)
{
	switch (op) {
	case OP_VMSAVE:
		return try_vmsave(rax);
	case OP_VMLOAD:
		return try_vmload(rax);
	case OP_CLGI:
		return try_clgi(rax);
	case OP_STGI:
		return try_stgi(rax);
	default:
		return try_invlpga(rax);
	}
}

static void expect(enum svm_op op, unsigned long rax, long want)
{
	long got = svm_insn(op, rax);

	pr_info("cpu %d: %s %#lx: %s %ld (want %ld)\n", smp_processor_id(),
		op_name[op], rax, got == NO_FAULT ? "ran," : "vector", got, want);
	if (got != want)
		atomic_inc(&wrong);
}

static void attack_hidden(void *unused)
{
	unsigned long flags;

	local_irq_save(flags);
	/*
	 * If VMSAVE/VMLOAD did run, VMLOAD of the region would load garbage
	 * segment state; put the host's own back from a VMSAVE first.
	 */
	if (svm_insn(OP_VMSAVE, virt_to_phys(own_page[smp_processor_id()])) == NO_FAULT) {
		atomic_inc(&wrong);
		pr_info("cpu %d: vmsave ran for the host\n", smp_processor_id());
	}
	expect(OP_VMSAVE, region, X86_TRAP_UD);
	expect(OP_VMLOAD, region, X86_TRAP_UD);
	svm_insn(OP_VMLOAD, virt_to_phys(own_page[smp_processor_id()]));
	expect(OP_CLGI, 0, X86_TRAP_UD);
	expect(OP_STGI, 0, X86_TRAP_UD);
	expect(OP_INVLPGA, 0, X86_TRAP_UD);
	local_irq_restore(flags);
}

static void attack_nested(void *unused)
{
	unsigned long pa = virt_to_phys(own_page[smp_processor_id()]);
	unsigned long flags;
	u64 efer;

	local_irq_save(flags);
	rdmsrl(MSR_EFER, efer);
	if (wrmsrl_safe(MSR_EFER, efer | EFER_SVME)) {
		pr_info("cpu %d: EFER.SVME cannot be set\n", smp_processor_id());
		atomic_inc(&wrong);
		goto out;
	}
	expect(OP_VMSAVE, pa, NO_FAULT);
	expect(OP_VMSAVE, region, X86_TRAP_GP);
	expect(OP_VMSAVE, region + PAGE_SIZE, X86_TRAP_GP);
	expect(OP_VMLOAD, region, X86_TRAP_GP);
	expect(OP_VMLOAD, pa, NO_FAULT);
	expect(OP_VMSAVE, pa + 1, X86_TRAP_GP);
	wrmsrl(MSR_EFER, efer);
out:
	local_irq_restore(flags);
}

static atomic_t nmi_seen[NR_CPUS];
static bool nmi_armed[NR_CPUS];

static int count_nmi(unsigned int type, struct pt_regs *regs)
{
	int cpu = smp_processor_id();

	if (!READ_ONCE(nmi_armed[cpu]))
		return NMI_DONE;
	atomic_inc(&nmi_seen[cpu]);
	return NMI_HANDLED;
}

/* Spin up to @us microseconds for this CPU's NMI count to reach @want. */
static int wait_nmis(int cpu, int want, unsigned int us)
{
	while (atomic_read(&nmi_seen[cpu]) < want && us--)
		udelay(1);
	return atomic_read(&nmi_seen[cpu]);
}

static void attack_nmi(void *unused)
{
	int cpu = smp_processor_id(), during, after;
	unsigned long flags;
	u64 efer;

	local_irq_save(flags);
	rdmsrl(MSR_EFER, efer);
	if (wrmsrl_safe(MSR_EFER, efer | EFER_SVME)) {
		pr_info("cpu %d: EFER.SVME cannot be set\n", cpu);
		atomic_inc(&wrong);
		goto out;
	}
	WRITE_ONCE(nmi_armed[cpu], true);
	expect(OP_CLGI, 0, NO_FAULT);
	apic->send_IPI(cpu, NMI_VECTOR);
	during = wait_nmis(cpu, 1, 20000);
	expect(OP_STGI, 0, NO_FAULT);
	after = wait_nmis(cpu, 1, 20000);
	/* A second NMI would be one delivered twice (held and let through). */
	udelay(1000);
	after = atomic_read(&nmi_seen[cpu]);
	WRITE_ONCE(nmi_armed[cpu], false);
	pr_info("cpu %d: NMI while GIF clear: %d handled before STGI, %d after (want 0, 1)\n",
		cpu, during, after);
	if (during || after != 1)
		atomic_inc(&wrong);
	wrmsrl(MSR_EFER, efer);
out:
	local_irq_restore(flags);
}

static int __init vsm_svm_attack_init(void)
{
	bool nested = !strcmp(mode, "nested"), nmi = !strcmp(mode, "nmi");
	int cpu, ret = 0;

	if (!nested && !nmi && strcmp(mode, "hidden"))
		return -EINVAL;
	if (!region || region & ~PAGE_MASK)
		return -EINVAL;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		own_page[cpu] = (void *)get_zeroed_page(GFP_KERNEL);
		if (!own_page[cpu])
			ret = -ENOMEM;
	}
	if (!ret && nmi) {
		ret = register_nmi_handler(NMI_LOCAL, count_nmi, 0, "vsm_svm_attack");
		if (!ret) {
			on_each_cpu(attack_nmi, NULL, 1);
			unregister_nmi_handler(NMI_LOCAL, "vsm_svm_attack");
		}
		pr_info("%d unexpected results\n", atomic_read(&wrong));
		ret = ret ?: atomic_read(&wrong) ? -EPERM : 0;
	} else if (!ret) {
		on_each_cpu(nested ? attack_nested : attack_hidden, NULL, 1);
		pr_info("%d unexpected results\n", atomic_read(&wrong));
		ret = atomic_read(&wrong) ? -EPERM : 0;
	}
	for_each_online_cpu(cpu)
		free_page((unsigned long)own_page[cpu]);
	cpus_read_unlock();
	return ret;
}

static void __exit vsm_svm_attack_exit(void)
{
}

module_init(vsm_svm_attack_init);
module_exit(vsm_svm_attack_exit);
MODULE_DESCRIPTION("vsm selftest: a kernel using SVM instructions against the secure region");
MODULE_LICENSE("GPL");
