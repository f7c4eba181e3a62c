// SPDX-License-Identifier: GPL-2.0
/*
 * The KEY hypercall: the key store behind one lock.  The request is copied
 * out of the host's buffer into secure memory before anything reads it,
 * handled there (kmod/common/keystore.c), and only the answer and its
 * output are copied back; the secure copy is wiped on the way out.  The
 * crypto fast paths use XMM registers, which hold the interrupted host's
 * values: they are saved with FXSAVE and restored before returning.
 */
#include "../include/sw.h"
#include "../include/x86.h"
#include "../../common/crypto/accel.h"
#include "../../common/keystore.h"

#define KS_BUF_SIZE	(sizeof(struct vsm_ks_req) + VSM_KS_PAYLOAD_MAX)

static struct vsm_keystore sw_ks __section(".bss.secret");
static u8 sw_ks_buf[KS_BUF_SIZE] __aligned(64) __section(".bss.secret");
static struct sw_fx_area sw_fx;
static u32 sw_ks_lock;
static int sw_rng_kind = -1;	/* -1 unknown, 0 none, 1 RDRAND, 2 RDSEED */
static bool sw_accel_ok, sw_accel_sha_ok;

static bool rdseed64(u64 *v)
{
	bool ok;

	asm volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

static bool rdrand64(u64 *v)
{
	bool ok;

	asm volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
	return ok;
}

static void detect(void)
{
	u32 a = 1, b, c = 0, d;

	if (sw_rng_kind >= 0)
		return;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	sw_rng_kind = c & VSM_BIT(30) ? 1 : 0;
	a = 7;
	c = 0;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	if (b & VSM_BIT(18))
		sw_rng_kind = 2;
	sw_accel_ok = vsm_crypto_accel_supported();
	sw_accel_sha_ok = vsm_crypto_accel_sha_supported();
}

/* Full-entropy bytes: RDSEED, else RDRAND (retried as Intel and AMD advise). */
static int sw_entropy(void *ctx, u8 *out, size_t len)
{
	u64 v = 0;
	int tries;
	bool ok;

	if (!sw_rng_kind)
		return -ENODEV;
	while (len) {
		size_t n = len < 8 ? len : 8;

		ok = false;
		for (tries = 0; tries < 1000 && !ok; tries++) {
			ok = sw_rng_kind == 2 ? rdseed64(&v) : rdrand64(&v);
			if (!ok)
				asm volatile("pause");
		}
		if (!ok)
			return -EIO;
		memcpy(out, &v, n);
		out += n;
		len -= n;
	}
	v = 0;
	return 0;
}

static void sw_ks_audit(void *ctx, u32 domain, u32 key, u32 op, s32 result)
{
	sw_audit(ctx, VSM_AEV_KEY_OP, domain, key, op | (u64)(u32)result << 32);
}

static u64 sw_now_ms(void *ctx)
{
	return vsm_boot.tsc_khz ? sw_rdtsc() / vsm_boot.tsc_khz : 0;
}

/**
 * sw_keys_call() - the KEY hypercall
 * @c: the calling CPU
 * @pa: host-physical address of a struct vsm_ks_req and its payload
 * @size: bytes there (header plus input; output is written in place)
 *
 * Return: 0 when the request was handled (its result is in the answer),
 * -EINVAL or -EFAULT for an unusable buffer, -ESHUTDOWN once sealed.
 */
s64 sw_keys_call(struct vsm_sw_cpu *c, u64 pa, u64 size)
{
	struct vsm_ks_req *req = (struct vsm_ks_req *)sw_ks_buf;
	const u8 *host = (const u8 *)(uintptr_t)pa;
	struct vsm_ks_env env = { c, sw_entropy, sw_ks_audit, sw_now_ms };
	size_t hdr = sizeof(*req), in, out;
	int ret;

	if (size < hdr)
		return -EINVAL;
	/* Read and written in place: all of it must be the host's to write. */
	ret = sw_check_host_span(c, pa, size, KS_BUF_SIZE, true);
	if (ret)
		return ret;
	sw_spin_lock(&sw_ks_lock);
	if (sw_sealed()) {
		ret = -ESHUTDOWN;
		goto unlock;
	}
	detect();
	/* Copy once; every later check reads only the secure copy. */
	memcpy(req, host, hdr);
	in = (size_t)req->in_len + req->aad_len;
	if (req->in_len > VSM_KS_DATA_MAX || req->aad_len > VSM_KS_AAD_MAX ||
	    hdr + in > size || req->out_max > size - hdr) {
		ret = -EINVAL;
		goto wipe;
	}
	memcpy(req->payload, host + hdr, in);

	sw_fx_save(&sw_fx);
	vsm_crypto_accel = sw_accel_ok;
	vsm_crypto_accel_sha = sw_accel_sha_ok;
	vsm_ks_handle(&sw_ks, &env, req);
	vsm_crypto_accel = false;
	vsm_crypto_accel_sha = false;
	sw_fx_restore(&sw_fx);

	out = req->out_len <= req->out_max ? req->out_len : 0;
	sw_host_copy_out(c, pa + hdr, req->payload, out);
	sw_host_copy_out(c, pa, req, hdr);
	ret = 0;
wipe:
	/* Input and output never go past @size (checked above): wipe that much. */
	memset(sw_ks_buf, 0, size);
	memset(&sw_fx, 0, sizeof(sw_fx));
unlock:
	sw_spin_unlock(&sw_ks_lock);
	sw_host_write_done();
	return ret;
}

/* Called by sw_seal() just before the secret sections are wiped. */
void sw_keys_seal(void)
{
	sw_spin_lock(&sw_ks_lock);
	memset(&sw_ks, 0, sizeof(sw_ks));
	memset(sw_ks_buf, 0, sizeof(sw_ks_buf));
	sw_spin_unlock(&sw_ks_lock);
}
