/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page ownership model (Documentation/ownership.rst), for spin: the
 * lifecycle loaded -> protected -> locked -> wiped, three pages (one of
 * the secure region, one of kernel text, one ordinary), two CPUs issuing
 * hypercalls with an output buffer in any page, and the lock's transition
 * of the text page, HOST_RW -> HOST_RO, taken under the table's lock after
 * in-flight writers have drained, then the nested map's write bit cleared.
 *
 * Checked (scripts/lint): no reachable state where a SECURE or HOST_RO
 * page is writable through the nested map (outside the lock's own steps),
 * the region is present in it, or the secure world writes such a page on
 * the host's behalf.  -DSEED_NO_DRAIN (the lock does not wait for
 * writers) and -DSEED_REGION_ONLY (the old check: only the region is
 * refused) must each be found.
 */
mtype = { HOST_RW, HOST_RO, SECURE };
mtype = { LOADED, PROTECTED, LOCKING, LOCKED, WIPED };

#define REGION	0
#define TEXT	1
#define PLAIN	2

mtype own[3] = HOST_RW;
bool npt_w[3] = true;	/* the host may write the page through the nested map */
bool npt_p[3] = true;	/* the page is present in the nested map */
mtype life = LOADED;
byte writers = 0;	/* hypercalls between their write check and last write */
bool table_lock = false;

inline take() { atomic { !table_lock -> table_lock = true } }
inline drop() { table_lock = false }

/* The host may write only its read-write pages (the lock switches both). */
#define HOST_W_OK(i)	(!npt_w[i] || own[i] == HOST_RW || life == LOADED || life == LOCKING)
#define INV		(HOST_W_OK(REGION) && HOST_W_OK(TEXT) && HOST_W_OK(PLAIN) && \
			 (life == LOADED || !npt_p[REGION]))

active proctype lifecycle()
{
	/* Launch: before the host runs under the hypervisor. */
	atomic {
		own[REGION] == HOST_RW -> own[REGION] = SECURE;
		npt_p[REGION] = false;
		npt_w[REGION] = false;
		life = PROTECTED
	};
	life = LOCKING;
	take();
#ifndef SEED_NO_DRAIN
	writers == 0;
#endif
	own[TEXT] == HOST_RW -> own[TEXT] = HOST_RO;
	drop();
	npt_w[TEXT] = false;
	life = LOCKED;
	/* A reset or kexec: secrets wiped, the host does not run on. */
	life = WIPED
}

active [2] proctype cpu()
{
	byte p;
	bool ok;

	do
	:: life == PROTECTED || life == LOCKING || life == LOCKED ->
		if
		:: p = REGION
		:: p = TEXT
		:: p = PLAIN
		fi;
		take();
#ifdef SEED_REGION_ONLY
		ok = own[p] != SECURE;
#else
		ok = own[p] == HOST_RW;
#endif
		if
		:: ok -> writers++
		:: else
		fi;
		drop();
		if
		:: ok ->
			/* The write on the host's behalf. */
			assert(own[p] == HOST_RW);
			writers--
		:: else
		fi
	:: life == WIPED -> break
	od
}

active proctype invariant()
{
end:	atomic { !INV -> assert(false) }
}
