/*
 * rce.c - shell command injection beyond Shellshock, see rce.h.
 */
#define _GNU_SOURCE /* memmem */
#include "rce.h"

#include <string.h>

#include "ss_command_table.h"
#include "ss_decode.h"
#include "ss_http_walk.h"

/* Where an injected command starts, and how much that says by itself. */
typedef enum {
    OP_SUBST, /* "$(" or a backquote: a command substitution */
    OP_SEP,   /* ";", "&&", "||" */
    OP_PIPE,  /* "|", and "&" alone: also delimiters ("name|id|date", "Tom & Jerry") */
    OP_LINE   /* a line break ("%0a") */
} op_t;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Ends a shell word that is not quoted. */
static bool ends_word(char c)
{
    return is_blank(c) || strchr(";|&<>()`'\"\n\r", c) != NULL;
}

static bool is_name_char(char c, bool first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && c >= '0' && c <= '9');
}

/* The end of the word starting at i. */
static size_t word_end(const char *v, size_t n, size_t i)
{
    while (i < n && !ends_word(v[i]))
        i++;
    return i;
}

/* NAME=value: an assignment, not a command name (";jsessionid=..."). */
static bool is_assignment(const char *w, size_t len)
{
    size_t i = 0;
    while (i < len && is_name_char(w[i], i == 0))
        i++;
    return i > 0 && i < len && w[i] == '=';
}

/* An argument that reads as shell, not prose: an option, a path, an
 * address or file name with a dot, or (with dollar) a variable. */
static bool shellish_arg(const char *w, size_t len, bool dollar)
{
    if (len == 0)
        return false;
    if (strchr("-/.~", w[0]) || (dollar && memchr(w, '$', len)))
        return true;
    return memchr(w, '/', len) || memchr(w, '.', len);
}

static bool all_digits(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (w[i] < '0' || w[i] > '9')
            return false;
    return len > 0;
}

/* The arguments of a word-like command from i on (to the next operator):
 * one that reads as shell, a redirection, or only numbers ("sleep 5").
 * dollar: "$x" counts (not for names the table does not know: "${id}" in
 * a JavaScript template literal is no shell). */
static bool shellish_args(const char *v, size_t n, size_t i, bool dollar)
{
    size_t args = 0, numbers = 0;
    for (;;) {
        while (i < n && is_blank(v[i]))
            i++;
        if (i >= n || strchr(";|&`)#\n\r", v[i]))
            break; /* the command's end, or a comment */
        if (v[i] == '>' || v[i] == '<')
            return true;
        if (v[i] == '$' && i + 1 < n && v[i + 1] == '{') { /* "${...}", whatever it holds */
            const char *close = memchr(v + i, '}', n - i);
            i = close ? (size_t)(close - v) + 1 : n;
            if (dollar)
                return true;
            args++;
            continue;
        }
        size_t s = i;
        if (v[i] == '"' || v[i] == '\'') {
            const char *q = memchr(v + i + 1, v[i], n - i - 1);
            s = i + 1;
            i = q ? (size_t)(q - v) + 1 : n;
            if (shellish_arg(v + s, (q ? (size_t)(q - v) : n) - s, dollar))
                return true;
            args++;
            continue;
        }
        i = word_end(v, n, i);
        if (i == s)
            i++; /* a '(' or similar: step over it */
        if (shellish_arg(v + s, i - s, dollar))
            return true;
        args++;
        numbers += all_digits(v + s, i - s);
    }
    return args > 0 && numbers == args;
}

/* A path to a program: under a directory programs are run from, or
 * relative ("./x").  URL paths ("/api/items") are not. */
static bool program_path(const char *w, size_t len)
{
    static const char *const dirs[] = {"./", "../", "/bin/", "/sbin/", "/usr/", "/tmp/",
                                       "/var/", "/dev/", "/mnt/", "/opt/", "/home/", "/root/",
                                       "/etc/", "/data/", "/system/"};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        if (len > strlen(dirs[i]) && strncmp(w, dirs[i], strlen(dirs[i])) == 0)
            return !memchr(w, '{', len);
    return false;
}

