// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/vsm ABI: VSM_IOC_GET_INFO reports the right state, vendor and
 * capabilities, and every malformed request is refused with the documented
 * error and leaves the caller's memory untouched.
 *
 * Needs the vsm module loaded.  $VSM_EXPECT may name a file of
 * "capability yes|no" lines: the features the emulated CPU is known to
 * offer (selftests/vsm/expect/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/vsm.h>

#include "kselftest_harness.h"
#include "libvsm.h"

#define PAGE 4096

static int vsm_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static void init_request(struct vsm_info *info)
{
	memset(info, 0, sizeof(*info));
	info->hdr.size = sizeof(*info);
}

/* Read the "flags" or "vmx flags" line of the first CPU in /proc/cpuinfo. */
static bool cpuinfo_has(const char *line_key, const char *flag)
{
	static const char seps[] = { ' ', '\t', '\n', 0 };
	char line[8192], *v, *tok, *save;
	bool found = false;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		v = strchr(line, ':');
		if (!v || strncmp(line, line_key, strlen(line_key)) ||
		    (line[strlen(line_key)] != ' ' && line[strlen(line_key)] != '\t'))
			continue;
		for (tok = strtok_r(v + 1, seps, &save); tok;
		     tok = strtok_r(NULL, seps, &save))
			if (!strcmp(tok, flag))
				found = true;
		break;
	}
	fclose(f);
	return found;
}

static const char *cpuinfo_vendor(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	buf[0] = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "vendor_id : %63s", buf) == 1)
			break;
	}
	if (f)
		fclose(f);
	(void)len;
	return buf;
}

