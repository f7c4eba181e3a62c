// SPDX-License-Identifier: GPL-2.0
/*
 * The key-store ioctls: check the argument, gather the caller's data into
 * a physically contiguous bounce buffer, make one KEY hypercall, copy the
 * answer back, and wipe the buffer (it held plaintext or key material).
 *
 * An open file binds to at most one domain (VSM_IOC_DOMAIN_BIND); the
 * session id the secure world handed out is kept here and dropped when
 * the file is released.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hv.h"
#include "vsm.h"
#include "../common/abi_keys.h"
#include "../common/keystore.h"
#include "../common/sw_abi.h"

static_assert(VSM_KS_DATA_MAX == VSM_KEY_DATA_MAX);
static_assert(VSM_KS_AAD_MAX == VSM_KEY_AAD_MAX);
static_assert(VSM_KS_SECRET_MAX == VSM_DOMAIN_SECRET_MAX);
static_assert(VSM_KS_LABEL_LEN == VSM_KEY_LABEL_LEN);
static_assert(sizeof(struct vsm_key_info) == VSM_KS_INFO_SIZE);
static_assert(VSM_KS_BLOB_OVERHEAD == VSM_KEY_BLOB_OVERHEAD);
static_assert(VSM_KS_USE_ALL == VSM_KEY_USE_ALL);
static_assert(VSM_KS_CALLER_IV == VSM_AEAD_CALLER_IV);
static_assert(VSM_KS_UNBIND == VSM_KEY_OP_UNBIND);

/**
 * struct vsm_file - per open /dev/vsm
 * @lock: serialises this file's key-store calls
 * @session: the secure world's session id, 0 while unbound
 */
struct vsm_file {
	struct mutex lock;
	u32 session;
};

/* A request with room for @payload bytes of input or output. */
static struct vsm_ks_req *ks_alloc(u32 op, u32 session, size_t payload)
{
	struct vsm_ks_req *req = kzalloc(sizeof(*req) + payload, GFP_KERNEL);

	if (req) {
		req->op = op;
		req->session = session;
		req->out_max = payload;
	}
	return req;
}

static void ks_free(struct vsm_ks_req *req, size_t payload)
{
	if (req) {
		memzero_explicit(req, sizeof(*req) + payload);
		kfree(req);
	}
}

/* One KEY hypercall; returns the secure world's result. */
static int ks_call(struct vsm_ks_req *req)
{
	size_t size = sizeof(*req) + req->out_max;
	long ret;

	if (vsm_hv_state() == VSM_STATE_LOADED)
		return -ENODEV;
	if (size < sizeof(*req) + req->in_len + req->aad_len)
		size = sizeof(*req) + req->in_len + req->aad_len;
	ret = vsm_hv_call(VSM_HC_KEY, virt_to_phys(req), size, 0);
	return ret ? ret : req->result;
}

static int copy_in(struct vsm_ks_req *req, size_t at, u64 uptr, u32 len)
{
	if (len && copy_from_user(req->payload + at, u64_to_user_ptr(uptr), len))
		return -EFAULT;
	return 0;
}

static int domain_create(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_domain_create arg;
	struct vsm_ks_req *req = NULL;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_DOMAIN_CREATE_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_domain_create(&arg);
	if (!ret && !capable(CAP_SYS_ADMIN))
		ret = -EPERM;
	if (!ret)
		req = ks_alloc(VSM_KS_DOMAIN_CREATE, 0, 0);
	if (!ret && !req)
		ret = -ENOMEM;
	if (!ret) {
		req->secret_len = arg.secret_len;
		memcpy(req->secret, arg.secret, sizeof(req->secret));
		req->max_keys = arg.max_keys;
		req->max_bytes = arg.max_bytes;
		req->ops_per_sec = arg.ops_per_sec;
		ret = ks_call(req);
	}
	memzero_explicit(arg.secret, sizeof(arg.secret));
	if (!ret) {
		arg.domain_id = req->new_id;
		ret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));
	}
	ks_free(req, 0);
	return ret;
}

