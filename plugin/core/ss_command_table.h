/*
 * ss_command_table.h - what the core knows about a command name (internal).
 *
 * +--------------------------------------------------------------------+
 * | One table (ss_command_table.c) says, for each command: its names,  |
 * | grade, kind, the options that take a value and how its arguments   |
 * | name indicators.  ss_rules.c indexes it, with the user's rows, by  |
 * | name; the shell reader (prefixes, sh -c, eval), the grader and the |
 * | IOC miner all ask ss_rules_find() and read nothing else.           |
 * +--------------------------------------------------------------------+
 */
#ifndef SS_COMMAND_TABLE_H
#define SS_COMMAND_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "ss.h"

/* Flags of a built-in row (not settable from a user row). */
enum {
    SS_CMDF_VERSIONED = 1u << 0, /* a version suffix also matches: python3, python2.7, php7 */
    /* prefixes whose grammar is more than "options, then the command": */
    SS_CMDF_EXEC = 1u << 1,      /* exec: alone, it applies its redirections to the shell */
    SS_CMDF_OPERAND = 1u << 2,   /* timeout: one operand (the duration) before the command */
    SS_CMDF_ASSIGN = 1u << 3,    /* env: "-" before and NAME=value words after the options */
    SS_CMDF_APPLET = 1u << 4,    /* busybox: no options; the next word, unless an option */
    /* The name is also an ordinary word or identifier (cat, date, id, ping):
     * text that merely starts with it after a ';', '|' or line break is not
     * taken for an injected command without shell-like arguments (rce.c). */
    SS_CMDF_WORD = 1u << 5
};

typedef struct {
    const char *name;
    const char *aliases;       /* other names, separated by blanks; NULL if none */
    ss_grade_t grade;          /* of the name alone; kinds' rules may raise it */
    ss_kind_t kind;
    ss_ioc_role_t ioc;
    const char *value_options; /* "-o -O --rcfile": "-xy" letters and "--long" names */
    unsigned flags;            /* SS_CMDF_* */
    /* user rows only */
    bool user;
    bool grade_wins; /* a grade without a kind: it wins over the kind's rules */
} ss_command_t;

/* The built-in table. */
extern const ss_command_t ss_command_table[];
extern const size_t ss_command_table_len;

/* What is known of name[0..len): a user row for that name, else the
 * built-in row of the name or alias, else the built-in row it is a
 * version of (python3 -> python; user rows are not matched so); NULL for
 * an unknown name.  rules may be NULL: built-in rows only. */
const ss_command_t *ss_rules_find(const ss_rules_t *rules, const char *name, size_t len);

/* The built-in row of name[0..len) as ss_rules_find() finds it, ignoring user rows. */
const ss_command_t *ss_command_builtin(const char *name, size_t len);

/* Whether option letter c / long option s[0..len) ("--name") takes a value
 * according to a value_options string (NULL: none does). */
bool ss_opts_short(const char *value_options, char c);
bool ss_opts_long(const char *value_options, const char *s, size_t len);

#endif /* SS_COMMAND_TABLE_H */
