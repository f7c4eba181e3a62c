// SPDX-License-Identifier: GPL-2.0
/* Must be reported by raw_printk.cocci. */
void sample(void)
{
	printk(KERN_INFO "hello\n");
}