/* A word that can name a program: a lowercase letter, then lowercase
 * letters, digits, '.', '_', '-' (not "Hello", "10", "--force"). */
static bool program_name(const char *w, size_t len)
{
    for (size_t i = 1; i < len; i++)
        if (!(w[i] >= 'a' && w[i] <= 'z') && !(w[i] >= '0' && w[i] <= '9') && !strchr("._-", w[i]))
            return false;
    return len > 1 && w[0] >= 'a' && w[0] <= 'z';
}

/* Whether what follows an operator of kind op, from s on, reads as a
 * command: a name the command table knows, or a path.  prev: the byte
 * before the operator ('\0' at the value's start). */
static bool command_at(const ss_rules_t *rules, const char *v, size_t n, size_t s, op_t op,
                       char prev)
{
    size_t i = s, e;
    for (int assignments = 0;; assignments++) {
        while (i < n && is_blank(v[i]))
            i++;
        e = word_end(v, n, i);
        if (assignments == 4 || !is_assignment(v + i, e - i))
            break;
        i = e;
    }
    if (e == i)
        return false;
    const char *w = v + i, *base = w;
    size_t len = e - i;
    const char *slash = memrchr(w, '/', len);
    bool path = program_path(w, len);
    if (slash)
        base = slash + 1;
    size_t blen = (size_t)(w + len - base);
    if (blen == 0)
        return false;
    const ss_command_t *row = ss_rules_find(rules, base, blen);
    if (!row && !path) {
        /* Inside "$(" or backquotes, a program the table does not know
         * still runs: taken when its arguments read as shell
         * ("`telnetd -l /bin/sh -p 8888`", not "$(document)"). */
        return op == OP_SUBST && !slash && program_name(w, len) && shellish_args(v, n, e, false);
    }
    if (op == OP_SUBST || path || !(row->flags & SS_CMDF_WORD))
        return true;
    if (shellish_args(v, n, e, true))
        return true;
    /* A word-like command alone, after a value that is not a word:
     * "127.0.0.1;id;", "cmd=;id" (a list reads "news;id;sort"). */
    while (e < n && is_blank(v[e]))
        e++;
    bool alone = e >= n || strchr(";|&`)#\n\r", v[e]);
    if (op == OP_PIPE) /* "|id" opening a value, not "name|id" */
        return alone && prev == '\0';
    return alone && (prev == '\0' || (prev >= '0' && prev <= '9') || prev == '\'' || prev == '"');
}

size_t rce_find_injection(const ss_rules_t *rules, const char *v, size_t n)
{
    ss_work(n);
    for (size_t i = 0; i < n; i++) {
        op_t op;
        size_t start = i + 1;
        char c = v[i], next = i + 1 < n ? v[i + 1] : '\0';
        if (c == ';')
            op = OP_SEP;
        else if (c == '\n' || c == '\r')
            op = OP_LINE;
        else if (c == '|')
            op = next == '|' ? (start++, OP_SEP) : OP_PIPE;
        else if (c == '&')
            op = next == '&' ? (start++, OP_SEP) : OP_PIPE;
        else if (c == '$' && next == '(' && (i + 2 >= n || v[i + 2] != '('))
            op = OP_SUBST, start++;
        else if (c == '`')
            op = OP_SUBST;
        else
            continue;
        if (command_at(rules, v, n, start, op, i ? v[i - 1] : '\0'))
            return i;
        i = start - 1;
        if (c == '`') { /* its closing backquote opens nothing ("`a` and `b`") */
            const char *close = memchr(v + start, '`', n - start);
            if (close)
                i = (size_t)(close - v);
        }
    }
    return n;
}

/* ---- the prefilter ---- */

