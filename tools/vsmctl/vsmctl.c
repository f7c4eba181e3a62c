// SPDX-License-Identifier: GPL-2.0
/*
 * vsmctl - operate the vsm secure mode from the command line.
 *
 * Exit status: 0 success, 1 the operation failed, 2 usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvsm.h"
#include "vsmctl.h"


static void usage(FILE *out)
{
	fprintf(out,
		"Usage: vsmctl [--device PATH] COMMAND [OPTIONS]\n"
		"\n"
		"Commands:\n"
		"  info [--json]   show module state and CPU capabilities\n"
		"  stats [--json]  show exits per CPU and nested paging coverage\n"
		"  ping            round trip to the secure world on every CPU\n"
		"  lock [--yes]    lock until reboot: no unload, no leaving the hypervisor\n"
		"  audit [--json] [--verify] [--from SEQ]\n"
		"                  print the audit log; --verify checks its hash chain\n"
		"  domain create|destroy ...   key domains (vsmctl domain --help)\n"
		"  key COMMAND ...             keys and their use (vsmctl key --help)\n"
		"  random BYTES [--out FILE]   random bytes from the secure world\n"
		"  policy scan|check|load|show ...\n"
		"                  code-integrity policy: which modules may load\n"
		"  exec-scan       audit executable kernel memory outside approved code\n"
		"  help            show this help\n"
		"\n"
		"Options:\n"
		"  -d, --device PATH   vsm device (default " VSM_DEVICE_PATH ")\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the ABI version vsmctl was built for\n");
}

static void print_info_json(const struct vsm_info *info)
{
	const struct vsm_cap_name *caps;
	size_t n, i;
	bool first = true;

	caps = vsm_cap_names(&n);
	printf("{\"abi_version\":%u", info->abi_version);
	printf(",\"state\":\"%s\"", vsm_state_name(info->state));
	printf(",\"vendor\":\"%s\"", vsm_vendor_name(info->vendor));
	printf(",\"nr_cpus\":%u", info->nr_cpus);
	printf(",\"phys_addr_bits\":%u", info->phys_addr_bits);
	printf(",\"caps\":[");
	for (i = 0; i < n; i++) {
		if (!(info->caps & caps[i].bit))
			continue;
		printf("%s\"%s\"", first ? "" : ",", caps[i].name);
		first = false;
	}
	printf("],\"svm_disabled_by_firmware\":%s",
	       info->fw_locks & VSM_FW_SVM_DISABLED ? "true" : "false");
	printf(",\"vmx_disabled_by_firmware\":%s",
	       info->fw_locks & VSM_FW_VMX_DISABLED ? "true" : "false");
	printf(",\"svm_revision\":%u", info->svm_revision);
	printf(",\"svm_nr_asids\":%u", info->svm_nr_asids);
	printf(",\"vmcs_revision\":%u", info->vmcs_revision);
	printf(",\"nr_protected_cpus\":%u", info->nr_protected_cpus);
	printf(",\"region_base\":%llu", (unsigned long long)info->region_base);
	printf(",\"region_size\":%llu", (unsigned long long)info->region_size);
	printf(",\"nested_pages\":%u", info->nested_pages);
	printf(",\"cpu_bytes\":%llu", (unsigned long long)info->cpu_bytes);
	printf(",\"dma\":\"%s\"}\n", vsm_dma_name(info->dma));
}

static void print_info_text(const struct vsm_info *info)
{
	const struct vsm_cap_name *caps;
	size_t n, i;

	caps = vsm_cap_names(&n);
	printf("state:            %s\n", vsm_state_name(info->state));
	printf("abi version:      %u\n", info->abi_version);
	printf("cpu vendor:       %s\n", vsm_vendor_name(info->vendor));
	printf("online cpus:      %u\n", info->nr_cpus);
	printf("protected cpus:   %u\n", info->nr_protected_cpus);
	if (info->region_size)
		printf("secure region:    %llu KiB at %#llx\n",
		       (unsigned long long)info->region_size >> 10,
		       (unsigned long long)info->region_base);
	if (info->region_size && info->nested_pages)
		printf("nested svm:       on, %u pages of shadow nested tables per cpu\n",
		       info->nested_pages);
	else if (info->region_size)
		printf("nested svm:       off (SVM hidden from the host)\n");
	if (info->region_size && info->cpu_bytes)
		printf("secure per cpu:   %llu KiB (%llu KiB state + %u pages of shadow tables)\n",
		       (unsigned long long)info->cpu_bytes >> 10,
		       (unsigned long long)(info->cpu_bytes -
					    info->nested_pages * 4096ULL) >> 10,
		       info->nested_pages);
	printf("dma:              %s\n", vsm_dma_name(info->dma));
	printf("phys addr bits:   %u\n", info->phys_addr_bits);
	if (info->vendor == VSM_VENDOR_AMD)
		printf("svm revision:     %u (%u ASIDs)\n", info->svm_revision,
		       info->svm_nr_asids);
	if (info->vendor == VSM_VENDOR_INTEL)
		printf("vmcs revision:    %#x\n", info->vmcs_revision);
	printf("firmware locks:   %s%s%s\n",
	       info->fw_locks ? "" : "none",
	       info->fw_locks & VSM_FW_SVM_DISABLED ? "svm-disabled " : "",
	       info->fw_locks & VSM_FW_VMX_DISABLED ? "vmx-disabled " : "");
	printf("capabilities:\n");
	for (i = 0; i < n; i++)
		printf("  %-20s %s\n", caps[i].name,
		       info->caps & caps[i].bit ? "yes" : "no");
}

/* Options of commands that take only --json: 0, or an exit status. */
static int parse_json_opt(int argc, char **argv, const char *usage_line,
			  bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	*json = false;
	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			*json = true;
			break;
		case 'h':
			printf("Usage: %s\n", usage_line);
			return -1;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "vsmctl %s: unexpected argument '%s'\n", argv[0],
			argv[optind]);
		return EXIT_USAGE;
	}
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	struct vsm_info info;
	bool json;
	int fd, ret;

	ret = parse_json_opt(argc, argv, "vsmctl info [--json]", &json);
	if (ret)
		return ret < 0 ? 0 : ret;
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = vsm_get_info(fd, &info);
	close(fd);
	if (ret) {
		fprintf(stderr, "vsmctl: VSM_IOC_GET_INFO failed: %s\n", strerror(-ret));
		return EXIT_FAILURE;
	}
	if (json)
		print_info_json(&info);
	else
		print_info_text(&info);
	return 0;
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

