/* SPDX-License-Identifier: GPL-2.0 */
/* vsmctl: what its command files share. */
#ifndef VSMCTL_H
#define VSMCTL_H

#define EXIT_USAGE 2

int vsmctl_open_device(void);
int vsmctl_cmd_domain(int argc, char **argv);
int vsmctl_cmd_key(int argc, char **argv);
int vsmctl_cmd_random(int argc, char **argv);
int vsmctl_cmd_policy(int argc, char **argv);

#endif /* VSMCTL_H */
