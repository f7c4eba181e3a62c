// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_kexec - load a kernel with kexec_file_load() and boot it (a test
 * helper; busybox has no kexec).
 *
 * Usage: vsm_kexec KERNEL INITRD CMDLINE
 * Returns only on failure: 1 if loading or the kexec reboot failed, 2 on a
 * usage error.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int kernel, initrd;

	if (argc != 4)
		return fprintf(stderr, "usage: vsm_kexec KERNEL INITRD CMDLINE\n"), 2;
	kernel = open(argv[1], O_RDONLY);
	initrd = open(argv[2], O_RDONLY);
	if (kernel < 0 || initrd < 0)
		return perror("vsm_kexec: open"), 1;
	if (syscall(SYS_kexec_file_load, kernel, initrd, strlen(argv[3]) + 1,
		    argv[3], 0UL))
		return perror("vsm_kexec: kexec_file_load"), 1;
	sync();
	reboot(LINUX_REBOOT_CMD_KEXEC);
	perror("vsm_kexec: reboot");
	return 1;
}