bool rce_http_may_contain(const uint8_t *buf, size_t len)
{
    ss_work(len);
    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];
        if (c == ';' || c == '|' || c == '`' || c == '\n' || c == '&')
            return true;
        if (c == '$' && i + 1 < len && buf[i + 1] == '(')
            return true;
        if (c == '%' && i + 2 < len) {
            /* %3B ; %7C | %60 ` %0A %0D %26 & %24 $ */
            int hi = ss_hex_value(buf[i + 1]), lo = ss_hex_value(buf[i + 2]);
            int b = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
            if (b == ';' || b == '|' || b == '`' || b == '\n' || b == '\r' || b == '&' || b == '$')
                return true;
        }
    }
    return false;
}

/* ---- the scanner ---- */

/* The spellings of IFS that attackers use for a blank ("${IFS}",
 * "$IFS$9", "${IFS%??}") turned into spaces, in a copy; v itself when
 * there are none. */
static const char *unifs(ss_arena_t *arena, const char *v, size_t n, size_t *out_n)
{
    *out_n = n;
    if (!memmem(v, n, "IFS", 3))
        return v;
    char *out = ss_arena_alloc(arena, n + 1);
    if (!out)
        return v;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t m = 0;
        if (n - i >= 6 && memcmp(v + i, "${IFS", 5) == 0) {
            const char *close = memchr(v + i, '}', n - i);
            m = close && close - (v + i) <= 10 ? (size_t)(close - (v + i)) + 1 : 0;
        } else if (n - i >= 4 && memcmp(v + i, "$IFS", 4) == 0 &&
                   (n - i == 4 || !is_name_char(v[i + 4], false))) {
            m = 4;
            if (n - i >= 6 && v[i + 4] == '$' && v[i + 5] >= '0' && v[i + 5] <= '9')
                m = 6; /* $IFS$9: an empty positional parameter ends the name */
        }
        if (m) {
            out[k++] = ' ';
            i += m;
        } else {
            out[k++] = v[i++];
        }
    }
    out[k] = '\0';
    *out_n = k;
    return out;
}

/* A Shellshock opener anywhere in v: the value is Shellshock's. */
static bool has_opener(const char *v, size_t n)
{
    for (const char *p = v; (p = memchr(p, '(', (size_t)(v + n - p))) != NULL; p++)
        if (ss_opener_length(p, (size_t)(v + n - p)))
            return true;
    return false;
}

/* The end of the command substitution whose body starts at i ("$(" with
 * nesting, or a backquote), or n when it is not closed. */
static size_t subst_end(const char *v, size_t n, size_t i, bool backquote)
{
    if (backquote) {
        const char *q = memchr(v + i, '`', n - i);
        return q ? (size_t)(q - v) : n;
    }
    for (size_t depth = 1; i < n; i++) {
        if (v[i] == '(')
            depth++;
        else if (v[i] == ')' && --depth == 0)
            return i;
    }
    return n;
}

/* The injected text of v from the first injection at on, for grading: a
 * substitution's body alone (the XML or text around it is not shell), and
 * each further injection in the value after it; a separator's injection
 * runs to the value's end.  In the arena; NULL if out of memory. */
static const char *injected_text(const ss_rules_t *rules, ss_arena_t *arena, const char *v,
                                 size_t n, size_t at, size_t *out_n)
{
    char *out = ss_arena_alloc(arena, 2 * n + 2);
    size_t k = 0;
    if (!out)
        return NULL;
    for (size_t pos = 0; at < n;) {
        bool bq = v[at] == '`';
        if (v[at] != '$' && !bq) {
            memcpy(out + k, v + at, n - at);
            k += n - at;
            break;
        }
        size_t body = at + (bq ? 1 : 2), end = subst_end(v, n, body, bq);
        memcpy(out + k, v + body, end - body);
        k += end - body;
        out[k++] = '\n';
        pos = end < n ? end + 1 : n;
        at = pos + rce_find_injection(rules, v + pos, n - pos);
    }
    out[k] = '\0';
    *out_n = k;
    return out;
}

typedef struct {
    const ss_rules_t *rules;
    ss_result_t *res;
    long header_done; /* the header that gave a payload (one each), or -1 */
} rce_scan_t;

