/*
 * ss_grade.h - grading one simple command (internal to the core).
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §4 applied to one command as ss_shell.c reported it:    |
 * | the name's row (user row first, then the default table and its     |
 * | name-specific rules), then the rules that are not about a name     |
 * | (reading from /dev/tcp, piping into sh, output to /dev/tcp).       |
 * +--------------------------------------------------------------------+
 */
#ifndef SS_GRADE_H
#define SS_GRADE_H

#include "ss.h"
#include "ss_shell.h"

/* The grade of one command; SS_GRADE_NONE for what is no command and has
 * no graded redirection (keywords, assignments, wrappers without
 * redirections).  rules may be NULL: defaults only. */
ss_grade_t ss_grade_command(const ss_rules_t *rules, const ss_cmd_t *cmd);

/* True when /dev/tcp/... or /dev/udp/... starts s. */
bool ss_grade_is_dev_net(const char *s, size_t len);

#endif /* SS_GRADE_H */
