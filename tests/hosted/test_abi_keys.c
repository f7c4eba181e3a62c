// SPDX-License-Identifier: GPL-2.0
/*
 * The key-store ioctl argument checks: each rule, once accepted and once
 * broken.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/abi_keys.h"

#define INIT(a) do { memset(&(a), 0, sizeof(a)); (a).hdr.size = sizeof(a); } while (0)

TEST(abi_domain_create_and_bind)
{
	struct vsm_domain_create c;
	struct vsm_domain_bind b;

	INIT(c);
	c.secret_len = 16;
	c.max_keys = 1;
	c.max_bytes = 32;
	EXPECT_EQ(vsm_check_domain_create(&c), 0);
	c.secret_len = 15;
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);
	c.secret_len = 65;
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);
	c.secret_len = 16;
	c.secret[16] = 1;			/* bytes past the secret */
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);
	c.secret[16] = 0;
	c.max_keys = 0;
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);
	c.max_keys = 1;
	c.reserved = 1;
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);
	c.reserved = 0;
	c.hdr.flags = 1;
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);
	c.hdr.flags = 0;
	c.hdr.size = VSM_DOMAIN_CREATE_SIZE_VER0 - 1;
	EXPECT_EQ(vsm_check_domain_create(&c), -EINVAL);

	INIT(b);
	b.domain_id = 3;
	b.secret_len = 64;
	EXPECT_EQ(vsm_check_domain_bind(&b), 0);
	b.domain_id = 0;
	EXPECT_EQ(vsm_check_domain_bind(&b), -EINVAL);
}

TEST(abi_key_create_delete_list)
{
	struct vsm_key_create k;
	struct vsm_key_delete d;
	struct vsm_key_list l;

	INIT(k);
	k.type = VSM_KEY_AES256_GCM;
	k.usage = VSM_KEY_USE_ENCRYPT;
	EXPECT_EQ(vsm_check_key_create(&k), 0);
	k.material_len = 32;				/* material without IMPORT */
	EXPECT_EQ(vsm_check_key_create(&k), -EINVAL);
	k.hdr.flags = VSM_KEY_CREATE_IMPORT;
	EXPECT_EQ(vsm_check_key_create(&k), -EINVAL);	/* ...and no pointer */
	k.material_ptr = 0x1000;
	EXPECT_EQ(vsm_check_key_create(&k), 0);
	k.material_len = 65;
	EXPECT_EQ(vsm_check_key_create(&k), -EINVAL);
	k.material_len = 32;
	k.type = 4;
	EXPECT_EQ(vsm_check_key_create(&k), -EINVAL);
	k.type = VSM_KEY_SECRET;
	k.usage = 0x80;
	EXPECT_EQ(vsm_check_key_create(&k), -EINVAL);
	k.usage = VSM_KEY_USE_DERIVE;
	k.attrs = 2;
	EXPECT_EQ(vsm_check_key_create(&k), -EINVAL);

	INIT(d);
	EXPECT_EQ(vsm_check_key_delete(&d), -EINVAL);
	d.key_id = 9;
	EXPECT_EQ(vsm_check_key_delete(&d), 0);

	INIT(l);
	EXPECT_EQ(vsm_check_key_list(&l), -EINVAL);
	l.nr_keys = VSM_KEY_LIST_MAX;
	EXPECT_EQ(vsm_check_key_list(&l), 0);
	l.nr_keys = VSM_KEY_LIST_MAX + 1;
	EXPECT_EQ(vsm_check_key_list(&l), -EINVAL);
}

TEST(abi_operations)
{
	struct vsm_aead a;
	struct vsm_mac m;
	struct vsm_key_derive d;
	struct vsm_key_wrap w;
	struct vsm_random r;

	INIT(a);
	a.key_id = 1;
	a.len = VSM_KEY_DATA_MAX;
	a.aad_len = VSM_KEY_AAD_MAX;
	EXPECT_EQ(vsm_check_aead(&a), 0);
	a.len++;
	EXPECT_EQ(vsm_check_aead(&a), -E2BIG);
	a.len--;
	a.aad_len++;
	EXPECT_EQ(vsm_check_aead(&a), -E2BIG);
	a.aad_len--;
	a.hdr.flags = VSM_AEAD_OPEN | VSM_AEAD_CALLER_IV;
	EXPECT_EQ(vsm_check_aead(&a), -EINVAL);
	a.hdr.flags = VSM_AEAD_CALLER_IV;
	EXPECT_EQ(vsm_check_aead(&a), 0);
	a.reserved2 = 1;
	EXPECT_EQ(vsm_check_aead(&a), -EINVAL);

	INIT(m);
	m.key_id = 1;
	m.tag_len = 16;
	EXPECT_EQ(vsm_check_mac(&m), 0);
	m.tag_len = 15;
	EXPECT_EQ(vsm_check_mac(&m), -EINVAL);
	m.tag_len = 33;
	EXPECT_EQ(vsm_check_mac(&m), -EINVAL);
	m.tag_len = 32;
	m.msg_len = VSM_KEY_DATA_MAX + 1;
	EXPECT_EQ(vsm_check_mac(&m), -E2BIG);

	INIT(d);
	d.key_id = 1;
	d.type = VSM_KEY_AES256_GCM;
	d.usage = VSM_KEY_USE_ENCRYPT;
	EXPECT_EQ(vsm_check_key_derive(&d), 0);
	d.salt_len = VSM_KEY_AAD_MAX + 1;
	EXPECT_EQ(vsm_check_key_derive(&d), -E2BIG);

	INIT(w);
	w.key_id = 1;
	w.blob_len = 1;
	EXPECT_EQ(vsm_check_key_wrap(&w), 0);
	w.key_id = 0;
	EXPECT_EQ(vsm_check_key_wrap(&w), -EINVAL);	/* wrap needs a key */
	w.hdr.flags = VSM_KEY_UNWRAP;
	EXPECT_EQ(vsm_check_key_wrap(&w), 0);
	w.blob_len = VSM_KEY_BLOB_MAX + 1;
	EXPECT_EQ(vsm_check_key_wrap(&w), -E2BIG);

	INIT(r);
	EXPECT_EQ(vsm_check_random(&r), -EINVAL);
	r.len = VSM_KEY_DATA_MAX;
	EXPECT_EQ(vsm_check_random(&r), 0);
	r.len++;
	EXPECT_EQ(vsm_check_random(&r), -E2BIG);
}
