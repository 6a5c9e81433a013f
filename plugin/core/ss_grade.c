/*
 * ss_grade.c - grading one command.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §4.  What a name is worth comes from its command-table  |
 * | row (ss_command_table.c, with the user's rows: ss_rules.c), which  |
 * | the shell reader hands over with the command: the row's grade,     |
 * | raised by its kind's rules (echo callbacks, sh with -i or a        |
 * | script, interpreter code).  A user row's grade given without a     |
 * | kind wins over those rules; the rules not about a name (reading    |
 * | from /dev/tcp, piping into a shell, a non-echo command writing to  |
 * | /dev/tcp) apply whatever the row.                                  |
 * +--------------------------------------------------------------------+
 */
#include "ss_grade.h"

#include <string.h>

/* ---- grading one command ---- */

bool ss_grade_is_dev_net(const char *s, size_t len)
{
    return len > 9 && (memcmp(s, "/dev/tcp/", 9) == 0 || memcmp(s, "/dev/udp/", 9) == 0);
}

/* What a command's redirections do with /dev/tcp and /dev/udp. */
typedef struct {
    bool reads;  /* < or <> from one, or fd 0 duplicated next to one */
    bool writes; /* output into one */
} net_redirs_t;

static net_redirs_t net_redirs(const ss_cmd_t *cmd)
{
    net_redirs_t f = {false, false};
    bool any_net = false, dup0 = false;
    for (size_t i = 0; i < cmd->n_redirs; i++) {
        const ss_redir_t *r = &cmd->redirs[i];
        bool net = ss_grade_is_dev_net(r->target.s, r->target.len);
        any_net |= net;
        switch (r->op) {
        case SS_REDIR_IN:
        case SS_REDIR_RW:
            f.reads |= net;
            break;
        case SS_REDIR_OUT:
        case SS_REDIR_APPEND:
        case SS_REDIR_CLOBBER:
        case SS_REDIR_OUT_ERR:
        case SS_REDIR_APPEND_ERR:
            f.writes |= net;
            break;
        case SS_REDIR_DUP_OUT:
            dup0 |= r->fd == 0; /* 0>&1 */
            break;
        case SS_REDIR_DUP_IN:
            dup0 |= r->fd <= 0; /* 0<&5, <&5 */
            break;
        default:
            break;
        }
    }
    f.reads |= dup0 && any_net; /* the shell's input is the connection */
    return f;
}

static const ss_word_t *args_of(const ss_cmd_t *cmd, size_t *n)
{
    *n = cmd->cmd_index < cmd->n_words ? cmd->n_words - cmd->cmd_index - 1 : 0;
    return *n ? cmd->words + cmd->cmd_index + 1 : NULL;
}

/* sh/bash/ash: -i opens a shell, a script file runs one; else a step. */
static ss_grade_t shell_grade(const ss_cmd_t *cmd, ss_grade_t base)
{
    size_t n;
    const ss_word_t *a = args_of(cmd, &n);
    ss_shell_opts_t o;
    ss_shell_parse_opts(a, n, cmd->entry->value_options, &o);
    if (o.interactive)
        return SS_GRADE_RED;
    if (o.first_arg < n && !o.has_c && !o.from_stdin)
        return SS_GRADE_RED;
    return base;
}

/* python/perl/...: inline code (-c -e -r) or a script file is red. */
static ss_grade_t interpreter_grade(const ss_cmd_t *cmd, ss_grade_t base)
{
    size_t n;
    const ss_word_t *a = args_of(cmd, &n);
    for (size_t i = 0; i < n; i++) {
        const char *s = a[i].s;
        size_t len = a[i].len;
        if (ss_shell_eq(s, len, "--"))
            return i + 1 < n ? SS_GRADE_RED : base;
        if (len < 2 || s[0] != '-')
            return ss_shell_eq(s, len, "-") ? base : SS_GRADE_RED; /* a script */
        if (s[1] == '-') {
            if (ss_shell_eq(s, len, "--eval") || strncmp(s, "--eval=", 7) == 0 ||
                ss_shell_eq(s, len, "--print"))
                return SS_GRADE_RED;
            continue;
        }
        /* -c code, -e code, perl -ne code, php -r code */
        if ((s[1] && strchr("ceEr", s[1])) || (s[len - 1] && strchr("ceE", s[len - 1])))
            return SS_GRADE_RED;
    }
    return base;
}

static bool is_echo(const ss_cmd_t *cmd)
{
    return cmd->kind == SS_CMD_NAMED && ss_cmd_is(cmd, SS_KIND_ECHO);
}

/* What the name says: its row's grade, raised by its kind's rules. */
static ss_grade_t name_grade(const ss_cmd_t *cmd, net_redirs_t f)
{
    const ss_command_t *e = cmd->entry;
    if (e && e->user && (e->grade_wins || cmd->kind != SS_CMD_NAMED))
        return e->grade;
    if (cmd->kind == SS_CMD_DROPPED)
        return SS_GRADE_RED;
    if (cmd->kind == SS_CMD_EXPANSION)
        return SS_GRADE_YELLOW;
    if (!e)
        return SS_GRADE_YELLOW; /* not in the table: unknown */
    switch (e->kind) {
    case SS_KIND_ECHO:
        return f.writes && e->grade < SS_GRADE_YELLOW ? SS_GRADE_YELLOW : e->grade; /* a callback */
    case SS_KIND_SHELL:
        return shell_grade(cmd, e->grade);
    case SS_KIND_INTERPRETER:
        return interpreter_grade(cmd, e->grade);
    default:
        return e->grade;
    }
}

ss_grade_t ss_grade_command(const ss_cmd_t *cmd)
{
    net_redirs_t f = net_redirs(cmd);
    ss_grade_t g = SS_GRADE_NONE;
    switch (cmd->kind) {
    case SS_CMD_NONE:
        return SS_GRADE_NONE;
    case SS_CMD_TOO_DEEP:
        return SS_GRADE_YELLOW;
    case SS_CMD_REDIR_ONLY:
        /* ">/dev/tcp/h/p" alone opens a connection and sends nothing. */
        g = f.writes ? SS_GRADE_YELLOW : SS_GRADE_NONE;
        break;
    case SS_CMD_WRAPPER:
        g = f.writes ? SS_GRADE_RED : SS_GRADE_NONE;
        break;
    default:
        g = name_grade(cmd, f);
        if (f.writes && !is_echo(cmd))
            g = SS_GRADE_RED; /* local data sent out */
        break;
    }
    if (f.reads)
        g = SS_GRADE_RED; /* a reverse shell */
    if (cmd->piped_in && (cmd->kind == SS_CMD_NAMED || cmd->kind == SS_CMD_WRAPPER) &&
        ss_cmd_is(cmd, SS_KIND_SHELL))
        g = SS_GRADE_RED; /* a fetched or decoded script run */
    return g;
}
