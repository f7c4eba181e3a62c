// SPDX-License-Identifier: GPL-2.0
/*
 * Runner for the hosted unit tests: runs every registered case in name
 * order and prints TAP.  Exit status is 1 if any case failed.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static struct unit_case *cases;

void unit_register(struct unit_case *c)
{
	struct unit_case **p = &cases;

	while (*p && strcmp((*p)->name, c->name) < 0)
		p = &(*p)->next;
	c->next = *p;
	*p = c;
}

int main(void)
{
	struct unit_case *c;
	int n = 0, nfail = 0;

	for (c = cases; c; c = c->next)
		n++;
	printf("TAP version 13\n1..%d\n", n);
	n = 0;
	for (c = cases; c; c = c->next) {
		int failed = 0;

		c->fn(&failed);
		printf("%sok %d %s\n", failed ? "not " : "", ++n, c->name);
		nfail += failed;
	}
	return nfail ? EXIT_FAILURE : EXIT_SUCCESS;
}
