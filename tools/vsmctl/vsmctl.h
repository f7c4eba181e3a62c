/* SPDX-License-Identifier: GPL-2.0 */
/* vsmctl: what its command files share. */
#ifndef VSMCTL_H
#define VSMCTL_H

#define EXIT_USAGE 2

#include <string.h>

/* "--help", "-h" or "help": a subcommand's own usage, on stdout. */
static inline int vsmctl_is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h") || !strcmp(arg, "help");
}

/* cli.c */
extern const char *vsmctl_device_path;
int vsmctl_open_device(void);

/* The commands (keys.c, policy.c), called by vsmctl.c. */
int vsmctl_cmd_domain(int argc, char **argv);
int vsmctl_cmd_key(int argc, char **argv);
int vsmctl_cmd_random(int argc, char **argv);
int vsmctl_cmd_policy(int argc, char **argv);

#endif /* VSMCTL_H */
