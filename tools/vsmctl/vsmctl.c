// SPDX-License-Identifier: GPL-2.0
/*
 * vsmctl - operate the vsm secure mode from the command line.
 *
 * Exit status: 0 success, 1 the operation failed, 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvsm.h"

#define EXIT_USAGE 2

static const char *device_path = VSM_DEVICE_PATH;

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: vsmctl [--device PATH] COMMAND [OPTIONS]\n"
		"\n"
		"Commands:\n"
		"  info [--json]   show module state and CPU capabilities\n"
		"  help            show this help\n"
		"\n"
		"Options:\n"
		"  -d, --device PATH   vsm device (default " VSM_DEVICE_PATH ")\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the ABI version vsmctl was built for\n");
}

static int open_device(void)
{
	int fd = vsm_open(device_path);

	if (fd >= 0)
		return fd;
	fprintf(stderr, "vsmctl: cannot open %s: %s", device_path, strerror(-fd));
	if (fd == -ENOENT)
		fprintf(stderr, " (is the vsm module loaded?)");
	else if (fd == -EACCES || fd == -EPERM)
		fprintf(stderr, " (the device is root-only by default)");
	fputc('\n', stderr);
	return -1;
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
	printf(",\"vmcs_revision\":%u}\n", info->vmcs_revision);
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

static int cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct vsm_info info;
	bool json = false;
	int c, fd, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			printf("Usage: vsmctl info [--json]\n");
			return 0;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "vsmctl info: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}

	fd = open_device();
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
			device_path = optarg;
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
	if (!strcmp(argv[0], "help")) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "vsmctl: unknown command '%s' (try 'vsmctl help')\n", argv[0]);
	return EXIT_USAGE;
}
