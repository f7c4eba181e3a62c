// SPDX-License-Identifier: GPL-2.0
/*
 * The page ownership table: every transition from every state, ranges
 * that split and merge, a full table, and queries at the edges.
 */
#include "unit.h"
#include "../../kmod/common/own.h"

#define P(n)	((u64)(n) << 12)

static struct vsm_own_table t, saved;

static bool unchanged(void)
{
	return t.nr == saved.nr && !memcmp(t.r, saved.r, t.nr * sizeof(t.r[0]));
}

TEST(own_default_is_host_read_write)
{
	vsm_own_init(&t);
	EXPECT(vsm_own_valid(&t));
	EXPECT_EQ(vsm_own_state(&t, 0), VSM_OWN_HOST_RW);
	EXPECT_EQ(vsm_own_state(&t, ~0ULL), VSM_OWN_HOST_RW);
	EXPECT(vsm_own_host_may_write(&t, 0, ~0ULL));
	EXPECT(vsm_own_host_may_read(&t, P(5), 1));
	EXPECT(!vsm_own_host_may_read(&t, P(5), 0));
	EXPECT(!vsm_own_host_may_write(&t, ~0ULL - 3, 8));
}

/* From each state to each other: legal only from the state it names. */
TEST(own_every_transition_checks_the_old_state)
{
	u32 from, to, now;

	for (now = 0; now < VSM_OWN_STATES; now++) {
		for (from = 0; from < VSM_OWN_STATES; from++) {
			for (to = 0; to < VSM_OWN_STATES; to++) {
				int want = from == to ? -EINVAL : from == now ? 0 : -EPERM;

				vsm_own_init(&t);
				if (now != VSM_OWN_HOST_RW)
					EXPECT_EQ(vsm_own_transition(&t, P(10), P(4),
								     VSM_OWN_HOST_RW, now), 0);
				saved = t;
				EXPECT_EQ(vsm_own_transition(&t, P(11), P(2), from, to), want);
				EXPECT(vsm_own_valid(&t));
				if (want) {
					EXPECT(unchanged());
					continue;
				}
				EXPECT_EQ(vsm_own_state(&t, P(10)), now);
				EXPECT_EQ(vsm_own_state(&t, P(11)), to);
				EXPECT_EQ(vsm_own_state(&t, P(12) + 4095), to);
				EXPECT_EQ(vsm_own_state(&t, P(13)), now);
			}
		}
	}
}

