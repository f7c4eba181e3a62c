/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal unit-test harness for the hosted build of the shared logic.
 * Each TEST() is one case; results are printed as TAP so that `make test`
 * can count them.  Cases register themselves through a constructor.
 */
#ifndef VSM_UNIT_H
#define VSM_UNIT_H

#include <stdio.h>

struct unit_case {
	const char *name;
	void (*fn)(int *failed);
	struct unit_case *next;
};

void unit_register(struct unit_case *c);

#define TEST(name)							\
	static void test_##name(int *failed);				\
	static struct unit_case case_##name = { #name, test_##name, NULL }; \
	__attribute__((constructor)) static void reg_##name(void)	\
	{								\
		unit_register(&case_##name);				\
	}								\
	static void test_##name(int *failed)

#define EXPECT(cond)							\
	do {								\
		if (!(cond)) {						\
			printf("#   %s:%d: expected %s\n", __FILE__,	\
			       __LINE__, #cond);			\
			*failed = 1;					\
		}							\
	} while (0)

#define EXPECT_EQ(a, b)							\
	do {								\
		unsigned long long _a = (a), _b = (b);			\
		if (_a != _b) {						\
			printf("#   %s:%d: %s == %#llx, expected %s == %#llx\n", \
			       __FILE__, __LINE__, #a, _a, #b, _b);	\
			*failed = 1;					\
		}							\
	} while (0)

#endif /* VSM_UNIT_H */
