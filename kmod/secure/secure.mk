# SPDX-License-Identifier: GPL-2.0
#
# The secure-world image: freestanding, never sees a Linux header (there is
# no Linux include path: -nostdinc, only the compiler's own freestanding
# headers), linked at VSM_SW_BASE, and rejected if it has an undefined
# symbol, a GOT, PLT, dynamic section or relocation left.
#
# Included by the top-level Makefile; produces $(SW_BIN).

SW_SRC := kmod/secure
SW_OUT := $(BUILD)/secure
SW_BIN := $(SW_OUT)/vsm-secure.bin
SW_ELF := $(SW_OUT)/vsm-secure.elf

SW_C_SRCS := $(wildcard $(SW_SRC)/core/*.c $(SW_SRC)/arch/*/*.c) \
	     kmod/common/insn.c kmod/common/cr_pin.c kmod/common/textpatch.c kmod/common/execscan.c \
	     kmod/common/svm/msrpm.c kmod/common/svm/nested.c kmod/common/snpt.c \
	     kmod/common/snpt_pool.c kmod/common/vmx/vmcs.c kmod/common/sha256.c \
	     kmod/common/audit.c kmod/common/hcall.c kmod/common/own.c kmod/common/amdvi.c kmod/common/keystore.c \
	     kmod/common/asn1.c kmod/common/paging.c \
	     kmod/common/modsig.c kmod/common/modsig_hash.c kmod/common/cipolicy.c \
	     $(wildcard kmod/common/crypto/*.c)
SW_S_SRCS := $(wildcard $(SW_SRC)/arch/*/*.S kmod/common/crypto/x86/*.S)
SW_OBJS := $(patsubst %.c,$(SW_OUT)/%.o,$(SW_C_SRCS)) \
	   $(patsubst %.S,$(SW_OUT)/%.o,$(SW_S_SRCS))

SW_CC ?= gcc
SW_LD ?= ld
SW_GCC_INCLUDE := $(shell $(SW_CC) -print-file-name=include)
# Only the compiler's freestanding headers: no Linux include path at all.
SW_CPPFLAGS := -nostdinc -isystem $(SW_GCC_INCLUDE) -DVSM_FREESTANDING
SW_CFLAGS := $(SW_CPPFLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-Wno-unused-parameter -ffreestanding -fno-builtin -fno-common \
	-fno-stack-protector -fno-strict-aliasing -fpie -fvisibility=hidden \
	-mcmodel=small -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fcf-protection=none \
	-fno-jump-tables -MMD -MP
SW_LDFLAGS := -nostdlib -static --no-dynamic-linker -z noexecstack \
	-z max-page-size=4096 --build-id=none

$(SW_OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  SWCC    $<"
	@$(SW_CC) $(SW_CFLAGS) -c -o $@ $<

$(SW_OUT)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  SWAS    $<"
	@$(SW_CC) $(SW_CPPFLAGS) -D__ASSEMBLY__ -MMD -MP -c -o $@ $<

$(SW_OUT)/secure.lds: $(SW_SRC)/secure.lds.S kmod/common/sw_abi.h
	@mkdir -p $(dir $@)
	$(SW_CC) $(SW_CPPFLAGS) -D__ASSEMBLY__ -E -P -x c -o $@ $<

# $(call sw_link,output,objects): link and refuse undefined symbols and
# anything dynamic.
define sw_link
	@echo "  SWLD    $(1)"
	@$(SW_LD) $(SW_LDFLAGS) -T $(SW_OUT)/secure.lds -o $(1) $(2)
	@undef=$$(nm -u $(1)); if [ -n "$$undef" ]; then \
		echo "secure world: undefined symbols:" $$undef >&2; rm -f $(1); exit 1; fi
	@bad=$$(readelf -SW $(1) | grep -oE ' \.(got|plt|rela|rel|dynamic|interp)[^ ]*'); \
	if [ -n "$$bad" ]; then \
		echo "secure world: forbidden sections:" $$bad >&2; rm -f $(1); exit 1; fi
endef

$(SW_ELF): $(SW_OBJS) $(SW_OUT)/secure.lds
	$(call sw_link,$@,$(SW_OBJS))

$(SW_BIN): $(SW_ELF)
	@echo "  SWBIN   $@"
	@objcopy -O binary $< $@

secure: $(SW_BIN)

# Prove the two build guards work: a Linux header does not compile, and an
# undefined symbol does not link.  Prints TAP lines for scripts/lint.
SW_PROBE := $(SW_OUT)/probe
secure-guards: $(SW_OBJS) $(SW_OUT)/secure.lds
	@mkdir -p $(SW_PROBE)
	@echo '#include <linux/types.h>' >$(SW_PROBE)/linux.c
	@if $(SW_CC) $(SW_CFLAGS) -c -o $(SW_PROBE)/linux.o $(SW_PROBE)/linux.c 2>/dev/null; \
	then echo "not ok - secure world: a Linux header is refused"; \
	else echo "ok - secure world: a Linux header is refused"; fi
	@echo 'void printk(const char *f); void probe(void) { printk("x"); }' \
		>$(SW_PROBE)/undef.c
	@$(SW_CC) $(SW_CFLAGS) -c -o $(SW_PROBE)/undef.o $(SW_PROBE)/undef.c
	@if $(MAKE) -s -f $(firstword $(MAKEFILE_LIST)) BUILD=$(BUILD) \
		$(SW_PROBE)/undef.elf >/dev/null 2>&1; \
	then echo "not ok - secure world: an undefined symbol fails the link"; \
	else echo "ok - secure world: an undefined symbol fails the link"; fi

$(SW_PROBE)/undef.elf: $(SW_OBJS) $(SW_PROBE)/undef.o $(SW_OUT)/secure.lds
	$(call sw_link,$@,$(SW_OBJS) $(SW_PROBE)/undef.o)

-include $(SW_OBJS:.o=.d)

.PHONY: secure secure-guards
