// SPDX-License-Identifier: GPL-2.0
/// Kernel messages go through pr_*() so that every line carries the
/// "vsm: " prefix an operator greps for.
//
// Confidence: High
// Options: --no-includes --include-headers

virtual context
virtual report

@r depends on context || report@
position p;
@@
printk@p(...)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "printk(): use pr_info()/pr_warn()/pr_err()")
