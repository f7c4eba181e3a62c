// SPDX-License-Identifier: GPL-2.0
/// Every copy to or from user space can fault: its result must be checked.
/// A copy whose result is ignored lets a bad pointer pass as success.
//
// Confidence: High
// Options: --no-includes --include-headers

virtual context
virtual report

@r depends on context || report@
expression e1, e2, e3;
position p;
@@
(
 copy_from_user@p(e1, e2, e3);
|
 copy_to_user@p(e1, e2, e3);
|
 clear_user@p(e1, e2);
|
 get_user@p(e1, e2);
|
 put_user@p(e1, e2);
|
 copy_struct_from_user@p(e1, e2, e3, ...);
)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "result of a user-space copy is ignored")