static uint64_t cap_bit(const char *name)
{
	const struct vsm_cap_name *t;
	size_t n, i;

	t = vsm_cap_names(&n);
	for (i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return t[i].bit;
	return 0;
}

FIXTURE(dev) {
	int fd;
};

FIXTURE_SETUP(dev)
{
	self->fd = open("/dev/vsm", O_RDWR | O_CLOEXEC);
	ASSERT_GE(self->fd, 0) TH_LOG("open /dev/vsm: %s", strerror(errno));
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
}

TEST(device_node_is_root_only)
{
	struct stat st;

	ASSERT_EQ(0, stat("/dev/vsm", &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0600, st.st_mode & 07777);
	EXPECT_EQ(0, st.st_uid);
	EXPECT_EQ(0, st.st_gid);
}

TEST(unprivileged_open_is_refused)
{
	int status;
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(2);
		if (open("/dev/vsm", O_RDWR) >= 0)
			_exit(3);
		_exit(errno == EACCES ? 0 : 4);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Intel hosts are protected unless vsm was loaded with vmx=0 (lib.sh). */
static bool intel_protected(void)
{
	const char *args = getenv("VSM_INSMOD_ARGS");

	return !args || !(strstr(args, "vmx=0") || strstr(args, "vmx=N") ||
			  strstr(args, "vmx=n"));
}

TEST_F(dev, get_info_reports_state)
{
	struct vsm_info info;

	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	EXPECT_EQ(sizeof(info), info.hdr.size);
	EXPECT_EQ(0, info.hdr.flags);
	EXPECT_EQ(VSM_ABI_VERSION, info.abi_version);
	EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), info.nr_cpus);
	if (info.vendor == VSM_VENDOR_AMD || intel_protected()) {
		EXPECT_EQ(VSM_STATE_PROTECTED, info.state);
		EXPECT_EQ(info.nr_cpus, info.nr_protected_cpus);
		/* Sized for the CPUs by default: 2 MiB steps, state per CPU. */
		EXPECT_GE(info.region_size, 2 << 20);
		EXPECT_EQ(0, info.region_size & ((2 << 20) - 1));
		EXPECT_GE(info.cpu_bytes, 4096ULL * (info.nested_pages + 1));
		EXPECT_EQ(0, info.cpu_bytes & 4095);
		EXPECT_LE(info.cpu_bytes * info.nr_cpus, info.region_size);
		EXPECT_NE(0, info.region_base);
		EXPECT_EQ(0, info.region_base & ((2 << 20) - 1));
		/* Nested SVM is on by default, with room for its tables (AMD). */
		EXPECT_EQ(info.vendor == VSM_VENDOR_AMD,
			  info.nested_pages >= VSM_NESTED_PAGES_MIN);
	} else {
		EXPECT_EQ(VSM_STATE_LOADED, info.state);
		EXPECT_EQ(0, info.nr_protected_cpus);
		EXPECT_EQ(0, info.region_base | info.region_size | info.cpu_bytes);
	}
	EXPECT_GE(info.phys_addr_bits, 32);
	EXPECT_LE(info.phys_addr_bits, 52);
	EXPECT_GE(info.dma, VSM_DMA_PROTECTED);
	EXPECT_LE(info.dma, VSM_DMA_IOMMU_IDLE);
	EXPECT_EQ(0, info.reserved[0] | info.reserved[1] | info.reserved[2]);
}

TEST_F(dev, vendor_matches_cpuinfo)
{
	struct vsm_info info;
	char vendor[64];
	uint32_t want = VSM_VENDOR_UNKNOWN;

	cpuinfo_vendor(vendor, sizeof(vendor));
	if (!strcmp(vendor, "AuthenticAMD") || !strcmp(vendor, "HygonGenuine"))
		want = VSM_VENDOR_AMD;
	else if (!strcmp(vendor, "GenuineIntel"))
		want = VSM_VENDOR_INTEL;
	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	EXPECT_EQ(want, info.vendor) TH_LOG("cpuinfo vendor_id %s", vendor);
	if (getenv("VSM_VENDOR"))
		EXPECT_STREQ(getenv("VSM_VENDOR"), vsm_vendor_name(info.vendor));
}

/* Each capability against the kernel's own view of the CPU. */
TEST_F(dev, caps_match_cpuinfo)
{
	static const struct {
		const char *cap, *line, *flag;
	} map[] = {
		{ "svm", "flags", "svm" },
		{ "npt", "flags", "npt" },
		{ "nrip_save", "flags", "nrip_save" },
		{ "decode_assists", "flags", "decodeassists" },
		{ "flush_by_asid", "flags", "flushbyasid" },
		{ "vgif", "flags", "vgif" },
		{ "vmx", "flags", "vmx" },
		{ "ept", "vmx flags", "ept" },
		{ "ept_1g", "vmx flags", "ept_1gb" },
		{ "vpid", "vmx flags", "vpid" },
		{ "unrestricted_guest", "vmx flags", "unrestricted_guest" },
		{ "mbec", "vmx flags", "ept_mode_based_exec" },
		{ "page_1g", "flags", "pdpe1gb" },
		{ "nx", "flags", "nx" },
		{ "rdrand", "flags", "rdrand" },
		{ "rdseed", "flags", "rdseed" },
		{ "aesni", "flags", "aes" },
		{ "pclmulqdq", "flags", "pclmulqdq" },
		{ "hypervisor", "flags", "hypervisor" },
	};
	struct vsm_info info;
	size_t i;

	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		bool ours = info.caps & cap_bit(map[i].cap);
		bool kernel = cpuinfo_has(map[i].line, map[i].flag);

		ASSERT_NE(0, cap_bit(map[i].cap));
		EXPECT_EQ(kernel, ours)
			TH_LOG("%s: vsm says %d, /proc/cpuinfo '%s' says %d",
			       map[i].cap, ours, map[i].flag, kernel);
	}
}

/* Each capability against what the emulated CPU is known to offer. */
TEST_F(dev, caps_match_platform)
{
	char name[64], val[8], line[128];
	struct vsm_info info;
	const char *path = getenv("VSM_EXPECT");
	int checked = 0;
	FILE *f;

	if (!path)
		SKIP(return, "VSM_EXPECT not set: no known platform");
	f = fopen(path, "r");
	ASSERT_NE(NULL, f) TH_LOG("%s: %s", path, strerror(errno));
	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || sscanf(line, "%63s %7s", name, val) != 2)
			continue;
		if (!strcmp(name, "vendor")) {
			EXPECT_STREQ(val, vsm_vendor_name(info.vendor));
			continue;
		}
		ASSERT_NE(0, cap_bit(name)) TH_LOG("unknown capability %s", name);
		EXPECT_EQ(!strcmp(val, "yes"), !!(info.caps & cap_bit(name)))
			TH_LOG("%s: expected %s", name, val);
		checked++;
	}
	fclose(f);
	EXPECT_GE(checked, 10);
}

