/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page ownership model (Documentation/ownership.rst), for spin: the
 * lifecycle loaded -> protected -> locked -> wiped, three pages (one of
 * the secure region, one of kernel text, one ordinary), two CPUs issuing
 * hypercalls with an output buffer in any page, and the lock's transition
 * of the text page, HOST_RW -> HOST_RO, taken under the table's lock after
 * in-flight writers have drained, then the nested map's write bit cleared.
 *
 * A fourth page holds an approved module's text: after the lock the
 * module is approved (HOST_RW -> HOST_RO, writers drained, then the
 * nested write bit cleared), then retracted when it unloads (approval
 * dropped first, then HOST_RO -> HOST_RW, then the write bit back), then
 * its memory is freed; and again, any number of times.
 *
 * Checked (scripts/lint): no reachable state where a SECURE or HOST_RO
 * page is writable through the nested map (outside the lock's and the
 * approval's own steps), the region is present in it, the secure world
 * writes such a page on the host's behalf, an approved page is writable,
 * a freed page is still read-only, or the host is LOCKED with its text
 * not HOST_RO.  -DSEED_NO_DRAIN (the lock does not wait for writers),
 * -DSEED_REGION_ONLY (the old check: only the region is refused),
 * -DSEED_WRITABLE_FIRST (retraction gives the write bit back before it
 * drops the approval), -DSEED_FREE_UNRETRACTED (the module's memory is
 * freed before it is retracted) and -DSEED_LOCK_SKIPS_TEXT (the lock
 * leaves the text alone) must each be found.
 */
mtype = { HOST_RW, HOST_RO, SECURE };
mtype = { LOADED, PROTECTED, LOCKING, LOCKED, WIPED };

#define REGION	0
#define TEXT	1
#define PLAIN	2
#define MOD	3

mtype own[4] = HOST_RW;
bool npt_w[4] = true;	/* the host may write the page through the nested map */
bool npt_p[4] = true;	/* the page is present in the nested map */
bool approved = false;	/* MOD holds approved module code */
bool freed = false;	/* MOD's module memory went back to the page allocator */
bool mod_step = false;	/* between the approval's table change and its nested one */
mtype life = LOADED;
byte writers = 0;	/* hypercalls between their write check and last write */
bool table_lock = false;

inline take() { atomic { !table_lock -> table_lock = true } }
inline drop() { table_lock = false }

/* The host may write only its read-write pages (the lock switches both). */
#define HOST_W_OK(i)	(!npt_w[i] || own[i] == HOST_RW || life == LOADED || life == LOCKING)
#define MOD_W_OK	(!npt_w[MOD] || own[MOD] == HOST_RW || mod_step)
#define INV		(HOST_W_OK(REGION) && HOST_W_OK(TEXT) && HOST_W_OK(PLAIN) && \
			 MOD_W_OK && (!approved || !npt_w[MOD] || mod_step) && \
			 (!freed || (own[MOD] == HOST_RW && !approved)) && \
			 (life != LOCKED || own[TEXT] == HOST_RO) && \
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
#ifndef SEED_LOCK_SKIPS_TEXT
	own[TEXT] == HOST_RW -> own[TEXT] = HOST_RO;
#endif
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
		:: p = MOD
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

/* A module loaded after the lock, approved, unloaded, freed, reloaded. */
active proctype module()
{
	life == LOCKED || life == WIPED;
	do
	:: life == LOCKED ->
		/* Loaded: the memory is the module's again. */
		freed = false;
		take();
		writers == 0;
		atomic {
			own[MOD] == HOST_RW -> own[MOD] = HOST_RO;
			approved = true;
			mod_step = true
		};
		drop();
		atomic { npt_w[MOD] = false; mod_step = false };
		/* Unload (MODULE_STATE_GOING), then the memory is freed. */
#ifdef SEED_FREE_UNRETRACTED
		freed = true;
#endif
		take();
#ifdef SEED_WRITABLE_FIRST
		npt_w[MOD] = true;
#endif
		approved = false;
		own[MOD] == HOST_RO -> own[MOD] = HOST_RW;
		drop();
		npt_w[MOD] = true;
		freed = true
	:: life == WIPED -> break
	od
}

active proctype invariant()
{
end:	atomic { !INV -> assert(false) }
}