#define ULL(x) ((unsigned long long)(x))

static void print_stats_text(const struct vsm_stats *st,
			     const struct vsm_cpu_stats *cpus, uint32_t n)
{
	uint64_t large = st->npt_bytes_1g + st->npt_bytes_2m;
	unsigned int cls, i;

	if (!st->region_size) {
		printf("not protected: no hypervisor is running\n");
		return;
	}
	printf("secure region:    %llu KiB at %#llx\n",
	       ULL(st->region_size >> 10), ULL(st->region_base));
	printf("nested paging:    %llu MiB of RAM: 1G %.2f%%, 2M %.2f%%, 4K %.2f%%, unmapped %llu KiB\n",
	       ULL(st->ram_bytes >> 20), pct(ULL(st->npt_bytes_1g), ULL(st->ram_bytes)),
	       pct(ULL(st->npt_bytes_2m), ULL(st->ram_bytes)),
	       pct(ULL(st->npt_bytes_4k), ULL(st->ram_bytes)), ULL(st->npt_bytes_unmapped >> 10));
	printf("large pages:      %.2f%% of RAM\n", pct(large, ULL(st->ram_bytes)));
	printf("page tables:      %llu nested, %llu secure world\n",
	       ULL(st->npt_tables), ULL(st->sw_tables));
	printf("%-12s", "exits");
	for (i = 0; i < n; i++)
		printf(" %10s%-2u", "cpu", cpus[i].cpu);
	printf("\n%-12s", "state");
	for (i = 0; i < n; i++)
		printf(" %12s", cpus[i].state == VSM_CPU_PROTECTED ? "protected" : "off");
	printf("\n");
	for (cls = 0; cls < st->nr_exit_classes && vsm_exit_class_name(cls); cls++) {
		printf("%-12s", vsm_exit_class_name(cls));
		for (i = 0; i < n; i++)
			printf(" %12llu", ULL(cpus[i].exits[cls]));
		printf("\n");
	}
}

