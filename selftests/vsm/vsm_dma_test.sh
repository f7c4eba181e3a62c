#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DMA from root user space: QEMU's edu device (behind no driver, bus
# mastering turned on through sysfs) copies the secure world's secret data
# (where the key store lies; build/selftests/secure_secret.range) into its
# buffer and back out, after a key with a known marker was imported, and
# writes over it.  Needs -device edu,dma_mask=0xffffffffffffffff
# (scripts/vmtest runs it in a VM of its own, Documentation/dma.rst).
#
# What vsm reports decides what is asserted:
#  - "dma: protected ...": no byte of the marker comes back, the writes
#    change nothing (the key still signs as before), the host lives;
#  - "dma: absent ..." (or no dma line: vsm before DMA protection): the
#    report is true, the marker comes back and a write destroys the key.
# VSM_DMA_EXPECT=protected asserts protection whatever vsm reports (on a
# vsm that does not protect DMA this test then fails: the gap).
# Ordinary DMA to a page of the caller must work in every case.  Where
# DMA is not protected, the report is checked (GET_INFO, --json, the
# kernel log once) and dma=require must refuse to load.
. "$(dirname "$0")/lib.sh"

echo "TAP version 13"
require_protection "DMA cannot reach the secure region" "AMD-Vi only"
dir=$(cd "$(dirname "$0")" && pwd)
if ! grep -qs 0x11e8 /sys/bus/pci/devices/*/device; then
	tap_skip "DMA cannot reach the secure region" "no edu device (-device edu)"
	tap_done
	exit 0
fi
log_start=$(dmesg | wc -l)
ensure_loaded
region_info
read -r off_s off_e <"$dir/secure_secret.range"
t=$(mktemp -d)
printf 'vsm DMA test: a marker of 32 B..' >"$t/key"
printf 'a domain secret for the DMA test\n' >"$t/secret"
hex=$(od -An -tx1 "$t/key" | tr -d ' \n')
echo "# secure region $base, $kib KiB; secret data at +$off_s..+$off_e"
dma=$(vsmctl info | sed -n 's/^dma: *//p')
echo "# vsm reports dma: ${dma:-(no report)}"
dmesg | grep 'vsm: dma' | sed 's/^/# /'
expect=${VSM_DMA_EXPECT:-}
case "$dma" in protected*) expect=${expect:-protected} ;; esac
expect=${expect:-reachable}

dom=$(vsmctl domain create --secret-file "$t/secret" --max-keys 4 --json |
	sed -n 's/^{"domain":\([0-9]*\)}$/\1/p')
k() { vsmctl key "$@" --domain "$dom" --secret-file "$t/secret"; }
key=$(k create --type hmac-sha256 --usage sign,verify --import "$t/key" |
	sed -n 's/^key \([0-9]*\)$/\1/p')
echo "a message" >"$t/msg"
check "a key with a known marker is imported and signs" \
	sh -c "[ -n '$key' ] && vsmctl key sign --domain $dom --secret-file $t/secret \
	       --key $key --in $t/msg --out $t/tag0"

# Where the host's IOMMU driver gives the device a translated domain, root
# switches its group to identity (the device has no driver bound).
for d in /sys/bus/pci/devices/*; do
	grep -qs 0x11e8 "$d/device" && edu=$d
done
if [ -e "$edu/iommu_group" ]; then
	g=$(basename "$(readlink "$edu/iommu_group")")
	echo identity >"/sys/kernel/iommu_groups/$g/type"
	echo "# edu's IOMMU group $g: $(cat "/sys/kernel/iommu_groups/$g/type")"
fi

out=$("$dir/vsm_dma" check)
rc=$?
echo "$out" | sed 's/^/# /'
check "ordinary DMA to and from a page of the caller works, data checked" [ $rc -eq 0 ]

# Root turns the IOMMU off through /dev/mem (its registers are MMIO no
# driver claims): translation, command buffer and event log off, then no
# device table.  The register pages are out of the host's nested map, so
# the writes are contained and audited; the DMA attacks below then show
# that the unit still translates.
if [ "$expect" = protected ]; then
	mmio=$(dmesg | sed -n 's/.*vsm: dma: protected: the secure world owns the AMD-Vi IOMMU at \(0x[0-9a-f]*\).*/\1/p' | tail -n 1)
	busybox devmem $((mmio + 0x18)) 64 0 2>/dev/null
	busybox devmem $((mmio)) 64 0 2>/dev/null
	check "root's /dev/mem writes to the IOMMU's registers ($mmio) are contained and audited" \
		sh -c "vsmctl audit | grep -q ' protected_access  *$mmio '"
fi

