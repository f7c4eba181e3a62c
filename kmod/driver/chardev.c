// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/vsm: the misc device and its one ioctl dispatch table.
 *
 * The node is created root-only (0600); an operator may grant a VMM group
 * access with udev.  Commands are matched on type, direction and number;
 * the size bits are ignored because each argument carries its own size
 * (Documentation/abi.rst).
 */
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "ci.h"
#include "vsm.h"

/**
 * struct vsm_ioctl_desc - one entry of the ioctl table
 * @cmd: the command as defined in the UAPI header
 * @handler: called with the user argument pointer
 */
struct vsm_ioctl_desc {
	unsigned int cmd;
	int (*handler)(void __user *uarg);
};

static const struct vsm_ioctl_desc vsm_ioctls[] = {
	{ VSM_IOC_GET_INFO, vsm_ioctl_get_info },
	{ VSM_IOC_STATS, vsm_ioctl_stats },
	{ VSM_IOC_PING, vsm_ioctl_ping },
	{ VSM_IOC_LOCK, vsm_ioctl_lock },
	{ VSM_IOC_AUDIT_READ, vsm_ioctl_audit_read },
	{ VSM_IOC_CI_POLICY_SET, vsm_ioctl_ci_policy_set },
	{ VSM_IOC_CI_POLICY_GET, vsm_ioctl_ci_policy_get },
	{ VSM_IOC_CI_EXEC_SCAN, vsm_ioctl_ci_exec_scan },
};

static bool same_command(unsigned int a, unsigned int b)
{
	return (a & ~IOCSIZE_MASK) == (b & ~IOCSIZE_MASK);
}

/* Key-store commands: _IOWR(VSM_IOC_MAGIC, 0x10 ...) and up (keys.c). */
static bool key_command(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == VSM_IOC_MAGIC &&
	       _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE) &&
	       _IOC_NR(cmd) >= _IOC_NR(VSM_IOC_DOMAIN_CREATE);
}

static long vsm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vsm_ioctls); i++)
		if (same_command(cmd, vsm_ioctls[i].cmd))
			return vsm_ioctls[i].handler((void __user *)arg);
	if (key_command(cmd))
		return vsm_keys_ioctl(file, _IOC_NR(cmd), (void __user *)arg);
	return -ENOTTY;
}

static int vsm_open(struct inode *inode, struct file *file)
{
	return vsm_keys_open(file);
}

static int vsm_release(struct inode *inode, struct file *file)
{
	vsm_keys_release(file);
	return 0;
}

static const struct file_operations vsm_fops = {
	.owner = THIS_MODULE,
	.open = vsm_open,
	.release = vsm_release,
	.unlocked_ioctl = vsm_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice vsm_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vsm",
	.fops = &vsm_fops,
	.mode = 0600,
};

int vsm_chardev_register(void)
{
	return misc_register(&vsm_miscdev);
}

void vsm_chardev_unregister(void)
{
	misc_deregister(&vsm_miscdev);
}
