// SPDX-License-Identifier: GPL-2.0
/// A memset() that clears a local variable which is never used again is a
/// dead store the compiler may drop: secrets survive on the stack.  Use
/// memzero_explicit() to wipe.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual context
virtual report

@r depends on context || report@
local idexpression x;
expression n;
position p;
@@
memset@p(&x, 0, n);
... when != x
    when strict

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "dead memset() of a local: use memzero_explicit()")