static int domain_bind(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_domain_bind arg;
	struct vsm_ks_req *req = NULL;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_DOMAIN_BIND_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_domain_bind(&arg);
	if (!ret && vf->session)
		ret = -EBUSY;
	if (!ret)
		req = ks_alloc(VSM_KS_DOMAIN_BIND, 0, 0);
	if (!ret && !req)
		ret = -ENOMEM;
	if (!ret) {
		req->domain_id = arg.domain_id;
		req->secret_len = arg.secret_len;
		memcpy(req->secret, arg.secret, sizeof(req->secret));
		ret = ks_call(req);
	}
	memzero_explicit(arg.secret, sizeof(arg.secret));
	if (!ret)
		vf->session = req->new_id;
	ks_free(req, 0);
	return ret;
}

static int domain_destroy(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_hdr arg;
	struct vsm_ks_req *req;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), sizeof(arg), uarg);
	if (!ret)
		ret = vsm_check_hdr(&arg, sizeof(arg), 0);
	if (ret)
		return ret;
	req = ks_alloc(VSM_KS_DOMAIN_DESTROY, vf->session, 0);
	if (!req)
		return -ENOMEM;
	ret = ks_call(req);
	if (!ret)
		vf->session = 0;
	ks_free(req, 0);
	return ret;
}

static int key_create(struct vsm_file *vf, void __user *uarg)
{
	bool import;
	struct vsm_key_create arg;
	struct vsm_ks_req *req;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_KEY_CREATE_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_key_create(&arg);
	if (ret)
		return ret;
	import = arg.hdr.flags & VSM_KEY_CREATE_IMPORT;
	req = ks_alloc(import ? VSM_KS_IMPORT : VSM_KS_CREATE, vf->session, VSM_KS_MAX_MATERIAL);
	if (!req)
		return -ENOMEM;
	req->type = arg.type;
	req->usage = arg.usage;
	req->attrs = arg.attrs;
	memcpy(req->label, arg.label, sizeof(req->label));
	if (import) {
		req->in_len = arg.material_len;
		ret = copy_in(req, 0, arg.material_ptr, arg.material_len);
	}
	if (!ret)
		ret = ks_call(req);
	if (!ret) {
		arg.key_id = req->new_id;
		ret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));
	}
	ks_free(req, VSM_KS_MAX_MATERIAL);
	return ret;
}

static int key_delete(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_key_delete arg;
	struct vsm_ks_req *req;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_KEY_DELETE_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_key_delete(&arg);
	if (ret)
		return ret;
	req = ks_alloc(VSM_KS_DELETE, vf->session, 0);
	if (!req)
		return -ENOMEM;
	req->key_id = arg.key_id;
	ret = ks_call(req);
	ks_free(req, 0);
	return ret;
}

static int key_list(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_key_list arg;
	struct vsm_ks_req *req;
	size_t room;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_KEY_LIST_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_key_list(&arg);
	if (ret)
		return ret;
	room = (size_t)arg.nr_keys * sizeof(struct vsm_key_info);
	req = ks_alloc(VSM_KS_LIST, vf->session, room);
	if (!req)
		return -ENOMEM;
	ret = ks_call(req);
	if (!ret && copy_to_user(u64_to_user_ptr(arg.keys_ptr), req->payload, req->out_len))
		ret = -EFAULT;
	if (!ret) {
		arg.nr_keys = req->count;
		ret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));
	}
	ks_free(req, room);
	return ret;
}

