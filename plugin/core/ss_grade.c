/*
 * ss_grade.c - the grading rules table and per-command grading.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §4.  The default table (green / yellow / red names) and |
 * | the user's rows (a Wireshark UAT) live in one open-addressing hash |
 * | keyed by command name, so the per-command lookup is one probe.     |
 * | A user row wins over everything said about its name (including    |
 * | echo callbacks, sh with or without a script, interpreter code);    |
 * | the rules not about a name (reading from /dev/tcp, piping into sh, |
 * | a non-echo command writing to /dev/tcp) apply whatever the row.    |
 * +--------------------------------------------------------------------+
 */
#include "ss_grade.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    ss_grade_t grade;
} row_t;

/* GRADING.md §4, the names.  sh/bash/ash, echo/printf and the interpreters
 * also have rules of their own below. */
static const row_t defaults[] = {
    /* green: prints or reads on the host */
    {"echo", SS_GRADE_GREEN}, {"printf", SS_GRADE_GREEN}, {"true", SS_GRADE_GREEN},
    {"false", SS_GRADE_GREEN}, {":", SS_GRADE_GREEN}, {"read", SS_GRADE_GREEN},
    {"uname", SS_GRADE_GREEN}, {"id", SS_GRADE_GREEN}, {"whoami", SS_GRADE_GREEN},
    {"hostname", SS_GRADE_GREEN}, {"pwd", SS_GRADE_GREEN}, {"ls", SS_GRADE_GREEN},
    {"cd", SS_GRADE_GREEN}, {"cat", SS_GRADE_GREEN}, {"head", SS_GRADE_GREEN},
    {"tail", SS_GRADE_GREEN}, {"grep", SS_GRADE_GREEN}, {"egrep", SS_GRADE_GREEN},
    {"awk", SS_GRADE_GREEN}, {"sed", SS_GRADE_GREEN}, {"cut", SS_GRADE_GREEN},
    {"sort", SS_GRADE_GREEN}, {"uniq", SS_GRADE_GREEN}, {"wc", SS_GRADE_GREEN},
    {"tr", SS_GRADE_GREEN}, {"ps", SS_GRADE_GREEN}, {"w", SS_GRADE_GREEN},
    {"who", SS_GRADE_GREEN}, {"uptime", SS_GRADE_GREEN}, {"df", SS_GRADE_GREEN},
    {"free", SS_GRADE_GREEN}, {"nproc", SS_GRADE_GREEN}, {"lscpu", SS_GRADE_GREEN},
    {"ifconfig", SS_GRADE_GREEN}, {"netstat", SS_GRADE_GREEN}, {"date", SS_GRADE_GREEN},
    {"sleep", SS_GRADE_GREEN}, {"expr", SS_GRADE_GREEN}, {"env", SS_GRADE_GREEN},
    {"set", SS_GRADE_GREEN}, {"export", SS_GRADE_GREEN}, {"exit", SS_GRADE_GREEN},
    {"test", SS_GRADE_GREEN}, {"[", SS_GRADE_GREEN},
    /* yellow: reachability probes */
    {"ping", SS_GRADE_YELLOW}, {"ping6", SS_GRADE_YELLOW}, {"traceroute", SS_GRADE_YELLOW},
    {"tracepath", SS_GRADE_YELLOW}, {"nslookup", SS_GRADE_YELLOW}, {"dig", SS_GRADE_YELLOW},
    {"host", SS_GRADE_YELLOW},
    /* red: fetches, connects out, changes the host */
    {"wget", SS_GRADE_RED}, {"curl", SS_GRADE_RED}, {"tftp", SS_GRADE_RED},
    {"ftp", SS_GRADE_RED}, {"ftpget", SS_GRADE_RED}, {"fetch", SS_GRADE_RED},
    {"lwp-download", SS_GRADE_RED}, {"lynx", SS_GRADE_RED}, {"GET", SS_GRADE_RED},
    {"scp", SS_GRADE_RED}, {"nc", SS_GRADE_RED}, {"ncat", SS_GRADE_RED},
    {"netcat", SS_GRADE_RED}, {"socat", SS_GRADE_RED}, {"telnet", SS_GRADE_RED},
    {"ssh", SS_GRADE_RED}, {"chmod", SS_GRADE_RED}, {"chown", SS_GRADE_RED},
    {"crontab", SS_GRADE_RED}, {"useradd", SS_GRADE_RED}, {"adduser", SS_GRADE_RED},
    {"passwd", SS_GRADE_RED}, {"rm", SS_GRADE_RED}, {"kill", SS_GRADE_RED},
    {"killall", SS_GRADE_RED}, {"pkill", SS_GRADE_RED}, {"iptables", SS_GRADE_RED},
    {"mkfifo", SS_GRADE_RED},
};
#define N_DEFAULTS (sizeof(defaults) / sizeof(defaults[0]))

