# SPDX-License-Identifier: GPL-2.0
#
# vsm - top-level build and test entry points.  `make help` lists them.

ROOT := $(CURDIR)
BUILD := $(ROOT)/build
KVER ?= $(shell $(ROOT)/scripts/kver)
KDIR ?= /lib/modules/$(KVER)/build
VENDOR ?= amd
LINUX_SOURCE ?= /usr/src/linux-source-6.1.tar.xz

VERSION := $(shell cat $(ROOT)/VERSION)

# make install: where, as in GNU's conventions; DESTDIR stages.
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/vsm
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# Early boot: where initramfs-tools and systemd look, whatever PREFIX is.
BOOTLIBDIR ?= /usr/lib/vsm
INITRAMFSDIR ?= /usr/share/initramfs-tools
UNITDIR ?= /lib/systemd/system
SYSCONFDIR ?= /etc

CC ?= gcc
TOOLS_CFLAGS := -O2 -g -Wall -Wextra -Werror -I$(ROOT)/include/uapi \
		-I$(ROOT)/tools/lib
SAN_CFLAGS := -O1 -g -Wall -Wextra -Werror -fno-omit-frame-pointer \
	      -fsanitize=address,undefined -fno-sanitize-recover=all \
	      -I$(ROOT)/include/uapi -I$(ROOT)/tools/lib

COMMON_SRCS := $(wildcard kmod/common/*.c kmod/common/*/*.c kmod/common/crypto/x86/*.S)
HOSTED_TESTS := $(wildcard tests/hosted/*.c)

all: module tools selftests

include kmod/secure/secure.mk

help:
	@echo "make            build vsm.ko (against Debian's headers), vsmctl, selftests"
	@echo "make demo       boot a VM, load vsm and show what it does"
	@echo "make test       install dependencies, run every test, print a summary"
	@echo "make check      hosted unit tests with ASan and UBSan"
	@echo "make lint       sparse, Coccinelle, checkpatch, self-contained headers"
	@echo "make fuzz       libFuzzer targets, FUZZ_SECONDS (60) each"
	@echo "make bench      the performance report: exits, instructions, coverage, ratios (bench/results.json, .png)"
	@echo "make kat        Wycheproof-format known-answer files, KAT='FILE.json ...'"
	@echo "make vmtest     selftests in a VM (VENDOR=amd|intel, SMP=N)"
	@echo "make deps       install missing Debian packages"
	@echo "make install    vsmctl, libvsm, headers, man pages, docs, bash completion (PREFIX, DESTDIR)"
	@echo "make dkms-install  vsm.ko through DKMS for KVER (uninstall: make dkms-uninstall)"
	@echo "Overrides: KVER=, KDIR= (kernel to build for), VENDOR=, SMP="

module: $(SW_BIN)
	$(MAKE) -C $(KDIR) M=$(ROOT) modules

tools: $(BUILD)/vsmctl $(BUILD)/libvsm.a

LIBVSM_SRCS := tools/lib/libvsm.c tools/lib/libvsm_keys.c tools/lib/libvsm_ci.c kmod/common/audit.c \
	       kmod/common/sha256.c kmod/common/crypto/x86/sha256_ni.S
LIBVSM_DEPS := $(LIBVSM_SRCS) tools/lib/libvsm.h include/uapi/linux/vsm.h \
	       kmod/common/audit.h kmod/common/sha256.h

# The secure world's crypto sources, built hosted.
CRYPTO_SRCS := $(wildcard kmod/common/crypto/*.c kmod/common/crypto/x86/*.S) kmod/common/asn1.c \
	       kmod/common/sha256.c
# vsmctl policy checks signatures and policies as the secure world does.
VSMCTL_SRCS := tools/vsmctl/vsmctl.c tools/vsmctl/cli.c tools/vsmctl/keys.c tools/vsmctl/policy.c
CI_SRCS := kmod/common/cipolicy.c kmod/common/modsig.c \
	   $(filter-out kmod/common/sha256.c kmod/common/crypto/x86/sha256_ni.S,$(CRYPTO_SRCS))
$(BUILD)/vsmctl: $(VSMCTL_SRCS) tools/vsmctl/vsmctl.h $(LIBVSM_DEPS) $(CI_SRCS) \
		 kmod/common/cipolicy.h kmod/common/modsig.h
	@mkdir -p $(BUILD)
	$(CC) $(TOOLS_CFLAGS) -static -o $@ $(VSMCTL_SRCS) $(LIBVSM_SRCS) $(CI_SRCS)

$(BUILD)/libvsm.a: $(LIBVSM_DEPS)
	@mkdir -p $(BUILD)/lib
	$(CC) $(TOOLS_CFLAGS) -c -o $(BUILD)/lib/libvsm.o tools/lib/libvsm.c
	$(CC) $(TOOLS_CFLAGS) -c -o $(BUILD)/lib/libvsm_keys.o tools/lib/libvsm_keys.c
	$(CC) $(TOOLS_CFLAGS) -c -o $(BUILD)/lib/libvsm_ci.o tools/lib/libvsm_ci.c
	$(CC) $(TOOLS_CFLAGS) -c -o $(BUILD)/lib/audit.o kmod/common/audit.c
	$(CC) $(TOOLS_CFLAGS) -c -o $(BUILD)/lib/sha256.o kmod/common/sha256.c
	$(CC) $(TOOLS_CFLAGS) -c -o $(BUILD)/lib/sha256_ni.o kmod/common/crypto/x86/sha256_ni.S
	ar rcs $@ $(BUILD)/lib/libvsm.o $(BUILD)/lib/libvsm_keys.o $(BUILD)/lib/libvsm_ci.o \
		$(BUILD)/lib/audit.o \
		$(BUILD)/lib/sha256.o $(BUILD)/lib/sha256_ni.o

$(BUILD)/kselftest/kselftest_harness.h:
	@mkdir -p $(BUILD)/kselftest
	tar -xJf $(LINUX_SOURCE) -C $(BUILD)/kselftest --strip-components=4 \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/tools/testing/selftests/kselftest.h
	touch $@

selftests: $(BUILD)/kselftest/kselftest_harness.h $(BUILD)/vsmctl $(SW_ELF)
	$(MAKE) -C selftests/vsm OUTPUT=$(BUILD)/selftests KDIR=$(KDIR)
	@# Where the secure world's secret data (the key store) lies in the
	@# secure region, for the DMA attack test: offsets from the image base.
	set -- $$(nm $(SW_ELF) | awk '$$3 == "__image_start" { b = $$1 } \
		$$3 == "__secret_start" { s = $$1 } $$3 == "__secret_bss_end" { e = $$1 } \
		END { print substr(b, 9), substr(s, 9), substr(e, 9) }'); \
	printf '0x%x 0x%x\n' $$((0x$$2 - 0x$$1)) $$((0x$$3 - 0x$$1)) \
		>$(BUILD)/selftests/secure_secret.range
	scripts/ci-assets $(BUILD)/selftests $(BUILD)/vsmctl $(KDIR)/scripts/sign-file $(KVER)

$(BUILD)/hosted/unit: $(HOSTED_TESTS) $(COMMON_SRCS) tools/lib/libvsm.c \
		      $(wildcard tests/hosted/*.h kmod/common/*.h kmod/common/*/*.h) \
		      include/uapi/linux/vsm.h
	@mkdir -p $(BUILD)/hosted
	$(CC) $(SAN_CFLAGS) -o $@ $(HOSTED_TESTS) $(COMMON_SRCS) tools/lib/libvsm.c \
		tools/lib/libvsm_keys.c -lcrypto