static int aead(struct vsm_file *vf, void __user *uarg)
{
	bool open;
	struct vsm_aead arg;
	struct vsm_ks_req *req;
	size_t room;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_AEAD_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_aead(&arg);
	if (ret)
		return ret;
	open = arg.hdr.flags & VSM_AEAD_OPEN;
	room = (size_t)arg.len + arg.aad_len;
	req = ks_alloc(open ? VSM_KS_OPEN : VSM_KS_SEAL, vf->session, room);
	if (!req)
		return -ENOMEM;
	req->out_max = arg.len;
	req->flags = arg.hdr.flags & VSM_AEAD_CALLER_IV;
	req->key_id = arg.key_id;
	req->in_len = arg.len;
	req->aad_len = arg.aad_len;
	memcpy(req->iv, arg.iv, sizeof(req->iv));
	memcpy(req->tag, arg.tag, sizeof(arg.tag));
	ret = copy_in(req, 0, arg.in_ptr, arg.len);
	if (!ret)
		ret = copy_in(req, arg.len, arg.aad_ptr, arg.aad_len);
	if (!ret)
		ret = ks_call(req);
	if (!ret && copy_to_user(u64_to_user_ptr(arg.out_ptr), req->payload, req->out_len))
		ret = -EFAULT;
	if (!ret) {
		memcpy(arg.iv, req->iv, sizeof(arg.iv));
		memcpy(arg.tag, req->tag, sizeof(arg.tag));
		ret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));
	}
	ks_free(req, room);
	return ret;
}

static int mac(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_mac arg;
	struct vsm_ks_req *req;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_MAC_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_mac(&arg);
	if (ret)
		return ret;
	req = ks_alloc(arg.hdr.flags & VSM_MAC_VERIFY ? VSM_KS_VERIFY : VSM_KS_SIGN,
		       vf->session, arg.msg_len);
	if (!req)
		return -ENOMEM;
	req->out_max = 0;
	req->key_id = arg.key_id;
	req->tag_len = arg.tag_len;
	req->in_len = arg.msg_len;
	memcpy(req->tag, arg.tag, sizeof(req->tag));
	ret = copy_in(req, 0, arg.msg_ptr, arg.msg_len);
	if (!ret)
		ret = ks_call(req);
	if (!ret) {
		memcpy(arg.tag, req->tag, sizeof(arg.tag));
		if (arg.tag_len < sizeof(arg.tag))
			memset(arg.tag + arg.tag_len, 0, sizeof(arg.tag) - arg.tag_len);
		ret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));
	}
	ks_free(req, arg.msg_len);
	return ret;
}

static int key_derive(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_key_derive arg;
	struct vsm_ks_req *req;
	size_t room;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_KEY_DERIVE_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_key_derive(&arg);
	if (ret)
		return ret;
	room = (size_t)arg.salt_len + arg.info_len;
	req = ks_alloc(VSM_KS_DERIVE, vf->session, room);
	if (!req)
		return -ENOMEM;
	req->out_max = 0;
	req->key_id = arg.key_id;
	req->type = arg.type;
	req->usage = arg.usage;
	req->attrs = arg.attrs;
	memcpy(req->label, arg.label, sizeof(req->label));
	req->in_len = arg.salt_len;
	req->aad_len = arg.info_len;
	ret = copy_in(req, 0, arg.salt_ptr, arg.salt_len);
	if (!ret)
		ret = copy_in(req, arg.salt_len, arg.info_ptr, arg.info_len);
	if (!ret)
		ret = ks_call(req);
	if (!ret) {
		arg.new_key_id = req->new_id;
		ret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));
	}
	ks_free(req, room);
	return ret;
}

static int key_wrap(struct vsm_file *vf, void __user *uarg)
{
	bool unwrap;
	struct vsm_key_wrap arg;
	struct vsm_ks_req *req;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_KEY_WRAP_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_key_wrap(&arg);
	if (ret)
		return ret;
	unwrap = arg.hdr.flags & VSM_KEY_UNWRAP;
	req = ks_alloc(unwrap ? VSM_KS_UNWRAP : VSM_KS_WRAP, vf->session, VSM_KEY_BLOB_MAX);
	if (!req)
		return -ENOMEM;
	req->key_id = unwrap ? 0 : arg.key_id;
	req->key_id2 = arg.wrapping_key_id;
	if (unwrap) {
		req->out_max = 0;
		req->in_len = arg.blob_len;
		ret = copy_in(req, 0, arg.blob_ptr, arg.blob_len);
	} else {
		req->out_max = min_t(u32, arg.blob_len, VSM_KEY_BLOB_MAX);
	}
	if (!ret)
		ret = ks_call(req);
	if (!unwrap && (!ret || ret == -ENOSPC)) {
		/* On -ENOSPC, blob_len tells the caller what it needs. */
		if (!ret && copy_to_user(u64_to_user_ptr(arg.blob_ptr), req->payload,
					 req->out_len))
			ret = -EFAULT;
		arg.blob_len = req->out_len;
	}
	if (unwrap && !ret)
		arg.key_id = req->new_id;
	if (!ret || ret == -ENOSPC) {
		int cret = vsm_copy_arg_to_user(uarg, arg.hdr.size, &arg, sizeof(arg));

		ret = ret ? ret : cret;
	}
	ks_free(req, VSM_KEY_BLOB_MAX);
	return ret;
}