/* A whole query or body that its parameters or JSON strings cover. */
static bool covered_by_parts(const ss_http_value_t *v)
{
    size_t i = 0;
    while (i < v->raw_n && (is_blank(v->raw[i]) || v->raw[i] == '\r' || v->raw[i] == '\n'))
        i++;
    if (i < v->raw_n && (v->raw[i] == '{' || v->raw[i] == '[') && v->mode != SS_DEC_FORM)
        return true; /* JSON: its strings are visited (a form's are not) */
    if (v->vector == SS_VEC_HTTP_BODY && v->mode != SS_DEC_FORM)
        return false;
    const char *amp = memchr(v->raw, '&', v->raw_n);
    size_t first = amp ? (size_t)(amp - v->raw) : v->raw_n;
    return memchr(v->raw, '=', first) != NULL;
}

static void append(rce_scan_t *sc, const ss_http_value_t *v, const char *dec, size_t dec_len,
                   const char *norm, size_t norm_len, size_t at, unsigned problems)
{
    ss_result_t *res = sc->res;
    size_t text_len;
    const char *text = injected_text(sc->rules, &res->arena, norm, norm_len, at, &text_len);
    if (!text)
        return;
    if (res->n_payloads >= SS_MAX_PAYLOADS) {
        res->problems |= SS_PROB_TOO_MANY_PAYLOADS;
        return;
    }
    ss_payload_t *p = &res->payloads[res->n_payloads];
    memset(p, 0, sizeof(*p));
    const char *nm = v->place == SS_HV_HEADER ? v->header_name : v->name;
    size_t nm_len = v->place == SS_HV_HEADER ? v->header_name_len : v->name_len;
    p->payload = ss_arena_strndup(&res->arena, dec, dec_len);
    p->header = nm ? ss_arena_strndup(&res->arena, nm, nm_len) : NULL;
    if (!p->payload || (nm && !p->header))
        return; /* out of memory: nothing half-filled is published */
    p->vector = v->vector;
    p->payload_len = dec_len;
    p->raw_offset = v->raw_off;
    p->raw_len = v->raw_len;
    p->problems = problems;
    if (memchr(dec, '\0', dec_len))
        p->problems |= SS_PROB_NUL_IN_VALUE;
    if (v->folded)
        p->problems |= SS_PROB_FOLDED_HEADER;
    ss_analyze_commands(sc->rules, text, text_len, p, &res->arena);
    res->n_payloads++;
    if (p->grade > res->max_grade)
        res->max_grade = p->grade;
}

static void visit_value(void *ctx, const ss_http_value_t *v)
{
    rce_scan_t *sc = ctx;
    ss_result_t *res = sc->res;
    /* A Cookie header is read whole (its ';' separators are not commands
     * unless a command follows them); a header gives one payload. */
    if (v->place == SS_HV_COOKIE || (v->place == SS_HV_HEADER && sc->header_done == (long)v->header))
        return;
    if (v->place == SS_HV_WHOLE && covered_by_parts(v))
        return;
    if (!rce_http_may_contain((const uint8_t *)v->raw, v->raw_n))
        return;
    size_t dec_len, norm_len;
    unsigned problems = 0;
    const char *dec = ss_http_value_decode(v, &res->arena, &dec_len, &problems);
    if (!dec)
        return;
    if (has_opener(dec, dec_len))
        return; /* Shellshock's */
    const char *norm = unifs(&res->arena, dec, dec_len, &norm_len);
    size_t at = rce_find_injection(sc->rules, norm, norm_len);
    if (at == norm_len)
        return;
    append(sc, v, dec, dec_len, norm, norm_len, at, problems);
    if (v->place == SS_HV_HEADER)
        sc->header_done = (long)v->header;
}

size_t rce_scan_http_request(const ss_rules_t *rules, const uint8_t *buf, size_t len,
                             ss_result_t *res)
{
    ss_result_reset(res);
    if (!rce_http_may_contain(buf, len))
        return 0;
    rce_scan_t sc = {rules, res, -1};
    static const ss_http_visitor_t visitor = {rce_http_may_contain, visit_value};
    ss_http_walk(buf, len, &res->arena, &res->problems, &visitor, &sc);
    return res->n_payloads;
}