TEST_F(dev, unknown_commands_give_enotty)
{
	struct vsm_info info;

	init_request(&info);
	EXPECT_EQ(-ENOTTY, vsm_ioctl(self->fd, _IOWR(VSM_IOC_MAGIC, 0x7f, struct vsm_info), &info));
	EXPECT_EQ(-ENOTTY, vsm_ioctl(self->fd, _IOWR(VSM_IOC_MAGIC + 1, 0x00, struct vsm_info), &info));
	/* Right number, wrong direction. */
	EXPECT_EQ(-ENOTTY, vsm_ioctl(self->fd, _IOR(VSM_IOC_MAGIC, 0x00, struct vsm_info), &info));
	EXPECT_EQ(-ENOTTY, vsm_ioctl(self->fd, _IO(VSM_IOC_MAGIC, 0x00), &info));
	EXPECT_EQ(-ENOTTY, vsm_ioctl(self->fd, 0, &info));
}

TEST_F(dev, command_size_bits_are_ignored)
{
	struct { struct vsm_info info; char tail[40]; } big;

	memset(&big, 0, sizeof(big));
	big.info.hdr.size = sizeof(big);
	ASSERT_EQ(0, vsm_ioctl(self->fd, _IOWR(VSM_IOC_MAGIC, 0x00, big), &big));
	EXPECT_EQ(VSM_INFO_SIZE_VER0, big.info.hdr.size);
	EXPECT_EQ(VSM_ABI_VERSION, big.info.abi_version);
}

/* A malformed request must fail with @err and leave the buffer as it was. */
static void expect_cmd_refused(struct __test_metadata *_metadata, int fd,
			       unsigned long cmd, void *arg, size_t len, int err,
			       const char *what)
{
	char *before = malloc(len);

	ASSERT_NE(NULL, before);
	memcpy(before, arg, len);
	EXPECT_EQ(err, vsm_ioctl(fd, cmd, arg)) TH_LOG("%s", what);
	EXPECT_EQ(0, memcmp(before, arg, len)) TH_LOG("%s: buffer changed", what);
	free(before);
}

#define expect_refused(m, fd, arg, len, err, what) \
	expect_cmd_refused(m, fd, VSM_IOC_GET_INFO, arg, len, err, what)

TEST_F(dev, bad_sizes_give_einval)
{
	static const uint32_t sizes[] = {
		0, 4, 8, VSM_INFO_SIZE_VER0 - 1, VSM_ARG_MAX_SIZE + 1, 0xffffffffU,
	};
	char buf[VSM_ARG_MAX_SIZE + 64];
	struct vsm_info *info = (void *)buf;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		memset(buf, 0, sizeof(buf));
		info->hdr.size = sizes[i];
		expect_refused(_metadata, self->fd, buf, sizeof(buf), -EINVAL, "size");
	}
}

TEST_F(dev, flags_and_reserved_give_einval)
{
	struct vsm_info info;
	size_t i;

	init_request(&info);
	info.hdr.flags = 1;
	expect_refused(_metadata, self->fd, &info, sizeof(info), -EINVAL, "flags");
	init_request(&info);
	info.hdr.flags = 0x80000000U;
	expect_refused(_metadata, self->fd, &info, sizeof(info), -EINVAL, "flag 31");
	init_request(&info);
	info.dma = 1;
	expect_refused(_metadata, self->fd, &info, sizeof(info), -EINVAL, "dma on input");
	init_request(&info);
	info.nested_pages = 1;
	expect_refused(_metadata, self->fd, &info, sizeof(info), -EINVAL, "nested_pages (out only)");
	init_request(&info);
	info.cpu_bytes = 1;
	expect_refused(_metadata, self->fd, &info, sizeof(info), -EINVAL, "cpu_bytes (out only)");
	for (i = 0; i < 3; i++) {
		init_request(&info);
		info.reserved[i] = 1;
		expect_refused(_metadata, self->fd, &info, sizeof(info), -EINVAL, "reserved");
	}
}

TEST_F(dev, larger_struct_with_zero_tail_works)
{
	char buf[512];
	struct vsm_info *info = (void *)buf;
	size_t i;

	memset(buf, 0, sizeof(buf));
	info->hdr.size = 256;
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, buf));
	EXPECT_EQ(VSM_INFO_SIZE_VER0, info->hdr.size);
	EXPECT_EQ(VSM_ABI_VERSION, info->abi_version);
	for (i = sizeof(*info); i < sizeof(buf); i++)
		ASSERT_EQ(0, buf[i]);
}

