/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libvsm - a small C library over the /dev/vsm ioctl interface.
 */
#ifndef LIBVSM_H
#define LIBVSM_H

#include <stddef.h>
#include <stdint.h>
#include <linux/vsm.h>

#define VSM_DEVICE_PATH "/dev/vsm"

/**
 * struct vsm_cap_name - a capability bit and its stable name
 * @bit: VSM_CAP_* value
 * @name: lower-case name used in output (e.g. "npt")
 */
struct vsm_cap_name {
	uint64_t bit;
	const char *name;
};

int vsm_open(const char *path);
int vsm_get_info(int fd, struct vsm_info *info);
int vsm_get_stats(int fd, struct vsm_stats *stats, struct vsm_cpu_stats *cpus,
		  uint32_t nr_cpus);
int vsm_ping(int fd, uint64_t value, uint64_t *result, uint32_t *cpu);
int vsm_lock(int fd);
int vsm_audit_read(int fd, uint64_t *cursor, struct vsm_audit_record *recs,
		   uint32_t *nr, uint64_t *first_seq);
int vsm_audit_verify_chain(const struct vsm_audit_record *recs, uint32_t n,
			   const uint8_t *prev_hash, uint32_t *bad);
const char *vsm_audit_type_name(uint32_t type);

const char *vsm_state_name(uint32_t state);
const char *vsm_dma_name(uint32_t dma);
const char *vsm_vendor_name(uint32_t vendor);
const struct vsm_cap_name *vsm_cap_names(size_t *count);
const char *vsm_exit_class_name(unsigned int cls);

/*
 * Key store (libvsm_keys.c).  Every function returns 0 or a negative
 * errno from the ioctl; secrets and key material passed in are copied by
 * the kernel and wiped there; the library keeps no copy.
 */
int vsm_domain_create(int fd, const void *secret, size_t secret_len,
		      uint32_t max_keys, uint32_t max_bytes, uint32_t ops_per_sec,
		      uint32_t *domain_id);
int vsm_domain_bind(int fd, uint32_t domain_id, const void *secret,
		    size_t secret_len);
int vsm_domain_destroy(int fd);
int vsm_key_generate(int fd, uint32_t type, uint32_t usage, uint32_t attrs,
		     const char *label, uint32_t *key_id);
int vsm_key_import(int fd, uint32_t type, uint32_t usage, uint32_t attrs,
		   const char *label, const void *material, size_t len,
		   uint32_t *key_id);
int vsm_key_delete(int fd, uint32_t key_id);
int vsm_key_list(int fd, struct vsm_key_info *keys, uint32_t capacity,
		 uint32_t *count);
int vsm_aead_seal(int fd, uint32_t key_id, const void *aad, size_t aad_len,
		  const void *in, size_t len, void *out,
		  uint8_t iv[VSM_AEAD_IV_LEN], uint8_t tag[VSM_AEAD_TAG_LEN]);
int vsm_aead_seal_with_iv(int fd, uint32_t key_id,
			  const uint8_t iv[VSM_AEAD_IV_LEN], const void *aad,
			  size_t aad_len, const void *in, size_t len, void *out,
			  uint8_t tag[VSM_AEAD_TAG_LEN]);
int vsm_aead_open(int fd, uint32_t key_id, const uint8_t iv[VSM_AEAD_IV_LEN],
		  const void *aad, size_t aad_len, const void *in, size_t len,
		  const uint8_t tag[VSM_AEAD_TAG_LEN], void *out);
int vsm_mac_sign(int fd, uint32_t key_id, const void *msg, size_t len,
		 uint8_t *tag, size_t tag_len);
int vsm_mac_verify(int fd, uint32_t key_id, const void *msg, size_t len,
		   const uint8_t *tag, size_t tag_len);
int vsm_key_derive(int fd, uint32_t parent_id, uint32_t type, uint32_t usage,
		   uint32_t attrs, const char *label, const void *salt,
		   size_t salt_len, const void *info, size_t info_len,
		   uint32_t *key_id);
int vsm_key_wrap(int fd, uint32_t key_id, uint32_t wrapping_key_id, void *blob,
		 size_t *blob_len);
int vsm_key_unwrap(int fd, uint32_t wrapping_key_id, const void *blob,
		   size_t blob_len, uint32_t *key_id);
int vsm_random(int fd, void *buf, size_t len);

/* Code integrity (libvsm_ci.c) */
int vsm_ci_policy_set(int fd, const void *image, size_t len);
int vsm_ci_policy_get(int fd, void *buf, size_t cap, size_t *len);
int vsm_ci_exec_scan(int fd, uint32_t *unapproved);
const char *vsm_key_type_name(uint32_t type);
const char *vsm_key_op_name(uint32_t op);
int vsm_key_type_from_name(const char *name);

#endif /* LIBVSM_H */