TEST(own_named_transitions)
{
	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_claim_secure(&t, P(100), P(10)), 0);
	EXPECT_EQ(vsm_own_protect(&t, P(105), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_unprotect(&t, P(105), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_claim_secure(&t, P(99), P(2)), -EPERM);
	EXPECT_EQ(vsm_own_protect(&t, P(90), P(10)), 0);
	EXPECT_EQ(vsm_own_release_secure(&t, P(90), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_unprotect(&t, P(95), P(1)), 0);
	EXPECT_EQ(vsm_own_unprotect(&t, P(95), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_release_secure(&t, P(100), P(10)), 0);
	EXPECT_EQ(vsm_own_state(&t, P(104)), VSM_OWN_HOST_RW);
	EXPECT(vsm_own_valid(&t));
}

/* IOMMU registers: only from host pages; hidden like secure ones. */
TEST(own_iommu_registers)
{
	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_claim_secure(&t, P(100), P(10)), 0);
	EXPECT_EQ(vsm_own_claim_iommu(&t, P(108), P(4)), -EPERM);
	EXPECT_EQ(vsm_own_protect(&t, P(50), P(1)), 0);
	EXPECT_EQ(vsm_own_claim_iommu(&t, P(50), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_claim_iommu(&t, P(110), P(4)), 0);
	EXPECT_EQ(vsm_own_state(&t, P(113)), VSM_OWN_IOMMU);
	EXPECT(!vsm_own_host_may_read(&t, P(113), 8));
	EXPECT(!vsm_own_host_may_write(&t, P(114) - 1, 2));
	EXPECT(vsm_own_host_may_read(&t, P(114), P(1)));
	EXPECT(vsm_own_host_hidden(VSM_OWN_IOMMU) && vsm_own_host_hidden(VSM_OWN_SECURE));
	EXPECT(!vsm_own_host_hidden(VSM_OWN_HOST_RO));
	EXPECT_EQ(vsm_own_release_secure(&t, P(110), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_release_iommu(&t, P(109), P(2)), -EPERM);
	EXPECT_EQ(vsm_own_release_iommu(&t, P(110), P(4)), 0);
	EXPECT_EQ(vsm_own_state(&t, P(110)), VSM_OWN_HOST_RW);
	EXPECT_EQ(t.nr, 2);
	EXPECT(vsm_own_valid(&t));
}

TEST(own_bad_arguments)
{
	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_protect(&t, P(1) + 8, P(1)), -EINVAL);
	EXPECT_EQ(vsm_own_protect(&t, P(1), 100), -EINVAL);
	EXPECT_EQ(vsm_own_protect(&t, P(1), 0), -EINVAL);
	EXPECT_EQ(vsm_own_protect(&t, ~0ULL & ~4095ULL, P(2)), -EINVAL);
	EXPECT_EQ(vsm_own_transition(&t, P(1), P(1), VSM_OWN_HOST_RW, VSM_OWN_STATES), -EINVAL);
	EXPECT_EQ(vsm_own_transition(&t, P(1), P(1), 7, VSM_OWN_SECURE), -EINVAL);
	EXPECT_EQ(t.nr, 0);
}

TEST(own_split_and_merge)
{
	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_protect(&t, P(10), P(10)), 0);
	EXPECT_EQ(t.nr, 1);
	/* A hole in the middle splits it in two. */
	EXPECT_EQ(vsm_own_unprotect(&t, P(14), P(2)), 0);
	EXPECT_EQ(t.nr, 2);
	EXPECT_EQ(t.r[0].end, P(14));
	EXPECT_EQ(t.r[1].start, P(16));
	/* Filling it merges them again. */
	EXPECT_EQ(vsm_own_protect(&t, P(14), P(2)), 0);
	EXPECT_EQ(t.nr, 1);
	EXPECT_EQ(t.r[0].start, P(10));
	EXPECT_EQ(t.r[0].end, P(20));
	/* Adjacent, in another state: no merge. */
	EXPECT_EQ(vsm_own_claim_secure(&t, P(20), P(5)), 0);
	EXPECT_EQ(t.nr, 2);
	/* Adjacent below, same state: merges. */
	EXPECT_EQ(vsm_own_protect(&t, P(8), P(2)), 0);
	EXPECT_EQ(t.nr, 2);
	EXPECT_EQ(t.r[0].start, P(8));
	/* Trimming either end. */
	EXPECT_EQ(vsm_own_unprotect(&t, P(8), P(1)), 0);
	EXPECT_EQ(vsm_own_release_secure(&t, P(24), P(1)), 0);
	EXPECT_EQ(t.nr, 2);
	EXPECT_EQ(t.r[0].start, P(9));
	EXPECT_EQ(t.r[1].end, P(24));
	/* A range that mixes states is refused as a whole. */
	saved = t;
	EXPECT_EQ(vsm_own_unprotect(&t, P(19), P(2)), -EPERM);
	EXPECT_EQ(vsm_own_protect(&t, P(5), P(5)), -EPERM);
	EXPECT(unchanged());
	EXPECT(vsm_own_valid(&t));
}

#define SMALL	64

TEST(own_full_table_changes_nothing)
{
	u32 i;

	vsm_own_init_capacity(&t, SMALL);
	for (i = 0; i < SMALL; i++)
		EXPECT_EQ(vsm_own_protect(&t, P(2 * i), P(1)), 0);
	EXPECT_EQ(t.nr, SMALL);
	saved = t;
	/* One more range: no room. */
	EXPECT_EQ(vsm_own_protect(&t, P(1000), P(1)), -ENOSPC);
	EXPECT(unchanged());
	/* Splitting one: no room either. */
	EXPECT_EQ(vsm_own_protect(&t, P(0), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_transition(&t, P(2), P(1), VSM_OWN_HOST_RO, VSM_OWN_SECURE), 0);
	saved = t;
	EXPECT_EQ(vsm_own_claim_secure(&t, P(5000), P(1)), -ENOSPC);
	EXPECT(unchanged());
	/* Merging needs no room: filling a gap frees one. */
	EXPECT_EQ(vsm_own_protect(&t, P(5), P(1)), 0);
	EXPECT_EQ(t.nr, SMALL - 1);
	EXPECT(vsm_own_valid(&t));
}

/*
 * The full-size table: one range per page of many scattered module pages
 * (every other page), queried by binary search at each edge; filling every
 * gap merges them back into one range; one more is -ENOSPC.
 */
TEST(own_many_module_pages)
{
	u32 i;

	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_claim_secure(&t, P(0), P(1)), 0);
	for (i = 1; i < VSM_OWN_RANGES_MAX; i++)
		EXPECT_EQ(vsm_own_protect(&t, P(2 * i), P(1)), 0);
	EXPECT_EQ(t.nr, VSM_OWN_RANGES_MAX);
	EXPECT(vsm_own_valid(&t));
	saved = t;
	EXPECT_EQ(vsm_own_protect(&t, P(3 * VSM_OWN_RANGES_MAX), P(1)), -ENOSPC);
	EXPECT(unchanged());
	for (i = 1; i < VSM_OWN_RANGES_MAX; i++) {
		EXPECT_EQ(vsm_own_state(&t, P(2 * i)), VSM_OWN_HOST_RO);
		EXPECT_EQ(vsm_own_state(&t, P(2 * i) - 1), VSM_OWN_HOST_RW);
		EXPECT_EQ(vsm_own_state(&t, P(2 * i + 1)), VSM_OWN_HOST_RW);
		EXPECT(!vsm_own_host_may_write(&t, P(2 * i) - 1, 2));
		EXPECT(vsm_own_host_may_read(&t, P(2 * i), P(2)));
	}
	EXPECT(!vsm_own_host_may_read(&t, P(0), P(2 * VSM_OWN_RANGES_MAX)));
	EXPECT(vsm_own_host_may_read(&t, P(1), P(2 * VSM_OWN_RANGES_MAX)));
	/* Unload: every page back, in any order. */
	for (i = VSM_OWN_RANGES_MAX - 1; i > 0 && i < VSM_OWN_RANGES_MAX; i -= 2)
		EXPECT_EQ(vsm_own_unprotect(&t, P(2 * i), P(1)), 0);
	for (i = 2; i < VSM_OWN_RANGES_MAX; i += 2)
		EXPECT_EQ(vsm_own_unprotect(&t, P(2 * i), P(1)), 0);
	EXPECT_EQ(t.nr, 1);
	EXPECT(vsm_own_host_may_write(&t, P(1), P(4 * VSM_OWN_RANGES_MAX)));
	EXPECT(vsm_own_valid(&t));
}

/* The generation grows exactly when a right is taken from the host. */
TEST(own_generation_counts_restrictions)
{
	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_generation(&t), 0);
	EXPECT_EQ(vsm_own_protect(&t, P(10), P(2)), 0);
	EXPECT_EQ(vsm_own_generation(&t), 1);
	EXPECT_EQ(vsm_own_unprotect(&t, P(10), P(1)), 0);
	EXPECT_EQ(vsm_own_generation(&t), 1);
	EXPECT_EQ(vsm_own_transition(&t, P(11), P(1), VSM_OWN_HOST_RO, VSM_OWN_SECURE), 0);
	EXPECT_EQ(vsm_own_generation(&t), 2);
	EXPECT_EQ(vsm_own_release_secure(&t, P(11), P(1)), 0);
	EXPECT_EQ(vsm_own_generation(&t), 2);
	/* A refused transition counts nothing. */
	EXPECT_EQ(vsm_own_unprotect(&t, P(11), P(1)), -EPERM);
	EXPECT_EQ(vsm_own_claim_secure(&t, P(11), P(1)), 0);
	EXPECT_EQ(vsm_own_generation(&t), 3);
}

TEST(own_queries_at_the_edges)
{
	vsm_own_init(&t);
	EXPECT_EQ(vsm_own_claim_secure(&t, P(100), P(10)), 0);
	EXPECT_EQ(vsm_own_protect(&t, P(50), P(10)), 0);
	EXPECT(vsm_own_host_may_read(&t, P(100) - 8, 8));
	EXPECT(!vsm_own_host_may_read(&t, P(100) - 8, 9));
	EXPECT(!vsm_own_host_may_read(&t, P(110) - 1, 1));
	EXPECT(vsm_own_host_may_read(&t, P(110), 1));
	EXPECT(!vsm_own_host_may_read(&t, P(0), P(200)));
	EXPECT(vsm_own_host_may_read(&t, P(50), P(10)));
	EXPECT(vsm_own_host_may_write(&t, P(50) - 1, 1));
	EXPECT(!vsm_own_host_may_write(&t, P(50) - 1, 2));
	EXPECT(!vsm_own_host_may_write(&t, P(60) - 1, 1));
	EXPECT(vsm_own_host_may_write(&t, P(60), P(40)));
	EXPECT(!vsm_own_host_may_write(&t, P(60), P(40) + 1));
	EXPECT(vsm_own_uniform(&t, P(50), P(10)));
	EXPECT(!vsm_own_uniform(&t, P(50), P(10) + 1));
	EXPECT(vsm_own_uniform(&t, P(60), P(40)));
	EXPECT(!vsm_own_uniform(&t, P(0), P(512)));
	EXPECT(vsm_own_uniform(&t, P(512), P(512)));
	EXPECT_EQ(vsm_own_state(&t, P(60) - 1), VSM_OWN_HOST_RO);
	EXPECT_EQ(vsm_own_state(&t, P(60)), VSM_OWN_HOST_RW);
}
