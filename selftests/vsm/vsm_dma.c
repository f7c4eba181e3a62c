// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_dma - drive QEMU's edu PCI device (1234:11e8) from root user space,
 * the way an attacker reaches memory the CPU may not: through a device's
 * DMA engine (a helper of vsm_dma_test.sh).
 *
 * Usage:
 *   vsm_dma check                   ordinary DMA: a page of this process
 *                                   goes to the device and back into
 *                                   another; exit 0 if the data match
 *   vsm_dma find PA LEN HEX         copy [PA, PA+LEN) through the device
 *                                   into this process and search it for
 *                                   the bytes HEX; prints "hits: N" and
 *                                   "first: PA" of the first hit; counts
 *                                   the windows that came back unchanged
 *                                   ("blocked: N", the device saw a fault)
 *   vsm_dma fill PA LEN BYTE        write BYTE over [PA, PA+LEN) by DMA
 *
 * The device sits behind no driver: the helper turns on memory decoding
 * and bus mastering in its config space (sysfs "config"), maps BAR0
 * ("resource0"), and finds the physical address of its own locked pages
 * in /proc/self/pagemap.  The edu engine moves at most 4095 bytes at a
 * time (QEMU 7.2 refuses 4096, off by one) and takes about 100 ms per
 * transfer; windows overlap by 32 bytes so that no marker of up to 32
 * bytes falls between two of them.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_CNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_START	1
#define EDU_CMD_TO_RAM	2	/* device buffer to RAM; clear: RAM to buffer */
#define EDU_BUF		0x40000
#define EDU_MAX		4095
#define WINDOW_STRIDE	(EDU_MAX - 31)

/* BAR0; accessed with atomics so that every access reaches the device */
static uint8_t *bar;
static uint8_t *page_a, *page_b;	/* locked pages of this process */
static uint64_t pa_a, pa_b;

static int find_edu(char *path, size_t len)
{
	struct dirent *d;
	char f[512], v[32];
	DIR *dir = opendir("/sys/bus/pci/devices");
	FILE *fp;
	int found = 0;

	while (dir && !found && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(f, sizeof(f), "/sys/bus/pci/devices/%s/vendor", d->d_name);
		fp = fopen(f, "r");
		if (!fp)
			continue;
		found = fgets(v, sizeof(v), fp) && !strncmp(v, "0x1234", 6);
		fclose(fp);
		snprintf(f, sizeof(f), "/sys/bus/pci/devices/%s/device", d->d_name);
		fp = found ? fopen(f, "r") : NULL;
		found = fp && fgets(v, sizeof(v), fp) && !strncmp(v, "0x11e8", 6);
		if (fp)
			fclose(fp);
		if (found)
			snprintf(path, len, "/sys/bus/pci/devices/%s", d->d_name);
	}
	if (dir)
		closedir(dir);
	return found ? 0 : -1;
}

static uint64_t phys_of(void *va)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0 || pread(fd, &e, 8, (uintptr_t)va / 4096 * 8) != 8)
		e = 0;
	if (fd >= 0)
		close(fd);
	if (!(e & (1ULL << 63)))
		return 0;
	return (e & ((1ULL << 55) - 1)) * 4096;
}

static void wr64(unsigned int off, uint64_t v)
{
	__atomic_store_n((uint64_t *)(bar + off), v, __ATOMIC_SEQ_CST);
}

static uint64_t rd64(unsigned int off)
{
	return __atomic_load_n((uint64_t *)(bar + off), __ATOMIC_SEQ_CST);
}

/* One transfer; 0 when the engine finished, -1 after 5 s. */
static int dma(uint64_t src, uint64_t dst, uint64_t cnt, int to_ram)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i;

	wr64(EDU_DMA_SRC, src);
	wr64(EDU_DMA_DST, dst);
	wr64(EDU_DMA_CNT, cnt);
	wr64(EDU_DMA_CMD, EDU_CMD_START | (to_ram ? EDU_CMD_TO_RAM : 0));
	for (i = 0; i < 500; i++) {
		if (!(rd64(EDU_DMA_CMD) & EDU_CMD_START))
			return 0;
		nanosleep(&ts, NULL);
	}
	return -1;
}

static int setup(void)
{
	char dev[300], f[400];
	uint16_t cmd;
	int fd;

	if (find_edu(dev, sizeof(dev)))
		return fprintf(stderr, "vsm_dma: no edu device (1234:11e8)\n"), -1;
	snprintf(f, sizeof(f), "%s/config", dev);
	fd = open(f, O_RDWR);
	if (fd < 0 || pread(fd, &cmd, 2, 4) != 2)
		return perror(f), -1;
	cmd |= 0x6;	/* memory space, bus master */
	if (pwrite(fd, &cmd, 2, 4) != 2)
		return perror(f), -1;
	close(fd);
	snprintf(f, sizeof(f), "%s/resource0", dev);
	fd = open(f, O_RDWR | O_SYNC);
	bar = fd < 0 ? MAP_FAILED : mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (bar == MAP_FAILED)
		return perror(f), -1;
	if ((__atomic_load_n((uint32_t *)bar, __ATOMIC_SEQ_CST) & 0xff) != 0xed)
		return fprintf(stderr, "vsm_dma: %s is not edu\n", dev), -1;
	page_a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page_a == MAP_FAILED || mlock(page_a, 8192))
		return perror("vsm_dma: mlock"), -1;
	page_b = page_a + 4096;
	memset(page_a, 1, 8192);
	pa_a = phys_of(page_a);
	pa_b = phys_of(page_b);
	if (!pa_a || !pa_b)
		return fprintf(stderr, "vsm_dma: no physical address in pagemap\n"), -1;
	printf("edu: %s, pages at %#llx %#llx\n", dev, (unsigned long long)pa_a,
	       (unsigned long long)pa_b);
	return 0;
}

