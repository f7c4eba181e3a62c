// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_kcore - read a physical range through /proc/kcore and look for the
 * secure world's marker (an attack test helper).
 *
 * Usage: vsm_kcore PHYS BYTES
 * Prints what it read; exit 0 if the range was read and showed no marker,
 * 1 if the marker or the image header showed, 2 if it could not read.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char marker[] = "vsm-secure-world-marker:0f3c9a51";
static const uint64_t image_magic = 0x31574d53564d5356ULL;
static const char zeros[16];

int main(int argc, char **argv)
{
	uint64_t phys, bytes, off, zero = 0, other = 0, leaks = 0;
	static char page[4096];
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd, i, found = 0;

	if (argc != 3)
		return fprintf(stderr, "usage: vsm_kcore PHYS BYTES\n"), 2;
	phys = strtoull(argv[1], NULL, 0);
	bytes = strtoull(argv[2], NULL, 0);
	fd = open("/proc/kcore", O_RDONLY);
	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh))
		return perror("/proc/kcore"), 2;
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) != sizeof(ph))
			return 2;
		if (ph.p_type == PT_LOAD && ph.p_paddr && phys >= ph.p_paddr &&
		    phys + bytes <= ph.p_paddr + ph.p_memsz) {
			found = 1;
			break;
		}
	}
	if (!found)
		return fprintf(stderr, "no kcore segment maps %#llx\n",
			       (unsigned long long)phys), 2;
	for (off = 0; off < bytes; off += sizeof(page)) {
		if (pread(fd, page, sizeof(page), ph.p_offset + phys - ph.p_paddr + off) !=
		    sizeof(page))
			return perror("read"), 2;
		if (memmem(page, sizeof(page), marker, sizeof(marker) - 1) ||
		    !memcmp(page, &image_magic, 8))
			leaks++;
		else if (!memcmp(page, zeros, sizeof(zeros)))
			zero++;
		else
			other++;
	}
	printf("kcore: %llu pages: %llu showed the secure image, %llu read zero, %llu other\n",
	       (unsigned long long)(bytes / sizeof(page)), (unsigned long long)leaks,
	       (unsigned long long)zero, (unsigned long long)other);
	return leaks ? 1 : 0;
}