TEST_F(dev, nonzero_tail_gives_e2big)
{
	char buf[256];
	struct vsm_info *info = (void *)buf;

	memset(buf, 0, sizeof(buf));
	info->hdr.size = 256;
	buf[255] = 1;
	expect_refused(_metadata, self->fd, buf, sizeof(buf), -E2BIG, "tail");
}

TEST_F(dev, smaller_struct_is_not_overrun)
{
	char buf[VSM_INFO_SIZE_VER0 + 16];
	struct vsm_info *info = (void *)buf;
	size_t i;

	/* A caller's structure of exactly the published size: nothing beyond it is written. */
	memset(buf, 0, sizeof(buf));
	memset(buf + VSM_INFO_SIZE_VER0, 0x5a, 16);
	info->hdr.size = VSM_INFO_SIZE_VER0;
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, buf));
	for (i = VSM_INFO_SIZE_VER0; i < sizeof(buf); i++)
		ASSERT_EQ(0x5a, (unsigned char)buf[i]);
}

TEST_F(dev, bad_pointers_give_efault)
{
	char *map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct vsm_info *straddle;

	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, munmap(map + PAGE, PAGE));
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, NULL));
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, map + PAGE));
	/* Header readable, the rest of the structure not mapped. */
	straddle = (void *)(map + PAGE - 16);
	memset(straddle, 0, 16);
	straddle->hdr.size = sizeof(*straddle);
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, straddle));
	EXPECT_EQ(sizeof(*straddle), straddle->hdr.size);
	/* Kernel addresses are not user memory. */
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_GET_INFO,
				     (void *)0xffffffff81000000UL));
	/* Read-only memory cannot receive the answer. */
	init_request((struct vsm_info *)map);
	ASSERT_EQ(0, mprotect(map, PAGE, PROT_READ));
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, map));
	munmap(map, PAGE);
}

static void init_stats(struct vsm_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->hdr.size = sizeof(*st);
}

TEST_F(dev, stats_bad_requests_are_refused)
{
	struct vsm_cpu_stats cpus[4];
	struct vsm_stats st;
	char *map;

	init_stats(&st);
	st.hdr.size = VSM_STATS_SIZE_VER0 - 8;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_STATS, &st, sizeof(st),
			   -EINVAL, "stats size");
	init_stats(&st);
	st.hdr.flags = 4;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_STATS, &st, sizeof(st),
			   -EINVAL, "stats flags");
	init_stats(&st);
	st.reserved[3] = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_STATS, &st, sizeof(st),
			   -EINVAL, "stats reserved");
	init_stats(&st);
	st.nr_cpus = VSM_STATS_MAX_CPUS + 1;
	st.cpus_ptr = (uintptr_t)cpus;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_STATS, &st, sizeof(st),
			   -EINVAL, "too many CPUs");
	init_stats(&st);
	st.nr_cpus = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_STATS, &st, sizeof(st),
			   -EINVAL, "entries without a buffer");
	init_stats(&st);
	st.nr_cpus = 4;
	st.cpus_ptr = 0xffffffff81000000ULL;
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_STATS, &st));
	/* A read-only buffer cannot receive the entries. */
	map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	init_stats(&st);
	st.nr_cpus = 1;
	st.cpus_ptr = (uintptr_t)map;
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_STATS, &st));
	munmap(map, 4096);
	/* Asking for no entries reports how many there are. */
	init_stats(&st);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_STATS, &st));
	EXPECT_GE(st.nr_cpus, sysconf(_SC_NPROCESSORS_ONLN));
	/* Every class the kernel reports has a name in libvsm, and no more. */
	EXPECT_NE(NULL, vsm_exit_class_name(st.nr_exit_classes - 1));
	EXPECT_EQ(NULL, vsm_exit_class_name(st.nr_exit_classes));
}

TEST_F(dev, ping_bad_requests_are_refused)
{
	struct vsm_ping p;

	memset(&p, 0, sizeof(p));
	p.hdr.size = sizeof(p);
	p.value = 1ULL << 63;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_PING, &p, sizeof(p),
			   -EINVAL, "ping value");
	p.value = 1;
	p.reserved0 = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_PING, &p, sizeof(p),
			   -EINVAL, "ping reserved0");
	p.reserved0 = 0;
	p.reserved[1] = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_PING, &p, sizeof(p),
			   -EINVAL, "ping reserved");
	p.reserved[1] = 0;
	p.hdr.size = 16;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_PING, &p, sizeof(p),
			   -EINVAL, "ping size");
}

