// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_msr - read or write an MSR through /dev/cpu/N/msr, as root can
 * (a test helper; busybox has no rdmsr/wrmsr).
 *
 * Usage: vsm_msr CPU MSR          print the value (hex)
 *        vsm_msr CPU MSR VALUE    write it
 * Exit 0 on success, 1 if the access failed, 2 on a usage error.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[64];
	uint64_t val;
	off_t msr;
	int fd;

	if (argc != 3 && argc != 4)
		return fprintf(stderr, "usage: vsm_msr CPU MSR [VALUE]\n"), 2;
	snprintf(path, sizeof(path), "/dev/cpu/%s/msr", argv[1]);
	msr = (off_t)strtoull(argv[2], NULL, 0);
	fd = open(path, argc == 4 ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		return perror(path), 1;
	if (argc == 4) {
		val = strtoull(argv[3], NULL, 0);
		if (pwrite(fd, &val, 8, msr) != 8)
			return perror("wrmsr"), 1;
		return 0;
	}
	if (pread(fd, &val, 8, msr) != 8)
		return perror("rdmsr"), 1;
	printf("%#" PRIx64 "\n", val);
	return 0;
}