static void print_stats_json(const struct vsm_stats *st,
			     const struct vsm_cpu_stats *cpus, uint32_t n)
{
	unsigned int cls, i;

	printf("{\"region_base\":%llu,\"region_size\":%llu",
	       ULL(st->region_base), ULL(st->region_size));
	printf(",\"ram_bytes\":%llu", ULL(st->ram_bytes));
	printf(",\"npt_bytes_1g\":%llu", ULL(st->npt_bytes_1g));
	printf(",\"npt_bytes_2m\":%llu", ULL(st->npt_bytes_2m));
	printf(",\"npt_bytes_4k\":%llu", ULL(st->npt_bytes_4k));
	printf(",\"npt_bytes_unmapped\":%llu", ULL(st->npt_bytes_unmapped));
	printf(",\"npt_tables\":%llu", ULL(st->npt_tables));
	printf(",\"sw_tables\":%llu,\"cpus\":[", ULL(st->sw_tables));
	for (i = 0; i < n; i++) {
		printf("%s{\"cpu\":%u,\"state\":\"%s\",\"exits\":{", i ? "," : "",
		       cpus[i].cpu,
		       cpus[i].state == VSM_CPU_PROTECTED ? "protected" : "off");
		for (cls = 0; cls < st->nr_exit_classes && vsm_exit_class_name(cls); cls++)
			printf("%s\"%s\":%llu", cls ? "," : "",
			       vsm_exit_class_name(cls), ULL(cpus[i].exits[cls]));
		printf("}}");
	}
	printf("]}\n");
}

static int cmd_stats(int argc, char **argv)
{
	struct vsm_cpu_stats *cpus;
	struct vsm_stats st;
	uint32_t n;
	bool json;
	int fd, ret;

	ret = parse_json_opt(argc, argv, "vsmctl stats [--json]", &json);
	if (ret)
		return ret < 0 ? 0 : ret;
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = vsm_get_stats(fd, &st, NULL, 0);
	n = st.nr_cpus;
	cpus = calloc(n ? n : 1, sizeof(*cpus));
	if (!ret && cpus)
		ret = vsm_get_stats(fd, &st, cpus, n);
	close(fd);
	if (ret || !cpus) {
		fprintf(stderr, "vsmctl: VSM_IOC_STATS failed: %s\n",
			strerror(cpus ? -ret : ENOMEM));
		free(cpus);
		return EXIT_FAILURE;
	}
	if (n > st.nr_cpus)
		n = st.nr_cpus;
	if (json)
		print_stats_json(&st, cpus, n);
	else
		print_stats_text(&st, cpus, n);
	free(cpus);
	return 0;
}

static int cmd_ping(int argc, char **argv)
{
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	uint64_t result;
	uint32_t ran_on;
	int fd, ret = 0, failed = 0;
	long cpu;
	bool json;

	ret = parse_json_opt(argc, argv, "vsmctl ping [--json]", &json);
	if (ret)
		return ret < 0 ? 0 : ret;
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	for (cpu = 0; cpu < ncpu; cpu++) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			continue;	/* offline */
		ret = vsm_ping(fd, (uint64_t)cpu * 1000, &result, &ran_on);
		if (!ret && (result != (uint64_t)cpu * 1000 + 1 || ran_on != cpu))
			ret = -EPROTO;
		if (ret)
			failed++;
		if (json)
			printf("{\"cpu\":%ld,\"ok\":%s}\n", cpu, ret ? "false" : "true");
		else
			printf("cpu %ld: %s\n", cpu, ret ? strerror(-ret) : "ok");
	}
	close(fd);
	return failed ? EXIT_FAILURE : 0;
}

static int cmd_lock(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	char answer[16] = "";
	bool yes = false;
	int c, fd, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "yh", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			yes = true;
			break;
		case 'h':
			printf("Usage: vsmctl lock [--yes]\n");
			return 0;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "vsmctl lock: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	if (!yes) {
		printf("Locking vsm cannot be undone until the machine reboots: the\n"
		       "module can no longer be unloaded and the hypervisor stays on\n"
		       "every CPU.  Type 'lock' to continue: ");
		fflush(stdout);
		if (!fgets(answer, sizeof(answer), stdin) ||
		    strcmp(answer, "lock\n")) {
			fprintf(stderr, "vsmctl: not locked\n");
			return EXIT_FAILURE;
		}
	}
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = vsm_lock(fd);
	close(fd);
	if (ret) {
		fprintf(stderr, "vsmctl: lock failed: %s%s\n", strerror(-ret),
			ret == -ENODEV ? " (the host is not protected)" : "");
		return EXIT_FAILURE;
	}
	printf("locked until reboot\n");
	return 0;
}

