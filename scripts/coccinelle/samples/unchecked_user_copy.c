// SPDX-License-Identifier: GPL-2.0
/* Must be reported by unchecked_user_copy.cocci. */
int sample(void *k, void *u, unsigned long n)
{
	copy_from_user(k, u, n);
	return 0;
}