pa=$((base + off_s))
len=$((off_e - off_s))
out=$("$dir/vsm_dma" find "$pa" "$len" "$hex")
rc=$?
echo "$out" | sed 's/^/# /'
hits=$(echo "$out" | sed -n 's/^hits: //p')
check "the DMA engine ran over the secret data" [ $rc -eq 0 ] && [ -n "$hits" ]
if [ "$expect" = protected ]; then
	check "DMA reads no byte of the key" [ "$hits" = 0 ]
	windows=$(echo "$out" | sed -n 's/^windows: //p')
	# The device's buffer keeps its pattern, or a failed read fills it
	# with one byte: either way no byte of secure memory.
	blocked=$(echo "$out" | sed -n 's/^blocked: //p')
	uniform=$(echo "$out" | sed -n 's/^uniform: //p')
	check "every window came back holding nothing of secure memory" \
		[ $((blocked + uniform)) -eq "$windows" ]
	"$dir/vsm_dma" fill "$pa" "$len" 0 | sed 's/^/# /'
	k sign --key "$key" --in "$t/msg" --out "$t/tag1"
	check "DMA writes over the key store change nothing: the key signs as before" \
		cmp -s "$t/tag0" "$t/tag1"
	vsmctl audit | grep dma_fault | head -3 | sed 's/^/# /'
	edu_id=$(basename "$edu" | sed 's/^0000://')
	if ! vsmctl audit | grep -q dma_fault && case "${VSM_EMULATOR:-}" in qemu*) true ;; *) false ;; esac; then
		# QEMU 7.2's AMD-Vi never moves the event log's tail register
		# (Documentation/testing.rst): the faults cannot be seen there.
		tap_skip "the attempt is audited (device, address, direction)" \
			"QEMU's AMD-Vi event log tail does not advance"
	else
		check "the attempt is audited (device, address, direction)" \
			sh -c "vsmctl audit | grep -q 'dma_fault.*device $edu_id \(read\|write\) $(printf '%#x' "$pa" | cut -c1-9)'"
	fi
	check "the kernel log says DMA is protected, once" \
		[ "$(dmesg | grep -c 'vsm: dma: protected: the secure world owns the AMD-Vi IOMMU')" -eq 1 ]
	check "and the audit log, when the IOMMU was taken" \
		sh -c "vsmctl audit | grep -q 'dma  *protected (IOMMU at '"
	check "vsmctl info --json says protected" \
		sh -c "vsmctl info --json | grep -q '\"dma\":\"protected\"'"
	out=$("$dir/vsm_dma" check)
	check "ordinary DMA still works after the attempts, data checked" [ $? -eq 0 ]
	rmmod vsm
	dmesg | grep 'vsm: dma' | tail -n 2 | sed 's/^/# /'
	check "unload gives the IOMMU back as the host left it" \
		sh -c "dmesg | grep -q 'vsm: dma: the AMD-Vi IOMMU at .* is back as the host left it (off)'"
	vsm_insmod
	check "and it is off again: vsm takes it again at the next load" \
		sh -c "vsmctl info | grep -q '^dma: *protected'"
else
	check "vsm says DMA is not protected, and that is true: DMA reads the key" \
		[ "${hits:-0}" -ge 1 ]
	# Only over the key's bytes: zeroing all of the secret data wedges the
	# secure world (its locks and state are there too).
	first=$(echo "$out" | sed -n 's/^first: //p')
	"$dir/vsm_dma" fill "$first" 32 0 | sed 's/^/# /'
	after=$("$dir/vsm_dma" find "$pa" "$len" "$hex" | sed -n 's/^hits: //p')
	check "and a DMA write lands in the key store (the key's bytes are gone)" \
		[ "$after" = 0 ]
fi
if [ "$expect" != protected ]; then
	check "GET_INFO says why DMA is not protected" \
		sh -c "echo '$dma' | grep -q '^absent: '"
	check "vsmctl info --json says the same" \
		sh -c "vsmctl info --json | grep -q '\"dma\":\"$dma\"'"
	check "the kernel log said it once" \
		[ "$(dmesg | grep -c 'vsm: dma: absent: ')" -eq 1 ]
	check "and the audit log, in its second record" \
		sh -c "vsmctl audit | sed -n 2p | grep -q 'dma  *$dma\$'"
	rmmod vsm
	log=$(dmesg | wc -l)
	! vsm_insmod dma=require 2>/dev/null
	check "dma=require refuses to load" [ $? -eq 0 ] && ! grep -q '^vsm ' /proc/modules
	check "and says why" sh -c "dmesg | tail -n +$((log + 1)) |
		grep -q 'dma=require: refusing to load, DMA is not protected'"
	mkdir -p "/lib/modules/$(uname -r)/updates"
	cp "$VSM_KO" "/lib/modules/$(uname -r)/updates/vsm.ko"
	depmod
	printf 'VSM_DMA=require\n' >"$t/conf"
	VSM_CONF=$t/conf "$dir/vsm-boot" system >"$t/boot.out" 2>&1
	check "VSM_DMA=require in vsm.conf: vsm-boot refuses too" \
		[ $? -eq 1 ] && ! grep -q '^vsm ' /proc/modules
	check "vsm loads again without it" vsm_insmod
fi
check "the host lives" sh -c 'echo alive >/dev/null && cat /proc/uptime >/dev/null'
check "kernel log has no oops or warning" dmesg_clean_since "$log_start"
rm -rf "$t"
tap_done