/* What a VSM_AUDIT_REFUSED record refused (arg 0). */
static const char *const refusal_names[] = {
	[VSM_REFUSED_DEVIRT] = "leave the hypervisor",
	[VSM_REFUSED_MSR_WRITE] = "MSR write",
	[VSM_REFUSED_SUSPEND] = "suspend, reported by the driver",
	[VSM_REFUSED_CPU_OFFLINE] = "CPU offline, reported by the driver",
	[VSM_REFUSED_PINNED] = "change of pinned state, ignored",
	[VSM_REFUSED_CI_POLICY] = "code-integrity policy load",
	[VSM_REFUSED_TEXT_WRITE] = "write into the kernel image, skipped",
	[VSM_REFUSED_HC_BUFFER] = "hypercall buffer not the host's to use",
	[VSM_REFUSED_DECOY_WRITE] = "write into a contained page, #GP",
};

/* What a VSM_REFUSED_PINNED record names in arg 1. */
static const char *pinned_name(uint64_t what)
{
	switch (what) {
	case VSM_PINNED_CR0:
		return "CR0";
	case VSM_PINNED_CR4:
		return "CR4";
	case VSM_PINNED_GDTR:
		return "GDTR";
	case VSM_PINNED_IDTR:
		return "IDTR";
	default:
		return what >> 32 ? "?" : "MSR";
	}
}

static void print_record(const struct vsm_audit_record *r, bool json)
{
	if (json) {
		printf("{\"seq\":%llu,\"tsc\":%llu,\"cpu\":%u,\"type\":\"%s\",",
		       ULL(r->seq), ULL(r->tsc), r->cpu, vsm_audit_type_name(r->type));
		printf("\"args\":[%llu,%llu,%llu,%llu],\"hash\":\"",
		       ULL(r->arg[0]), ULL(r->arg[1]), ULL(r->arg[2]), ULL(r->arg[3]));
		for (int i = 0; i < 32; i++)
			printf("%02x", r->hash[i]);
		printf("\"}\n");
		return;
	}
	printf("%8llu  tsc %-16llu cpu %-3u %-14s ", ULL(r->seq), ULL(r->tsc), r->cpu,
	       vsm_audit_type_name(r->type));
	if (r->type == VSM_AUDIT_DMA) {
		printf("%s", vsm_dma_name((uint32_t)r->arg[0]));
		if (r->arg[1])
			printf(" (IOMMU at %#llx, %lld)", ULL(r->arg[1]), (long long)r->arg[2]);
		putchar('\n');
		return;
	}
	if (r->type == VSM_AUDIT_DMA_FAULT) {
		uint32_t dev = r->arg[0] & 0xffff, code = (r->arg[0] >> 16) & 0xffff;

		printf("device %02x:%02x.%u %s %#llx (event %#x, flags %#llx)\n",
		       dev >> 8, (dev >> 3) & 0x1f, dev & 7, r->arg[2] ? "write" : "read",
		       ULL(r->arg[1]), code, ULL(r->arg[0] >> 32));
		return;
	}
	if (r->type == VSM_AUDIT_MODULE_CODE) {
		if (r->arg[2] == VSM_MODULE_THAWED)
			printf("thawed %#llx: %llu pages writable again\n",
			       ULL(r->arg[0]), ULL(r->arg[1]));
		else
			printf("froze %#llx: %llu pages write-protected, %llu patch sites, %llu pages left writable, %llu split tables in use\n",
			       ULL(r->arg[0]), ULL(r->arg[1]), ULL(r->arg[2] & 0xffffffff),
			       ULL((r->arg[2] >> 32) & 0xffff), ULL(r->arg[2] >> 48));
		return;
	}
	if (r->type == VSM_AUDIT_KEY_OP) {
		const char *op = vsm_key_op_name((uint32_t)r->arg[2]);
		int32_t res = (int32_t)(r->arg[2] >> 32);

		printf("domain %llu key %llu %s %s\n", ULL(r->arg[0]), ULL(r->arg[1]),
		       op ? op : "?", res ? strerror(-res) : "ok");
		return;
	}
	printf("%#llx %#llx %#llx", ULL(r->arg[0]), ULL(r->arg[1]), ULL(r->arg[2]));
	if (r->type == VSM_AUDIT_REFUSED && r->arg[0] == VSM_REFUSED_PINNED)
		printf("  (%s: %s)", refusal_names[r->arg[0]], pinned_name(r->arg[1]));
	else if (r->type == VSM_AUDIT_REFUSED && r->arg[0] >= 1 &&
		 r->arg[0] <= VSM_REFUSED_DECOY_WRITE)
		printf("  (%s)", refusal_names[r->arg[0]]);
	putchar('\n');
}

