// SPDX-License-Identifier: GPL-2.0
/*
 * VSM_IOC_STATS: per-CPU exit counters, read from the secure world with
 * one hypercall per CPU, and the secure region's layout and coverage.
 */
#include <linux/build_bug.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/io.h>

#include "hv.h"
#include "vsm.h"
#include "../common/abi.h"
#include "../common/sw_abi.h"

static_assert(sizeof(struct vsm_stats) == VSM_STATS_SIZE_VER0);
static_assert(sizeof(struct vsm_ping) == VSM_PING_SIZE_VER0);
static_assert(VSM_EXIT_CLASSES <= VSM_EXIT_CLASS_MAX);
static_assert(VSM_EXIT_CPUID == VSM_EXIT_CLASS_CPUID);
static_assert(VSM_EXIT_VMMCALL == VSM_EXIT_CLASS_VMMCALL);
static_assert(VSM_EXIT_MSR_READ == VSM_EXIT_CLASS_MSR_READ);
static_assert(VSM_EXIT_MSR_WRITE == VSM_EXIT_CLASS_MSR_WRITE);
static_assert(VSM_EXIT_VMRUN == VSM_EXIT_CLASS_VMRUN);
static_assert(VSM_EXIT_NPF == VSM_EXIT_CLASS_NPF);
static_assert(VSM_EXIT_SHUTDOWN == VSM_EXIT_CLASS_SHUTDOWN);
static_assert(VSM_EXIT_OTHER == VSM_EXIT_CLASS_OTHER);
static_assert(VSM_EXIT_IO == VSM_EXIT_CLASS_IO);
static_assert(VSM_EXIT_CR_WRITE == VSM_EXIT_CLASS_CR_WRITE);
static_assert(VSM_EXIT_DT_WRITE == VSM_EXIT_CLASS_DT_WRITE);
static_assert(VSM_EXIT_TLB_FLUSH == VSM_EXIT_CLASS_TLB_FLUSH);
static_assert(VSM_EXIT_L2 == VSM_EXIT_CLASS_L2);
static_assert(VSM_SNPT_POOL_MIN == VSM_NESTED_PAGES_MIN);
static_assert(VSM_EXIT_L2_REFLECTED == VSM_EXIT_CLASS_L2_REFLECTED);
static_assert(VSM_EXIT_L2_NPF == VSM_EXIT_CLASS_L2_NPF);
static_assert(VSM_EXIT_SNPT_REBUILD == VSM_EXIT_CLASS_SNPT_REBUILD);

/* One CPU's counters; @buf is a kernel page the secure world writes to. */
static void read_cpu(unsigned int cpu, struct vsm_hc_cpu_stats *buf,
		     struct vsm_cpu_stats *out)
{
	unsigned int i;
	long ret;

	memset(out, 0, sizeof(*out));
	out->cpu = cpu;
	if (!vsm_hv_cpu_protected(cpu))
		return;
	preempt_disable();
	ret = vsm_hv_call(VSM_HC_GET_STATS, cpu, virt_to_phys(buf), 0);
	preempt_enable();
	if (ret)
		return;
	out->state = VSM_CPU_PROTECTED;
	for (i = 0; i < VSM_EXIT_CLASSES; i++)
		out->exits[i] = buf->exits[i];
}

static int copy_cpus(u64 uptr, u32 n)
{
	struct vsm_cpu_stats __user *ucpus = u64_to_user_ptr(uptr);
	struct vsm_hc_cpu_stats *buf;
	struct vsm_cpu_stats entry;
	unsigned int cpu;
	int ret = 0;

	buf = (void *)__get_free_page(GFP_KERNEL | __GFP_ZERO);
	if (!buf)
		return -ENOMEM;
	for (cpu = 0; cpu < n; cpu++) {
		read_cpu(cpu, buf, &entry);
		if (copy_to_user(&ucpus[cpu], &entry, sizeof(entry))) {
			ret = -EFAULT;
			break;
		}
	}
	free_page((unsigned long)buf);
	return ret;
}

/**
 * vsm_ioctl_stats() - handle VSM_IOC_STATS
 * @uarg: user pointer to struct vsm_stats
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_stats(void __user *uarg)
{
	struct vsm_pt_coverage cov;
	struct vsm_stats st;
	u32 usize, n;
	u64 pa, size, sw_tables;
	u32 nested_pages;
	int ret;

	ret = vsm_copy_arg_from_user(&st, sizeof(st), VSM_STATS_SIZE_VER0, uarg);
	if (ret)
		return ret;
	ret = vsm_check_stats_request(&st);
	if (ret)
		return ret;
	usize = st.hdr.size;
	n = min_t(u32, st.nr_cpus, nr_cpu_ids);
	if (n) {
		ret = copy_cpus(st.cpus_ptr, n);
		if (ret)
			return ret;
	}

	vsm_hv_region_info(&pa, &size, &cov, &sw_tables, &nested_pages);
	st.nr_cpus = nr_cpu_ids;
	st.nr_exit_classes = VSM_EXIT_CLASSES;
	st.region_base = pa;
	st.region_size = size;
	st.npt_bytes_4k = cov.bytes[1];
	st.npt_bytes_2m = cov.bytes[2];
	st.npt_bytes_1g = cov.bytes[3];
	st.npt_bytes_unmapped = cov.unmapped;
	st.ram_bytes = cov.bytes[1] + cov.bytes[2] + cov.bytes[3] + cov.unmapped;
	st.npt_tables = cov.tables;
	st.sw_tables = sw_tables;
	return vsm_copy_arg_to_user(uarg, usize, &st, sizeof(st));
}

/**
 * vsm_ioctl_ping() - handle VSM_IOC_PING
 * @uarg: user pointer to struct vsm_ping
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_ping(void __user *uarg)
{
	struct vsm_ping p;
	u32 usize;
	long ret;

	ret = vsm_copy_arg_from_user(&p, sizeof(p), VSM_PING_SIZE_VER0, uarg);
	if (ret)
		return ret;
	ret = vsm_check_ping_request(&p);
	if (ret)
		return ret;
	usize = p.hdr.size;
	preempt_disable();
	p.cpu = smp_processor_id();
	ret = vsm_hv_call(VSM_HC_PING, p.value, 0, 0);
	preempt_enable();
	if (ret < 0)
		return ret;
	p.value = ret;
	return vsm_copy_arg_to_user(uarg, usize, &p, sizeof(p));
}