/* Bad input to the irreversible call must change nothing. */
TEST_F(dev, lock_bad_requests_change_nothing)
{
	struct vsm_info info;
	struct vsm_lock l;

	memset(&l, 0, sizeof(l));
	l.hdr.size = sizeof(l);
	l.hdr.flags = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_LOCK, &l, sizeof(l),
			   -EINVAL, "lock flags");
	l.hdr.flags = 0;
	l.reserved[0] = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_LOCK, &l, sizeof(l),
			   -EINVAL, "lock reserved");
	l.reserved[0] = 0;
	l.hdr.size = 8;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_LOCK, &l, sizeof(l),
			   -EINVAL, "lock size");
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_LOCK, NULL));
	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	EXPECT_NE(VSM_STATE_LOCKED, info.state);
}

/* The policy in force, as VSM_IOC_CI_POLICY_GET returns it. */
static uint32_t ci_policy_now(struct __test_metadata *_metadata, int fd, void *buf,
			      uint32_t cap)
{
	struct vsm_ci_policy_io io;

	memset(&io, 0, sizeof(io));
	io.hdr.size = sizeof(io);
	io.policy_ptr = (uintptr_t)buf;
	io.policy_size = cap;
	EXPECT_EQ(0, vsm_ioctl(fd, VSM_IOC_CI_POLICY_GET, &io));
	return io.policy_size;
}

/* Malformed policies reach the secure world's parser and change nothing. */
TEST_F(dev, ci_policy_bad_requests_change_nothing)
{
	static uint8_t img[VSM_CI_POLICY_MAX + 8], before[VSM_CI_POLICY_MAX], after[VSM_CI_POLICY_MAX];
	struct vsm_ci_policy_header *h = (void *)img;
	struct vsm_ci_policy_io io;
	struct vsm_info info;
	uint32_t n0, n1;

	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	memset(&io, 0, sizeof(io));
	io.hdr.size = sizeof(io);
	io.policy_ptr = (uintptr_t)img;
	io.policy_size = sizeof(*h);
	if (info.state == VSM_STATE_LOADED) {
		EXPECT_EQ(-ENODEV, vsm_ioctl(self->fd, VSM_IOC_CI_POLICY_SET, &io));
		return;
	}
	n0 = ci_policy_now(_metadata, self->fd, before, sizeof(before));
	memcpy(h->magic, VSM_CI_MAGIC, 8);
	h->size = sizeof(*h);
	h->mode = VSM_CI_MODE_AUDIT;
	h->serial = 99;

	io.hdr.flags = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_CI_POLICY_SET, &io, sizeof(io),
			   -EINVAL, "policy flags");
	io.hdr.flags = 0;
	io.reserved[1] = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_CI_POLICY_SET, &io, sizeof(io),
			   -EINVAL, "policy reserved");
	io.reserved[1] = 0;
	io.policy_size = VSM_CI_POLICY_MAX + 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_CI_POLICY_SET, &io, sizeof(io),
			   -EMSGSIZE, "policy too large");
	io.policy_size = sizeof(*h);
	io.policy_ptr = 8;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_CI_POLICY_SET, &io, sizeof(io),
			   -EFAULT, "policy pointer");
	io.policy_ptr = (uintptr_t)img;
	/* Now the image itself: the secure world's checks. */
	h->magic[0] = 'X';
	EXPECT_EQ(-EINVAL, vsm_ioctl(self->fd, VSM_IOC_CI_POLICY_SET, &io)) TH_LOG("magic");
	h->magic[0] = 'V';
	h->size = sizeof(*h) + 1;
	EXPECT_EQ(-EINVAL, vsm_ioctl(self->fd, VSM_IOC_CI_POLICY_SET, &io)) TH_LOG("size field");
	h->size = sizeof(*h);
	h->mode = 7;
	EXPECT_EQ(-EINVAL, vsm_ioctl(self->fd, VSM_IOC_CI_POLICY_SET, &io)) TH_LOG("mode");
	h->mode = VSM_CI_MODE_ENFORCE;
	h->nr_hashes = 2;
	memset(img + sizeof(*h), 0x11, 64);		/* two equal hashes */
	h->size = sizeof(*h) + 64;
	io.policy_size = h->size;
	EXPECT_EQ(-EINVAL, vsm_ioctl(self->fd, VSM_IOC_CI_POLICY_SET, &io)) TH_LOG("order");
	h->nr_hashes = 0;
	h->nr_certs = 1;
	EXPECT_EQ(-EINVAL, vsm_ioctl(self->fd, VSM_IOC_CI_POLICY_SET, &io)) TH_LOG("cert");
	n1 = ci_policy_now(_metadata, self->fd, after, sizeof(after));
	EXPECT_EQ(n0, n1);
	EXPECT_EQ(0, memcmp(before, after, n0)) TH_LOG("the policy in force changed");
	/* A capacity too small gets the size and no bytes. */
	if (n0) {
		memset(after, 0xa5, sizeof(after));
		EXPECT_EQ(n0, ci_policy_now(_metadata, self->fd, after, n0 - 1));
		EXPECT_EQ(0xa5, after[0]);
	}
}

