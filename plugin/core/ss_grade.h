/*
 * ss_grade.h - grading one simple command (internal to the core).
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §4 applied to one command as ss_shell.c reported it:    |
 * | the name's command-table row (cmd->entry: a user row or a built-in |
 * | one) and its kind's rules, then the rules that are not about a     |
 * | name (reading from /dev/tcp, piping into sh, output to /dev/tcp).  |
 * +--------------------------------------------------------------------+
 */
#ifndef SS_GRADE_H
#define SS_GRADE_H

#include "ss.h"
#include "ss_shell.h"

/* The grade of one command; SS_GRADE_NONE for what is no command and has
 * no graded redirection (keywords, assignments, wrappers without
 * redirections).  The rules are those the shell reader found cmd->entry in. */
ss_grade_t ss_grade_command(const ss_cmd_t *cmd);

/* True when /dev/tcp/... or /dev/udp/... starts s. */
bool ss_grade_is_dev_net(const char *s, size_t len);

#endif /* SS_GRADE_H */
