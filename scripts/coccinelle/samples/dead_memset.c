// SPDX-License-Identifier: GPL-2.0
/* Must be reported by dead_memset.cocci. */
int sample(void)
{
	char key[32];
	int ret;

	ret = use_key(key);
	memset(&key, 0, sizeof(key));
	return ret;
}