static int get_random(struct vsm_file *vf, void __user *uarg)
{
	struct vsm_random arg;
	struct vsm_ks_req *req;
	int ret;

	ret = vsm_copy_arg_from_user(&arg, sizeof(arg), VSM_RANDOM_SIZE_VER0, uarg);
	if (!ret)
		ret = vsm_check_random(&arg);
	if (ret)
		return ret;
	req = ks_alloc(VSM_KS_RANDOM, vf->session, arg.len);
	if (!req)
		return -ENOMEM;
	ret = ks_call(req);
	if (!ret && copy_to_user(u64_to_user_ptr(arg.ptr), req->payload, req->out_len))
		ret = -EFAULT;
	ks_free(req, arg.len);
	return ret;
}

/**
 * vsm_keys_ioctl() - dispatch a key-store ioctl
 * @file: the open /dev/vsm
 * @nr: the ioctl number (_IOC_NR)
 * @uarg: user argument
 *
 * Return: 0 or a negative errno, as include/uapi/linux/vsm.h documents;
 * -ENOTTY if @nr is not a key-store ioctl.
 */
long vsm_keys_ioctl(struct file *file, unsigned int nr, void __user *uarg)
{
	static int (*const handlers[])(struct vsm_file *, void __user *) = {
		[_IOC_NR(VSM_IOC_DOMAIN_CREATE)] = domain_create,
		[_IOC_NR(VSM_IOC_DOMAIN_BIND)] = domain_bind,
		[_IOC_NR(VSM_IOC_DOMAIN_DESTROY)] = domain_destroy,
		[_IOC_NR(VSM_IOC_KEY_CREATE)] = key_create,
		[_IOC_NR(VSM_IOC_KEY_DELETE)] = key_delete,
		[_IOC_NR(VSM_IOC_KEY_LIST)] = key_list,
		[_IOC_NR(VSM_IOC_AEAD)] = aead,
		[_IOC_NR(VSM_IOC_MAC)] = mac,
		[_IOC_NR(VSM_IOC_KEY_DERIVE)] = key_derive,
		[_IOC_NR(VSM_IOC_KEY_WRAP)] = key_wrap,
		[_IOC_NR(VSM_IOC_RANDOM)] = get_random,
	};
	struct vsm_file *vf = file->private_data;
	long ret;

	if (nr >= ARRAY_SIZE(handlers) || !handlers[nr])
		return -ENOTTY;
	mutex_lock(&vf->lock);
	ret = handlers[nr](vf, uarg);
	mutex_unlock(&vf->lock);
	return ret;
}

int vsm_keys_open(struct file *file)
{
	struct vsm_file *vf = kzalloc(sizeof(*vf), GFP_KERNEL);

	if (!vf)
		return -ENOMEM;
	mutex_init(&vf->lock);
	file->private_data = vf;
	return 0;
}

/* Dropping the session; the domain and its keys stay. */
void vsm_keys_release(struct file *file)
{
	struct vsm_file *vf = file->private_data;
	struct vsm_ks_req *req;

	if (vf->session) {
		req = ks_alloc(VSM_KS_UNBIND, vf->session, 0);
		if (req)
			ks_call(req);
		ks_free(req, 0);
	}
	kfree(vf);
}
