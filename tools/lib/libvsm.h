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
const char *vsm_vendor_name(uint32_t vendor);
const struct vsm_cap_name *vsm_cap_names(size_t *count);
const char *vsm_exit_class_name(unsigned int cls);

#endif /* LIBVSM_H */