check: $(BUILD)/hosted/unit
	$(BUILD)/hosted/unit

# The known-answer runner.
KAT ?= $(wildcard tests/kat/*.json)
$(BUILD)/vsm-kat: tools/kat/kat.c tools/kat/json.c tools/kat/json.h $(CRYPTO_SRCS) \
		  $(wildcard kmod/common/crypto/*.h) tests/hosted/crypto_util.h
	@mkdir -p $(BUILD)
	$(CC) $(SAN_CFLAGS) -o $@ tools/kat/kat.c tools/kat/json.c $(CRYPTO_SRCS)

# Hosted crypto benchmark against OpenSSL (optimised build, no sanitizers).
$(BUILD)/vsm-crypto-bench: tools/bench/crypto_bench.c $(CRYPTO_SRCS) \
			   $(wildcard kmod/common/crypto/*.h)
	@mkdir -p $(BUILD)
	$(CC) -O2 -g -Wall -Wextra -Werror -o $@ tools/bench/crypto_bench.c $(CRYPTO_SRCS) -lcrypto

# Counted by valgrind in make bench: the key store and the module
# signature check as the secure world runs them (optimised, no sanitizers).
$(BUILD)/vsm-ops-bench: tools/bench/ops_bench.c kmod/common/keystore.c kmod/common/keystore.h \
			$(CRYPTO_SRCS) $(wildcard kmod/common/crypto/*.h)
	@mkdir -p $(BUILD)
	$(CC) -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -o $@ tools/bench/ops_bench.c \
		kmod/common/keystore.c $(CRYPTO_SRCS) -lcrypto

$(BUILD)/vsm-modsig-bench: tools/bench/modsig_bench.c kmod/common/modsig.c kmod/common/modsig.h \
			   kmod/common/modsig_hash.c kmod/common/modsig_hash.h \
			   $(CRYPTO_SRCS) $(wildcard kmod/common/crypto/*.h) kmod/common/asn1.h
	@mkdir -p $(BUILD)
	$(CC) -O2 -g -Wall -Wextra -Werror -o $@ tools/bench/modsig_bench.c kmod/common/modsig.c \
		kmod/common/modsig_hash.c $(CRYPTO_SRCS)

bench:
	scripts/bench

# Module signatures checked by the secure world's code, built hosted.
$(BUILD)/vsm-modsig: tools/modsig/modsig.c kmod/common/modsig.c kmod/common/modsig.h \
		     $(CRYPTO_SRCS) $(wildcard kmod/common/crypto/*.h) kmod/common/asn1.h
	@mkdir -p $(BUILD)
	$(CC) $(SAN_CFLAGS) -o $@ tools/modsig/modsig.c kmod/common/modsig.c $(CRYPTO_SRCS)

kat: $(BUILD)/vsm-kat
	$(BUILD)/vsm-kat $(KAT)

lint: module
	scripts/lint

FUZZ_SECONDS ?= 60
fuzz:
	scripts/fuzz $(FUZZ_SECONDS)

vmtest: all
	scripts/vmtest $(VENDOR) $(SMP)

test:
	scripts/test-all

demo:
	scripts/demo

deps:
	scripts/deps

# What make install puts where (relative to DESTDIR): "MODE SOURCE DEST".
INSTALL_FILES := \
	0755:$(BUILD)/vsmctl:$(SBINDIR)/vsmctl \
	0644:$(BUILD)/libvsm.a:$(LIBDIR)/libvsm.a \
	0644:tools/lib/libvsm.h:$(INCLUDEDIR)/libvsm.h \
	0644:include/uapi/linux/vsm.h:$(INCLUDEDIR)/linux/vsm.h \
	0644:man/vsmctl.8:$(MANDIR)/man8/vsmctl.8 \
	0644:man/libvsm.3:$(MANDIR)/man3/libvsm.3 \
	0644:man/vsm.4:$(MANDIR)/man4/vsm.4 \
	0644:man/vsm-boot.8:$(MANDIR)/man8/vsm-boot.8 \
	0644:tools/vsmctl/vsmctl.bash:$(BASHCOMPDIR)/vsmctl \
	0644:README.md:$(DOCDIR)/README.md \
	0755:tools/boot/vsm-boot:$(BOOTLIBDIR)/vsm-boot \
	0755:tools/boot/initramfs-hook:$(INITRAMFSDIR)/hooks/vsm \
	0755:tools/boot/initramfs-init-top:$(INITRAMFSDIR)/scripts/init-top/vsm \
	0644:tools/boot/vsm.service:$(UNITDIR)/vsm.service \
	$(foreach f,$(wildcard Documentation/*.rst),0644:$(f):$(DOCDIR)/$(f))

install: tools
	@set -e; for f in $(INSTALL_FILES); do \
		mode=$${f%%:*}; rest=$${f#*:}; src=$${rest%%:*}; dst=$${rest#*:}; \
		install -D -m $$mode $$src "$(DESTDIR)$$dst"; \
		echo "  INSTALL $(DESTDIR)$$dst"; \
	done
	@if [ -e "$(DESTDIR)$(SYSCONFDIR)/vsm.conf" ]; then \
		echo "  KEEP    $(DESTDIR)$(SYSCONFDIR)/vsm.conf (yours)"; \
	else \
		install -D -m 0644 tools/boot/vsm.conf "$(DESTDIR)$(SYSCONFDIR)/vsm.conf"; \
		echo "  INSTALL $(DESTDIR)$(SYSCONFDIR)/vsm.conf"; \
	fi

uninstall:
	@for f in $(INSTALL_FILES); do \
		dst=$${f#*:}; dst=$${dst#*:}; rm -f "$(DESTDIR)$$dst"; \
	done
	-rmdir "$(DESTDIR)$(DOCDIR)/Documentation" "$(DESTDIR)$(DOCDIR)" "$(DESTDIR)$(BOOTLIBDIR)" \
		2>/dev/null
	@echo "  KEEP    $(DESTDIR)$(SYSCONFDIR)/vsm.conf (configuration is yours to remove)"

# DKMS: the module's sources under /usr/src/vsm-VERSION, then dkms add,
# build and install for KVER (default: the Debian kernel scripts/kver picks).
DKMS_SRC := $(DESTDIR)/usr/src/vsm-$(VERSION)
DKMS_FILES := Kbuild Makefile VERSION dkms.conf scripts/kver include kmod

dkms-src:
	@grep -qx 'PACKAGE_VERSION="$(VERSION)"' dkms.conf || \
		{ echo "dkms.conf: PACKAGE_VERSION is not $(VERSION) (the VERSION file)" >&2; exit 1; }
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	tar -cf - $(DKMS_FILES) | tar -xf - -C $(DKMS_SRC)

dkms-install: dkms-src
	dkms add vsm/$(VERSION)
	dkms build vsm/$(VERSION) -k $(KVER)
	dkms install vsm/$(VERSION) -k $(KVER)

dkms-uninstall:
	-dkms remove vsm/$(VERSION) --all
	rm -rf $(DKMS_SRC)

clean:
	-$(MAKE) -C $(KDIR) M=$(ROOT) clean
	rm -rf $(BUILD)

.PHONY: all help module secure fuzz kat bench tools selftests check lint vmtest test demo deps clean \
	install uninstall dkms-src dkms-install dkms-uninstall
