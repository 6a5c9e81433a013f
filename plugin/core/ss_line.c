/*
 * ss_line.c - grading one Telnet command line.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §5 (and §2, last sentence).  A non-blank line after     |
 * | login is one telnet.command payload: its own commands plus those   |
 * | of every Shellshock payload inside it.  A payload stands at the    |
 * | line's start, or at the start of an assignment's value in command  |
 * | position or after env/export (env x='() { :;}; cmd' bash -c ...).  |
 * | A quoted value is its own enclosure; an unquoted one               |
 * | (x=() { :;}; cmd) runs to the end of the line, so the line's own   |
 * | commands are only those before it.                                 |
 * +--------------------------------------------------------------------+
 */
#include "ss.h"

#include <string.h>

#include "ss_shell.h"

/* What the walk over the line found. */
typedef struct {
    const char *line;
    size_t len;
    ss_arena_t *arena;
    const char *found[SS_MAX_PAYLOADS]; /* embedded payloads, copied */
    size_t found_len[SS_MAX_PAYLOADS];
    size_t n_found;
    size_t own_len; /* the line's own text: up to a payload running to its end */
    bool cut;       /* own_len was shortened: later pieces belong to that payload */
    unsigned problems;
} line_scan_t;

static bool is_blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c != '\0' && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\v' &&
            c != '\f')
            return false;
    }
    return true;
}

static void add_found(line_scan_t *S, const char *s, size_t len)
{
    if (S->n_found >= SS_MAX_PAYLOADS) {
        S->problems |= SS_PROB_TOO_MANY_PAYLOADS;
        return;
    }
    char *copy = ss_arena_strndup(S->arena, s, len);
    if (!copy)
        return;
    S->found[S->n_found] = copy;
    S->found_len[S->n_found] = len;
    S->n_found++;
}

/* NAME=value: a payload when the value starts with an opener. */
static void check_assignment(line_scan_t *S, const ss_word_t *w)
{
    if (!(w->flags & SS_WORD_ASSIGN))
        return;
    const char *value = w->s + w->eq;
    size_t vlen = w->len - w->eq;
    if (ss_opener_length(value, vlen) > 0) { /* x='() { :;}; cmd' */
        add_found(S, value, vlen);
        return;
    }
    /* x=() { :;}; cmd - the shell read "x=()" as an array; bash's
     * importer would see the whole rest of the line.  NAME= is unquoted,
     * so the value starts eq bytes into the raw word. */
    size_t raw = w->raw_off + w->eq;
    if (raw < S->len && ss_opener_length(S->line + raw, S->len - raw) > 0) {
        add_found(S, S->line + raw, S->len - raw);
        S->own_len = w->raw_off;
        S->cut = true;
    }
}

static void on_command(void *ctx, const ss_cmd_t *cmd)
{
    line_scan_t *S = ctx;
    if (cmd->level != 0 || S->cut)
        return;
    /* In command position: the words before the command word. */
    for (size_t i = 0; i < cmd->cmd_index && i < cmd->n_words && !S->cut; i++)
        check_assignment(S, &cmd->words[i]);
    bool env_export = cmd->kind == SS_CMD_NAMED &&
                      (ss_shell_eq(cmd->name, cmd->name_len, "env") ||
                       ss_shell_eq(cmd->name, cmd->name_len, "export"));
    for (size_t i = cmd->cmd_index + 1; env_export && i < cmd->n_words && !S->cut; i++)
        check_assignment(S, &cmd->words[i]);
}

/* Adds b's commands, indicators, grade, CVEs and problems to a. */
static void merge(ss_payload_t *a, const ss_payload_t *b)
{
    a->cves |= b->cves;
    a->problems |= b->problems;
    if (b->grade > a->grade)
        a->grade = b->grade;
    for (size_t i = 0; i < b->n_commands; i++) {
        if (a->n_commands >= SS_MAX_COMMANDS) {
            a->problems |= SS_PROB_COMMANDS_TRUNCATED;
            break;
        }
        a->commands[a->n_commands++] = b->commands[i];
    }
    const char *const *src[2] = {b->urls, b->hosts};
    const char **dst[2] = {a->urls, a->hosts};
    size_t n_src[2] = {b->n_urls, b->n_hosts};
    size_t *n_dst[2] = {&a->n_urls, &a->n_hosts};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < n_src[k]; i++) {
            bool dup = false;
            for (size_t j = 0; j < *n_dst[k] && !dup; j++)
                dup = strcmp(dst[k][j], src[k][i]) == 0;
            if (dup)
                continue;
            if (*n_dst[k] >= SS_MAX_IOCS) {
                a->problems |= SS_PROB_IOCS_TRUNCATED;
                continue;
            }
            dst[k][(*n_dst[k])++] = src[k][i];
        }
    }
}

ss_payload_t *ss_scan_command_line(const ss_rules_t *rules, const char *line, size_t len,
                                   ss_result_t *res)
{
    ss_result_reset(res);
    if (!line || is_blank_line(line, len))
        return NULL;
    ss_payload_t *p = &res->payloads[0];
    memset(p, 0, sizeof(*p));
    p->payload = ss_arena_strndup(&res->arena, line, len);
    if (!p->payload)
        return NULL;
    p->vector = SS_VEC_TELNET_COMMAND;
    p->payload_len = len;
    p->raw_offset = 0;
    p->raw_len = len;
    res->n_payloads = 1;

    line_scan_t S;
    memset(&S, 0, sizeof(S));
    S.line = line;
    S.len = len;
    S.arena = &res->arena;
    S.own_len = len;
    if (ss_opener_length(line, len) > 0) {
        size_t start = 0; /* the whole line is the payload */
        while (start < len && (line[start] == ' ' || line[start] == '\t'))
            start++;
        add_found(&S, line + start, len - start);
        S.own_len = 0;
    } else {
        ss_shell_visitor_t v = {&S, on_command, NULL};
        ss_shell_walk_rules(line, len, &v, rules); /* user prefixes too */
    }

    ss_analyze_commands(rules, line, S.own_len, p, &res->arena);
    if (memchr(line, '\0', len))
        p->problems |= SS_PROB_NUL_IN_VALUE;
    for (size_t i = 0; i < S.n_found; i++) {
        ss_payload_t tmp;
        memset(&tmp, 0, sizeof(tmp));
        tmp.vector = SS_VEC_TELNET_COMMAND;
        tmp.payload = S.found[i];
        tmp.payload_len = S.found_len[i];
        ss_analyze_payload(rules, &tmp, &res->arena);
        merge(p, &tmp);
    }
    p->problems |= S.problems;
    res->max_grade = p->grade;
    return p;
}
