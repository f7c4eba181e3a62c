// SPDX-License-Identifier: GPL-2.0
/*
 * vsmctl: what every command file uses (vsmctl.h), kept apart from the
 * command table in vsmctl.c so that no command file depends on it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libvsm.h"
#include "vsmctl.h"

/* /dev/vsm, or what --device named. */
const char *vsmctl_device_path = VSM_DEVICE_PATH;

/**
 * vsmctl_open_device() - open the vsm device, or say why not
 *
 * Return: a file descriptor, or -1 after a message on stderr.
 */
int vsmctl_open_device(void)
{
	int fd = vsm_open(vsmctl_device_path);

	if (fd >= 0)
		return fd;
	fprintf(stderr, "vsmctl: cannot open %s: %s", vsmctl_device_path, strerror(-fd));
	if (fd == -ENOENT)
		fprintf(stderr, " (is the vsm module loaded?)");
	else if (fd == -EACCES || fd == -EPERM)
		fprintf(stderr, " (the device is root-only by default)");
	fputc('\n', stderr);
	return -1;
}
