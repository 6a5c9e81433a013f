/*
 * ss_shell.h - a shell-like reader of command text (internal to the core).
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §3.  ss_shell_walk() tokenises attacker command text    |
 * | the way a POSIX shell/bash would, well enough to tell which        |
 * | programs would run: quotes, escapes, ; && || | & newlines, (...),  |
 * | $(...) and `...`, redirections, bash -c / sh -c / eval unwrapping, |
 * | prefixes (nohup, sudo, env...), keywords.  It calls back once per  |
 * | simple command ("piece"), in order, with the command's name, kind  |
 * | and command-table row; grading (ss_grade.c) and IOC mining         |
 * | (ss_ioc.c) are callers.  What a name is (prefix, shell, eval) and  |
 * | which of its options take a value come from the command table     |
 * | (ss_command_table.c) through the visitor's rules.                  |
 * | Work is linear in the text times the unwrap depth (at most 9).     |
 * +--------------------------------------------------------------------+
 */
#ifndef SS_SHELL_H
#define SS_SHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ss_command_table.h"

/* Word flags. */
enum {
    SS_WORD_QUOTED = 1u << 0,    /* some of it was quoted or escaped */
    SS_WORD_EXPANSION = 1u << 1, /* it starts with $x, ${..}, $(..) or `..` */
    SS_WORD_ASSIGN = 1u << 2     /* NAME=value (NAME and '=' unquoted) */
};

/* One word, quotes removed and escapes applied; expansions ($x, ${x},
 * $(...), `...`) are kept as written. */
typedef struct {
    const char *s;  /* NUL-terminated (may also hold NULs: use len) */
    size_t len;
    size_t raw_off; /* where the word starts in the text it was read from */
    size_t raw_len;
    size_t eq;      /* SS_WORD_ASSIGN: index in s of the value (just past '=') */
    unsigned flags;
} ss_word_t;

typedef enum {
    SS_REDIR_IN,         /* <   */
    SS_REDIR_RW,         /* <>  */
    SS_REDIR_OUT,        /* >   */
    SS_REDIR_APPEND,     /* >>  */
    SS_REDIR_CLOBBER,    /* >|  */
    SS_REDIR_OUT_ERR,    /* &>  (and >& WORD) */
    SS_REDIR_APPEND_ERR, /* &>> */
    SS_REDIR_DUP_OUT,    /* >&N, >&- */
    SS_REDIR_DUP_IN,     /* <&N, <&- */
    SS_REDIR_HEREDOC,    /* << and <<- */
    SS_REDIR_HERESTRING  /* <<< */
} ss_redir_op_t;

typedef struct {
    ss_redir_op_t op;
    int fd;           /* the fd written before the operator, -1 if none */
    ss_word_t target; /* file, fd number, here-doc delimiter or string */
} ss_redir_t;

/* Where a text sits in the top-level text, so that indicators found in
 * nested texts (bash -c strings, backquotes) can be put in textual order.
 * See ss_shell_key(). */
typedef struct {
    size_t k0, k1;
    unsigned depth; /* 0 for the top-level text */
} ss_shell_src_t;

typedef enum {
    SS_CMD_NAMED,      /* ordinary command; name = base name of its first word */
    SS_CMD_DROPPED,    /* runs a dropped file (/tmp/x, ./x86); name = the word */
    SS_CMD_EXPANSION,  /* command word is $x, ${x}, $(..), `..`; name = the word */
    SS_CMD_TOO_DEEP,   /* text nested beyond SS_MAX_UNWRAP_DEPTH; name = that text */
    SS_CMD_REDIR_ONLY, /* only redirections (>x, exec 5<>/dev/tcp/h/p); no name */
    SS_CMD_WRAPPER,    /* bash -c / sh -c / eval whose text was unwrapped; not reported */
    SS_CMD_NONE        /* keywords, for-lists, case patterns, assignments only */
} ss_cmd_kind_t;

/* One simple command, as handed to the visitor. */
typedef struct {
    ss_cmd_kind_t kind;
    int level;        /* 0 = the text given to ss_shell_walk; +1 per unwrap */
    const char *name; /* reported name (NULL for REDIR_ONLY / NONE) */
    size_t name_len;
    /* What the command table says of name (NAMED, WRAPPER; for DROPPED and
     * EXPANSION only a user row): NULL for a name not in it. */
    const ss_command_t *entry;
    const ss_word_t *words; /* every word of the piece, prefixes included */
    size_t n_words;
    size_t cmd_index; /* index of the command word in words (n_words if none) */
    const ss_redir_t *redirs;
    size_t n_redirs;
    bool piped_in;  /* its standard input is a pipe from the previous command */
    bool pipes_out; /* its standard output goes into the next command */
    const ss_shell_src_t *src; /* the text words[].raw_off refer to */
} ss_cmd_t;

typedef struct {
    void *ctx;
    /* Each simple command, in order (inner ones of $(...) before the
     * command that holds them). */
    void (*on_command)(void *ctx, const ss_cmd_t *cmd);
    /* Each text read: the top-level text first, then every nested text
     * that had to be decoded (bash -c strings, eval, backquotes). May be NULL. */
    void (*on_text)(void *ctx, const char *text, size_t len, const ss_shell_src_t *src);
} ss_shell_visitor_t;

/* Reads text[0..len) (not NUL-terminated, may hold NULs) as level 0 and
 * calls the visitor.  Returns SS_PROB_* bits (TOO_DEEP, UNTERMINATED_QUOTE,
 * WORDS_TRUNCATED). */
unsigned ss_shell_walk(const char *text, size_t len, const ss_shell_visitor_t *visitor);
/* The same, reading prefixes, shells, eval and value options from rules
 * (ss_shell_walk: NULL, the built-in command table only). */
unsigned ss_shell_walk_rules(const char *text, size_t len, const ss_shell_visitor_t *visitor,
                             const ss_rules_t *rules);

/* The ordering key of offset off in a text described by src. */
void ss_shell_key(const ss_shell_src_t *src, size_t off, size_t *k0, size_t *k1);

/* ---- helpers shared with grading and IOC mining ---- */

/* What the arguments of sh/bash/ash say. */
typedef struct {
    bool has_c;       /* -c: the first argument is a command string */
    bool interactive; /* -i */
    bool from_stdin;  /* -s: commands come from standard input */
    size_t first_arg; /* index (in args) of the first non-option word, n if none */
} ss_shell_opts_t;

/* value_options: the shell's row's (options such as -o that take a value). */
void ss_shell_parse_opts(const ss_word_t *args, size_t n, const char *value_options,
                         ss_shell_opts_t *opts);

/* True when the command's row has kind k. */
static inline bool ss_cmd_is(const ss_cmd_t *cmd, ss_kind_t k)
{
    return cmd->entry && cmd->entry->kind == k;
}
/* A path to a dropped file: under /tmp, /var/tmp, /dev/shm, or relative with a '/'. */
bool ss_shell_is_dropped_path(const char *w, size_t len);
/* True when w (len bytes) is the NUL-terminated string lit.  Inline, and
 * the first byte is compared first: this runs many times per command. */
static inline bool ss_shell_eq(const char *w, size_t len, const char *lit)
{
    if (len == 0 || w[0] != lit[0])
        return len == 0 && lit[0] == '\0';
    size_t k = strlen(lit);
    return len == k && memcmp(w, lit, k) == 0;
}

#endif /* SS_SHELL_H */