/* Ordinary DMA: page_a -> device -> page_b; 0 if the data match. */
static int check(void)
{
	unsigned int i;

	for (i = 0; i < EDU_MAX; i++)
		page_a[i] = (uint8_t)(i * 7 + 3);
	memset(page_b, 0, 4096);
	if (dma(pa_a, EDU_BUF, EDU_MAX, 0) || dma(EDU_BUF, pa_b, EDU_MAX, 1))
		return fprintf(stderr, "vsm_dma: the engine did not finish\n"), 1;
	if (memcmp(page_a, page_b, EDU_MAX)) {
		for (i = 0; i < EDU_MAX && page_a[i] == page_b[i]; i++)
			;
		printf("ordinary DMA: data differ at byte %u\n", i);
		return 1;
	}
	printf("ordinary DMA: %d bytes there and back, data match\n", EDU_MAX);
	return 0;
}

static int hexbytes(const char *hex, uint8_t *out, size_t max)
{
	size_t n = strlen(hex) / 2, i;
	unsigned int b;

	if (n == 0 || n > max || strlen(hex) % 2)
		return -1;
	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = b;
	}
	return (int)n;
}

static int find(uint64_t pa, uint64_t len, const char *hex)
{
	uint8_t marker[32], *p;
	uint64_t off, first = 0, hits = 0, blocked = 0, uniform = 0, windows = 0, n;
	int mlen = hexbytes(hex, marker, sizeof(marker));
	unsigned int i;

	if (mlen < 0)
		return fprintf(stderr, "vsm_dma: bad marker\n"), 2;
	for (off = 0; off < len; off += WINDOW_STRIDE) {
		n = len - off < EDU_MAX ? len - off : EDU_MAX;
		/* A known pattern in the device's buffer first. */
		memset(page_a, 0x5a, 4096);
		memset(page_b, 0, 4096);
		if (dma(pa_a, EDU_BUF, EDU_MAX, 0) || dma(pa + off, EDU_BUF, n, 0) ||
		    dma(EDU_BUF, pa_b, n, 1))
			return fprintf(stderr, "vsm_dma: the engine did not finish\n"), 2;
		windows++;
		for (i = 0; i < n && page_b[i] == 0x5a; i++)
			;
		if (i == n)
			blocked++;
		/* One byte throughout: the device got nothing (a failed read). */
		for (i = 0; i < n && page_b[i] == page_b[0]; i++)
			;
		if (i == n && page_b[0] != 0x5a)
			uniform++;
		for (p = page_b; p + mlen <= page_b + n; p++) {
			if (memcmp(p, marker, mlen))
				continue;
			if (!hits++)
				first = pa + off + (p - page_b);
		}
	}
	printf("windows: %llu\nblocked: %llu\nuniform: %llu\nhits: %llu\n",
	       (unsigned long long)windows, (unsigned long long)blocked,
	       (unsigned long long)uniform, (unsigned long long)hits);
	if (hits)
		printf("first: %#llx\n", (unsigned long long)first);
	return 0;
}

static int fill(uint64_t pa, uint64_t len, int byte)
{
	uint64_t off, n;

	memset(page_a, byte, 4096);
	if (dma(pa_a, EDU_BUF, EDU_MAX, 0))
		return 2;
	for (off = 0; off < len; off += n) {
		n = len - off < EDU_MAX ? len - off : EDU_MAX;
		if (dma(EDU_BUF, pa + off, n, 1))
			return fprintf(stderr, "vsm_dma: the engine did not finish\n"), 2;
	}
	printf("filled %llu bytes at %#llx with %#x\n", (unsigned long long)len,
	       (unsigned long long)pa, byte);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		goto usage;
	if (setup())
		return 2;
	if (!strcmp(argv[1], "check"))
		return check();
	if (!strcmp(argv[1], "find") && argc == 5)
		return find(strtoull(argv[2], NULL, 0), strtoull(argv[3], NULL, 0), argv[4]);
	if (!strcmp(argv[1], "fill") && argc == 5)
		return fill(strtoull(argv[2], NULL, 0), strtoull(argv[3], NULL, 0),
			    (int)strtol(argv[4], NULL, 0));
usage:
	fprintf(stderr, "usage: vsm_dma check | find PA LEN HEX | fill PA LEN BYTE\n");
	return 2;
}