static int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "verify", no_argument, NULL, 'v' },
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	static struct vsm_audit_record recs[VSM_AUDIT_READ_MAX];
	static const uint8_t zero[32];
	bool json = false, verify = false, have_prev = false;
	struct vsm_audit_record prev;
	uint64_t cursor = 1, first, total = 0, lost = 0;
	uint32_t n, bad;
	int c, fd, ret = 0;
	char *end;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jvf:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'v':
			verify = true;
			break;
		case 'f':
			cursor = strtoull(optarg, &end, 0);
			if (*end || !*optarg) {
				fprintf(stderr, "vsmctl audit: bad --from '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			printf("Usage: vsmctl audit [--json] [--verify] [--from SEQ]\n");
			return 0;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "vsmctl audit: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	for (;;) {
		uint64_t asked = cursor;

		n = VSM_AUDIT_READ_MAX;
		ret = vsm_audit_read(fd, &cursor, recs, &n, &first);
		if (ret || !n)
			break;
		if (first > asked)
			lost += first - asked;
		for (uint32_t i = 0; i < n; i++)
			print_record(&recs[i], json);
		if (verify) {
			/* Across reads: the last record seen chains into the next. */
			const uint8_t *ph = have_prev ? prev.hash :
					    recs[0].seq == 1 ? zero : NULL;

			if (have_prev && recs[0].seq != prev.seq + 1)
				ph = NULL;
			ret = vsm_audit_verify_chain(recs, n, ph, &bad);
			if (ret) {
				fprintf(stderr, "vsmctl: audit log does not verify at record %llu: %s\n",
					ULL(recs[bad].seq), ret == -EBADMSG ?
					"hash mismatch" : "sequence gap");
				close(fd);
				return EXIT_FAILURE;
			}
		}
		prev = recs[n - 1];
		have_prev = true;
		total += n;
	}
	close(fd);
	if (ret) {
		fprintf(stderr, "vsmctl: VSM_IOC_AUDIT_READ failed: %s%s\n",
			strerror(-ret), ret == -ENODEV ? " (the host is not protected)" : "");
		return EXIT_FAILURE;
	}
	if (verify)
		fprintf(json ? stderr : stdout,
			"audit log: %llu records, hash chain verified%s\n", ULL(total),
			lost ? " (older records lost by design, see records_lost)" : "");
	return 0;
}

static int cmd_exec_scan(int argc, char **argv)
{
	uint32_t n;
	int fd, ret;

	if (argc != 1) {
		fprintf(stderr, "usage: vsmctl exec-scan (no arguments, not '%s')\n", argv[1]);
		return EXIT_USAGE;
	}
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = vsm_ci_exec_scan(fd, &n);
	close(fd);
	if (ret) {
		fprintf(stderr, "vsmctl: exec scan failed: %s\n", strerror(-ret));
		return EXIT_FAILURE;
	}
	printf("%u executable kernel range%s outside approved code%s\n", n, n == 1 ? "" : "s",
	       n ? " (vsmctl audit lists them as exec_mapping)" : "");
	return n ? EXIT_FAILURE : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ }
	};
	int c;

	/* Stop at the command: its options are its own. */
	while ((c = getopt_long(argc, argv, "+d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			vsmctl_device_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("vsmctl for vsm ABI version %d\n", VSM_ABI_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	if (!strcmp(argv[0], "info"))
		return cmd_info(argc, argv);
	if (!strcmp(argv[0], "stats"))
		return cmd_stats(argc, argv);
	if (!strcmp(argv[0], "ping"))
		return cmd_ping(argc, argv);
	if (!strcmp(argv[0], "lock"))
		return cmd_lock(argc, argv);
	if (!strcmp(argv[0], "audit"))
		return cmd_audit(argc, argv);
	if (!strcmp(argv[0], "domain"))
		return vsmctl_cmd_domain(argc, argv);
	if (!strcmp(argv[0], "key"))
		return vsmctl_cmd_key(argc, argv);
	if (!strcmp(argv[0], "random"))
		return vsmctl_cmd_random(argc, argv);
	if (!strcmp(argv[0], "policy"))
		return vsmctl_cmd_policy(argc, argv);
	if (!strcmp(argv[0], "exec-scan"))
		return cmd_exec_scan(argc, argv);
	if (!strcmp(argv[0], "help")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "vsmctl: unknown command '%s' (try 'vsmctl help')\n", argv[0]);
	return EXIT_USAGE;
}