TEST_F(dev, audit_read_bad_requests_are_refused)
{
	struct vsm_audit_record recs[4];
	struct vsm_audit_read r;
	struct vsm_info info;

	init_request(&info);
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_GET_INFO, &info));
	memset(&r, 0, sizeof(r));
	r.hdr.size = sizeof(r);
	r.cursor = 1;
	r.nr_records = 4;
	r.records_ptr = (uintptr_t)recs;
	if (info.state == VSM_STATE_LOADED) {
		EXPECT_EQ(-ENODEV, vsm_ioctl(self->fd, VSM_IOC_AUDIT_READ, &r));
		return;
	}
	r.nr_records = 0;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_AUDIT_READ, &r, sizeof(r),
			   -EINVAL, "no records");
	r.nr_records = VSM_AUDIT_READ_MAX + 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_AUDIT_READ, &r, sizeof(r),
			   -EINVAL, "too many records");
	r.nr_records = 4;
	r.reserved0 = 1;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_AUDIT_READ, &r, sizeof(r),
			   -EINVAL, "reserved0");
	r.reserved0 = 0;
	r.records_ptr = 0;
	expect_cmd_refused(_metadata, self->fd, VSM_IOC_AUDIT_READ, &r, sizeof(r),
			   -EINVAL, "null buffer");
	r.records_ptr = 0xffffffff81000000ULL;
	EXPECT_EQ(-EFAULT, vsm_ioctl(self->fd, VSM_IOC_AUDIT_READ, &r));
	/* A good read starts at the log's first record. */
	r.records_ptr = (uintptr_t)recs;
	ASSERT_EQ(0, vsm_ioctl(self->fd, VSM_IOC_AUDIT_READ, &r));
	EXPECT_GE(r.nr_records, 1);
	EXPECT_EQ(1, recs[0].seq);
	EXPECT_EQ(VSM_AUDIT_LOG_START, recs[0].type);
	EXPECT_EQ(info.region_base, recs[0].arg[0]);
	/* The second says once whether DMA can reach the region. */
	if (r.nr_records >= 2) {
		EXPECT_EQ(VSM_AUDIT_DMA, recs[1].type);
		EXPECT_EQ(info.dma, recs[1].arg[0]);
	}
	EXPECT_EQ(recs[r.nr_records - 1].seq + 1, r.cursor);
}

struct race {
	struct vsm_info *info;
	bool stop;
};

static void *flip_size(void *p)
{
	static const uint32_t sizes[] = { VSM_INFO_SIZE_VER0, 0x7fffffff, 4 };
	struct race *r = p;
	unsigned int i = 0;

	while (!__atomic_load_n(&r->stop, __ATOMIC_RELAXED))
		__atomic_store_n(&r->info->hdr.size, sizes[i++ % ARRAY_SIZE(sizes)],
				 __ATOMIC_RELAXED);
	return NULL;
}

/* Attack: change the size while the kernel copies and checks it. */
TEST_F(dev, size_race_is_harmless)
{
	static char buf[VSM_ARG_MAX_SIZE * 2];
	struct race r = { .info = (void *)buf };
	pthread_t t;
	int i, ret, ok = 0;

	ASSERT_EQ(0, pthread_create(&t, NULL, flip_size, &r));
	for (i = 0; i < 20000; i++) {
		ret = vsm_ioctl(self->fd, VSM_IOC_GET_INFO, buf);
		if (ret == 0)
			ok++;
		else
			ASSERT_EQ(-EINVAL, ret);
	}
	__atomic_store_n(&r.stop, true, __ATOMIC_RELAXED);
	pthread_join(t, NULL);
	TH_LOG("%d of %d calls saw a valid size", ok, i);
}

TEST_HARNESS_MAIN