/* ---- the table ---- */

typedef struct {
    const char *name; /* NULL: empty slot */
    size_t len;
    char *owned;      /* name's copy for a user row that has no default */
    ss_grade_t def;   /* SS_GRADE_NONE: no default row */
    ss_grade_t user;  /* SS_GRADE_NONE: no user row */
} slot_t;

struct ss_rules {
    slot_t *slots;
    size_t cap; /* a power of two, at least twice the rows */
    size_t used;
};

static size_t hash(const char *s, size_t len)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static slot_t *probe(slot_t *slots, size_t cap, const char *name, size_t len)
{
    size_t i = hash(name, len) & (cap - 1);
    while (slots[i].name && !(slots[i].len == len && memcmp(slots[i].name, name, len) == 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static slot_t *find(const ss_rules_t *r, const char *name, size_t len)
{
    slot_t *s = probe(r->slots, r->cap, name, len);
    return s->name ? s : NULL;
}

static bool rehash(ss_rules_t *r, size_t cap)
{
    slot_t *slots = calloc(cap, sizeof(slot_t));
    if (!slots)
        return false;
    for (size_t i = 0; i < r->cap; i++) {
        if (r->slots[i].name)
            *probe(slots, cap, r->slots[i].name, r->slots[i].len) = r->slots[i];
    }
    free(r->slots);
    r->slots = slots;
    r->cap = cap;
    return true;
}

/* The slot for name, created empty if missing; NULL if out of memory. */
static slot_t *slot_for(ss_rules_t *r, const char *name, size_t len)
{
    if ((r->used + 1) * 2 > r->cap && !rehash(r, r->cap * 2))
        return NULL;
    slot_t *s = probe(r->slots, r->cap, name, len);
    if (!s->name) {
        s->name = name;
        s->len = len;
        r->used++;
    }
    return s;
}

static void free_owned(ss_rules_t *r)
{
    for (size_t i = 0; i < r->cap; i++)
        free(r->slots[i].owned);
}

/* (Re)fills the table with the defaults only. */
static bool load_defaults(ss_rules_t *r)
{
    free_owned(r);
    free(r->slots);
    r->cap = 256;
    r->used = 0;
    r->slots = calloc(r->cap, sizeof(slot_t));
    if (!r->slots)
        return false;
    for (size_t i = 0; i < N_DEFAULTS; i++) {
        slot_t *s = slot_for(r, defaults[i].name, strlen(defaults[i].name));
        if (!s)
            return false;
        s->def = defaults[i].grade;
    }
    return true;
}

ss_rules_t *ss_rules_new(void)
{
    ss_rules_t *r = calloc(1, sizeof(*r));
    if (r && !load_defaults(r)) {
        ss_rules_free(r);
        return NULL;
    }
    return r;
}

void ss_rules_free(ss_rules_t *rules)
{
    if (!rules)
        return;
    if (rules->slots)
        free_owned(rules);
    free(rules->slots);
    free(rules);
}

bool ss_rules_set_user(ss_rules_t *rules, const char *name, ss_grade_t grade)
{
    if (!rules || !rules->slots || !name || !*name || grade < SS_GRADE_GREEN ||
        grade > SS_GRADE_RED)
        return false;
    size_t len = strlen(name);
    slot_t *old = find(rules, name, len);
    if (old) {
        old->user = grade;
        return true;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, name, len + 1);
    slot_t *s = slot_for(rules, copy, len);
    if (!s) {
        free(copy);
        return false;
    }
    s->owned = copy;
    s->user = grade;
    return true;
}

void ss_rules_clear_user(ss_rules_t *rules)
{
    if (rules)
        load_defaults(rules);
}

/* The user's row for name, if any. */
static bool user_row(const ss_rules_t *r, const char *name, size_t len, ss_grade_t *g)
{
    const slot_t *s = r && r->slots ? find(r, name, len) : NULL;
    if (!s || s->user == SS_GRADE_NONE)
        return false;
    *g = s->user;
    return true;
}

/* The default table's grade for name; SS_GRADE_NONE if not listed. */
static ss_grade_t default_row(const ss_rules_t *r, const char *name, size_t len)
{
    if (r && r->slots) {
        const slot_t *s = find(r, name, len);
        return s ? s->def : SS_GRADE_NONE;
    }
    for (size_t i = 0; i < N_DEFAULTS; i++) { /* no table: a plain scan */
        if (ss_shell_eq(name, len, defaults[i].name))
            return defaults[i].grade;
    }
    return SS_GRADE_NONE;
}

ss_grade_t ss_rules_lookup(const ss_rules_t *rules, const char *name)
{
    if (!name || !*name)
        return SS_GRADE_NONE;
    size_t len = strlen(name);
    ss_grade_t g;
    if (user_row(rules, name, len, &g))
        return g;
    if (name[0] == '$' || name[0] == '`')
        return SS_GRADE_YELLOW; /* a variable as command: unknown */
    if (ss_shell_is_dropped_path(name, len))
        return SS_GRADE_RED;
    g = default_row(rules, name, len);
    return g != SS_GRADE_NONE ? g : SS_GRADE_YELLOW;
}

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
static ss_grade_t shell_grade(const ss_cmd_t *cmd)
{
    size_t n;
    const ss_word_t *a = args_of(cmd, &n);
    ss_shell_opts_t o;
    ss_shell_parse_opts(a, n, &o);
    if (o.interactive)
        return SS_GRADE_RED;
    if (o.first_arg < n && !o.has_c && !o.from_stdin)
        return SS_GRADE_RED;
    return SS_GRADE_YELLOW;
}

/* python/perl/...: inline code (-c -e -r) or a script file is red. */
static ss_grade_t interpreter_grade(const ss_cmd_t *cmd)
{
    size_t n;
    const ss_word_t *a = args_of(cmd, &n);
    for (size_t i = 0; i < n; i++) {
        const char *s = a[i].s;
        size_t len = a[i].len;
        if (ss_shell_eq(s, len, "--"))
            return i + 1 < n ? SS_GRADE_RED : SS_GRADE_YELLOW;
        if (len < 2 || s[0] != '-')
            return ss_shell_eq(s, len, "-") ? SS_GRADE_YELLOW : SS_GRADE_RED; /* a script */
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
    return SS_GRADE_YELLOW;
}

static bool is_echo(const ss_cmd_t *cmd)
{
    return cmd->kind == SS_CMD_NAMED && (ss_shell_eq(cmd->name, cmd->name_len, "echo") ||
                                         ss_shell_eq(cmd->name, cmd->name_len, "printf"));
}

/* What the name says: user row, else the default table and its rules. */
static ss_grade_t name_grade(const ss_rules_t *rules, const ss_cmd_t *cmd, net_redirs_t f)
{
    ss_grade_t g;
    if (user_row(rules, cmd->name, cmd->name_len, &g))
        return g;
    if (cmd->kind == SS_CMD_DROPPED)
        return SS_GRADE_RED;
    if (cmd->kind == SS_CMD_EXPANSION)
        return SS_GRADE_YELLOW;
    if (is_echo(cmd))
        return f.writes ? SS_GRADE_YELLOW : SS_GRADE_GREEN; /* a callback */
    if (ss_shell_is_shell(cmd->name, cmd->name_len))
        return shell_grade(cmd);
    if (ss_shell_is_interpreter(cmd->name, cmd->name_len))
        return interpreter_grade(cmd);
    g = default_row(rules, cmd->name, cmd->name_len);
    return g != SS_GRADE_NONE ? g : SS_GRADE_YELLOW;
}

ss_grade_t ss_grade_command(const ss_rules_t *rules, const ss_cmd_t *cmd)
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
        g = name_grade(rules, cmd, f);
        if (f.writes && !is_echo(cmd))
            g = SS_GRADE_RED; /* local data sent out */
        break;
    }
    if (f.reads)
        g = SS_GRADE_RED; /* a reverse shell */
    if (cmd->piped_in && (cmd->kind == SS_CMD_NAMED || cmd->kind == SS_CMD_WRAPPER) &&
        ss_shell_is_shell(cmd->name, cmd->name_len))
        g = SS_GRADE_RED; /* a fetched or decoded script run */
    return g;
}
