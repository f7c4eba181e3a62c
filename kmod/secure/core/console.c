// SPDX-License-Identifier: GPL-2.0
/*
 * Polled output on COM1 for fatal errors.  Linux owns the port; the
 * secure world writes to it only when it is about to stop a CPU.
 */
#include "../include/sw.h"
#include "../include/x86.h"

#define COM1		0x3f8
#define COM_LSR		5
#define LSR_THRE	0x20

static void put_char(char ch)
{
	unsigned int spins = 100000;

	while (!(sw_inb(COM1 + COM_LSR) & LSR_THRE) && --spins)
		cpu_pause();
	sw_outb(COM1, (u8)ch);
}

void sw_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			put_char('\r');
		put_char(*s);
	}
}

void sw_put_hex(u64 v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[19];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = digits[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = 0;
	sw_puts(buf);
}

/**
 * sw_panic() - report a secure-world bug and stop this CPU
 * @why: what went wrong
 * @value: a number that helps (vector, exit code, address)
 */
void __noreturn sw_panic(const char *why, u64 value)
{
	sw_puts("\nvsm secure world: fatal: ");
	sw_puts(why);
	sw_puts(" ");
	sw_put_hex(value);
	sw_puts("\n");
	cpu_halt_forever();
}
