// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_usermap - attack the secure region from user space through a user
 * mapping of it (an attack test helper).
 *
 * Usage: vsm_usermap DEVICE PHYS BYTES
 *
 * Maps BYTES of DEVICE (/dev/vsm_attack maps the region; /dev/mem at PHYS
 * should refuse) and then:
 *   1. reads and writes every page through the mapping (a write that
 *      can be read back counts as shown: the decoy drops writes);
 *   2. reads it again with process_vm_readv() and through /proc/self/mem,
 *      both of which go through get_user_pages().
 * Exit 0 if nothing showed the secure world's marker or image header (a
 * refused mapping or a refused get_user_pages() counts as nothing shown),
 * 1 if something did, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096UL

static const char marker[] = "vsm-secure-world-marker:0f3c9a51";
static const uint64_t image_magic = 0x31574d53564d5356ULL;

static int shows_secret(const char *p, size_t len)
{
	return memmem(p, len, marker, sizeof(marker) - 1) ||
	       !memcmp(p, &image_magic, sizeof(image_magic));
}

/* Read @bytes at @map with @how (0 direct, 1 process_vm_readv, 2 /proc/self/mem). */
static int read_all(const char *map, size_t bytes, int how, const char *name)
{
	static char page[PAGE];
	size_t off, leaks = 0, refused = 0, kept = 0;
	int mem = -1;

	if (how == 2)
		mem = open("/proc/self/mem", O_RDONLY);
	for (off = 0; off < bytes; off += PAGE) {
		struct iovec local = { page, PAGE };
		struct iovec remote = { (void *)(map + off), PAGE };
		ssize_t n = PAGE;

		if (how == 0)
			memcpy(page, map + off, PAGE);
		else if (how == 1)
			n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
		else
			n = pread(mem, page, PAGE, (off_t)(uintptr_t)(map + off));
		if (n != (ssize_t)PAGE) {
			refused++;
			continue;
		}
		if (shows_secret(page, PAGE))
			leaks++;
		if (how != 0)
			continue;
		/* The decoy drops writes: nothing may be read back. */
		__atomic_store_n((uint64_t *)(map + off) + 2, 0x5a5a5a5a5a5a5a5aULL,
				 __ATOMIC_RELAXED);
		if (__atomic_load_n((uint64_t *)(map + off) + 2, __ATOMIC_RELAXED) ==
		    0x5a5a5a5a5a5a5a5aULL)
			kept++;
	}
	if (mem >= 0)
		close(mem);
	printf("%s: %zu pages: %zu showed the secure image, %zu refused, %zu writes kept\n",
	       name, bytes / PAGE, leaks, refused, kept);
	return leaks != 0 || kept != 0;
}

int main(int argc, char **argv)
{
	size_t bytes;
	off_t phys;
	char *map;
	int fd, bad = 0;

	if (argc != 4)
		return fprintf(stderr, "usage: vsm_usermap DEVICE PHYS BYTES\n"), 2;
	phys = (off_t)strtoull(argv[2], NULL, 0);
	bytes = strtoull(argv[3], NULL, 0);
	fd = open(argv[1], O_RDWR | O_SYNC);
	if (fd < 0)
		return perror(argv[1]), 2;
	/* /dev/vsm_attack maps the region at offset 0; /dev/mem at its address. */
	if (strcmp(argv[1], "/dev/mem"))
		phys = 0;
	map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, phys);
	if (map == MAP_FAILED) {
		printf("mmap %s: refused (%s)\n", argv[1], strerror(errno));
		return 0;
	}
	bad |= read_all(map, bytes, 0, "user mapping");
	bad |= read_all(map, bytes, 1, "process_vm_readv");
	bad |= read_all(map, bytes, 2, "/proc/self/mem");
	munmap(map, bytes);
	close(fd);
	return bad;
}
