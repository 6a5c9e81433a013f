/*
 * ss_ioc.c - URLs and hosts named by command text.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §6.  Two sources of candidates:                         |
 * |  - every text the shell reader reads, scanned as raw bytes for     |
 * |    scheme:// (http, https, ftp, tftp) and /dev/tcp|udp/HOST/, so   |
 * |    echoed text, interpreter code and comments count too;           |
 * |  - the arguments of commands whose command-table row has an IOC    |
 * |    role (ss_command_table.c): url (wget/curl: scheme-less          |
 * |    host[:port][/path]), tftp, ftpget, host (ping & co, telnet),    |
 * |    dns (dig), connect (nc/ncat/netcat), socat; the row also says   |
 * |    which options take a value, so that it is no operand.           |
 * | Each candidate keeps its place in the top-level text; the finish   |
 * | step sorts, removes duplicates and applies the caps.               |
 * +--------------------------------------------------------------------+
 */
#include "ss_ioc.h"

#include <stdlib.h>
#include <string.h>

#include "ss_grade.h"

/* Candidates held before the ones that can no longer be shown are dropped. */
#define SS_IOC_COMPACT_AT 4096

void ss_ioc_init(ss_ioc_t *ioc)
{
    memset(ioc, 0, sizeof(*ioc));
    ss_arena_init(&ioc->scratch);
}

void ss_ioc_free(ss_ioc_t *ioc)
{
    ss_arena_free(&ioc->scratch);
    free(ioc->c);
    memset(ioc, 0, sizeof(*ioc));
}

/* ---- candidates ---- */

typedef struct {
    const char *s;
    size_t len;
} part_t;

static int cand_cmp(const void *x, const void *y)
{
    const ss_ioc_cand_t *a = x, *b = y;
    if (a->k0 != b->k0)
        return a->k0 < b->k0 ? -1 : 1;
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* True when an earlier candidate of c's type in v[0..n) has its value. */
static bool has_value(const ss_ioc_cand_t *v, size_t n, const ss_ioc_cand_t *c)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i].is_host == c->is_host && v[i].len == c->len &&
            memcmp(v[i].s, c->s, c->len) == 0)
            return true;
    }
    return false;
}

/* Keeps memory bounded on hostile text: only the first SS_MAX_IOCS
 * distinct values of each type (in textual order) can ever be shown,
 * so everything else held so far is dropped, strings included. */
static void compact(ss_ioc_t *ioc)
{
    qsort(ioc->c, ioc->n, sizeof(ioc->c[0]), cand_cmp);
    ss_arena_t fresh;
    ss_arena_init(&fresh);
    size_t kept = 0, per_type[2] = {0, 0};
    for (size_t i = 0; i < ioc->n; i++) {
        ss_ioc_cand_t c = ioc->c[i];
        if (has_value(ioc->c, kept, &c))
            continue;
        if (per_type[c.is_host] >= SS_MAX_IOCS) {
            ioc->dropped = true; /* a distinct value past the cap */
            continue;
        }
        char *copy = ss_arena_strndup(&fresh, c.s, c.len);
        if (!copy) {
            ioc->oom = true;
            break;
        }
        c.s = copy;
        ioc->c[kept++] = c;
        per_type[c.is_host]++;
    }
    ss_arena_free(&ioc->scratch);
    ioc->scratch = fresh;
    ioc->n = kept;
}

/* Adds the concatenation of parts as a candidate (its first
 * SS_MAX_IOC_LEN bytes); returns it (valid until the next add), or NULL. */
static const ss_ioc_cand_t *add(ss_ioc_t *ioc, size_t k0, size_t k1, bool is_host,
                                const part_t *parts, size_t n_parts)
{
    size_t total = 0;
    for (size_t i = 0; i < n_parts; i++)
        total += parts[i].len;
    if (ioc->oom || total == 0)
        return NULL;
    if (ioc->n >= SS_IOC_COMPACT_AT)
        compact(ioc);
    size_t keep = total < SS_MAX_IOC_LEN ? total : SS_MAX_IOC_LEN;
    if (ioc->n == ioc->cap) {
        size_t cap = ioc->cap ? ioc->cap * 2 : 32;
        ss_ioc_cand_t *grown = realloc(ioc->c, cap * sizeof(*grown));
        if (!grown) {
            ioc->oom = true;
            return NULL;
        }
        ioc->c = grown;
        ioc->cap = cap;
    }
    char *buf = ss_arena_alloc(&ioc->scratch, keep + 1);
    if (!buf) {
        ioc->oom = true;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n_parts && k < keep; i++) {
        size_t m = parts[i].len < keep - k ? parts[i].len : keep - k;
        if (m) /* empty parts may have no pointer */
            memcpy(buf + k, parts[i].s, m);
        k += m;
    }
    buf[keep] = '\0';
    ss_ioc_cand_t *c = &ioc->c[ioc->n++];
    c->k0 = k0;
    c->k1 = k1;
    c->seq = ioc->seq++;
    c->is_host = is_host;
    c->cut = total > keep;
    c->s = buf;
    c->len = keep;
    return c;
}

static void add_host(ss_ioc_t *ioc, size_t k0, size_t k1, const char *h, size_t len)
{
    part_t p = {h, len};
    add(ioc, k0, k1, true, &p, 1);
}

/* The host of scheme://[user@]host[:port][/...]: brackets of an IPv6
 * literal dropped, else as written. */
static void url_host(const char *u, size_t len, const char **h, size_t *hl)
{
    const char *p = memchr(u, ':', len);
    size_t a = p ? (size_t)(p - u) + 3 : len, e = a;
    while (e < len && u[e] != '/' && u[e] != '?' && u[e] != '#')
        e++;
    for (size_t i = e; i > a; i--) { /* the last '@' ends the userinfo */
        if (u[i - 1] == '@') {
            a = i;
            break;
        }
    }
    if (a < e && u[a] == '[') {
        const char *close = memchr(u + a, ']', e - a);
        *h = u + a + 1;
        *hl = close ? (size_t)(close - u) - a - 1 : e - a - 1;
        return;
    }
    const char *colon = a < e ? memchr(u + a, ':', e - a) : NULL;
    *h = u + a;
    *hl = (colon ? (size_t)(colon - u) : e) - a;
}

/* A URL and, right after it, its host. */
static void add_url(ss_ioc_t *ioc, size_t k0, size_t k1, const part_t *parts, size_t n_parts)
{
    const ss_ioc_cand_t *c = add(ioc, k0, k1, false, parts, n_parts);
    if (!c)
        return;
    const char *h;
    size_t hl;
    url_host(c->s, c->len, &h, &hl);
    char host[SS_MAX_IOC_LEN]; /* the next add may compact the URL's string away */
    memcpy(host, h, hl);
    if (hl)
        add_host(ioc, k0, k1, host, hl);
}

/* ---- raw text ---- */

/* Where a URL or a /dev/tcp host stops (GRADING.md §6). */
static bool is_url_end(unsigned char c)
{
    return c <= ' ' || c == 0x7f || strchr("'\"`\\;|&<>()", c) != NULL;
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* The length of the scheme ending just before t[colon] ("://"), or 0. */
static size_t scheme_before(const char *t, size_t colon)
{
    static const char *const schemes[] = {"https", "http", "tftp", "ftp"};
    for (size_t s = 0; s < sizeof(schemes) / sizeof(schemes[0]); s++) {
        size_t k = strlen(schemes[s]);
        if (colon < k || !ieq(t + colon - k, schemes[s], k))
            continue;
        /* "xhttp://" is no http URL; "tftp://" was tried before "ftp://". */
        if (colon > k && is_alpha((unsigned char)t[colon - k - 1]))
            return 0;
        return k;
    }
    return 0;
}

void ss_ioc_scan_text(ss_ioc_t *ioc, const char *t, size_t len, const ss_shell_src_t *src)
{
    size_t token_end = 0; /* URLs nested in one token end together: keeps this linear */
    for (size_t i = 0; i + 3 <= len; i++) {
        size_t k0, k1;
        if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/') {
            size_t k = scheme_before(t, i);
            if (!k)
                continue;
            size_t e = i + 3;
            if (token_end > e) {
                e = token_end;
            } else {
                while (e < len && !is_url_end((unsigned char)t[e]))
                    e++;
                token_end = e;
            }
            if (e == i + 3)
                continue; /* "http://" and nothing */
            part_t p = {t + i - k, e - (i - k)};
            ss_shell_key(src, i - k, &k0, &k1);
            add_url(ioc, k0, k1, &p, 1);
        } else if (t[i] == '/' && ss_grade_is_dev_net(t + i, len - i)) {
            size_t h = i + 9, e = h;
            while (e < len && t[e] != '/' && !is_url_end((unsigned char)t[e]))
                e++;
            ss_shell_key(src, i, &k0, &k1);
            if (e > h)
                add_host(ioc, k0, k1, t + h, e - h);
        }
    }
}

/* ---- command arguments ---- */

/* One option letter, long option or operand, as walk_opts() sees it. */
typedef struct {
    char letter;           /* short option letter, '-' for a long one, 0 for an operand */
    const char *name;      /* long option's name (up to '=') */
    size_t name_len;
    const char *val;       /* the option's value, or the operand */
    size_t val_len;
    bool has_val;
    const ss_word_t *word; /* the word holding val (for its place) */
} optev_t;

typedef void (*opt_fn)(void *ctx, const optev_t *ev);

/* getopt-like: the short letters of value_options take a value (attached
 * or the next word), so do its long options (--opt=v or --opt v). */
static void walk_opts(const ss_word_t *a, size_t n, const char *value_options, opt_fn fn,
                      void *ctx)
{
    bool operands_only = false;
    for (size_t i = 0; i < n; i++) {
        const ss_word_t *w = &a[i];
        const char *s = w->s;
        optev_t ev = {0};
        ev.word = w;
        if (operands_only || w->len < 2 || s[0] != '-') {
            ev.val = s;
            ev.val_len = w->len;
            ev.has_val = true;
            fn(ctx, &ev);
            continue;
        }
        if (ss_shell_eq(s, w->len, "--")) {
            operands_only = true;
            continue;
        }
        if (s[1] == '-') {
            const char *eq = memchr(s, '=', w->len);
            ev.letter = '-';
            ev.name = s;
            ev.name_len = eq ? (size_t)(eq - s) : w->len;
            if (eq) {
                ev.val = eq + 1;
                ev.val_len = w->len - ev.name_len - 1;
                ev.has_val = true;
            } else if (ss_opts_long(value_options, s, w->len) && i + 1 < n) {
                i++;
                ev.val = a[i].s;
                ev.val_len = a[i].len;
                ev.has_val = true;
                ev.word = &a[i];
            }
            fn(ctx, &ev);
            continue;
        }
        for (size_t k = 1; k < w->len; k++) {
            if (!s[k])
                continue; /* a NUL is no option letter (letter 0 means an operand) */
            optev_t o = {0};
            o.letter = s[k];
            o.word = w;
            if (s[k] && ss_opts_short(value_options, s[k])) {
                if (k + 1 < w->len) {
                    o.val = s + k + 1;
                    o.val_len = w->len - k - 1;
                    o.has_val = true;
                } else if (i + 1 < n) {
                    i++;
                    o.val = a[i].s;
                    o.val_len = a[i].len;
                    o.has_val = true;
                    o.word = &a[i];
                }
                fn(ctx, &o);
                break;
            }
            fn(ctx, &o);
        }
    }
}

typedef struct {
    ss_ioc_t *ioc;
    const ss_cmd_t *cmd;
    /* per tool */
    const ss_word_t *host, *second;
    const char *target_s; /* ping & co: the target (maybe inside -xNAME) */
    size_t target_len;
    const char *file_s;
    size_t file_len;
    const char *port_s;
    size_t port_len;
    size_t n_operands;
    bool get, c_get, listen;
    const ss_word_t *operands[3];
} tool_t;

static void key_of(const tool_t *T, const ss_word_t *w, size_t *k0, size_t *k1)
{
    ss_shell_key(T->cmd->src, w->raw_off, k0, k1);
}

/* host[:port][/path], host being a name with a dot, localhost or [v6]. */
static bool is_host_shaped(const char *s, size_t len)
{
    size_t i = 0;
    if (len && s[0] == '[') {
        while (i < len && s[i] != ']')
            i++;
        if (i >= len || i == 1)
            return false;
        i++;
    } else {
        bool dot = false;
        while (i < len && (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') ||
                           s[i] == '.' || s[i] == '-' || s[i] == '_')) {
            dot |= s[i] == '.';
            i++;
        }
        if (i == 0 || s[0] == '.' || s[0] == '-' || s[i - 1] == '.' || s[i - 1] == '-')
            return false;
        if (!dot && !(i == 9 && memcmp(s, "localhost", 9) == 0))
            return false;
    }
    if (i < len && s[i] == ':') {
        size_t d = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d || i - d > 5)
            return false;
    }
    return i == len || s[i] == '/';
}

/* wget / curl: operands without a scheme become http:// URLs. */
static void on_download(void *ctx, const optev_t *ev)
{
    tool_t *T = ctx;
    if (ev->letter || !is_host_shaped(ev->val, ev->val_len))
        return;
    size_t k0, k1;
    key_of(T, ev->word, &k0, &k1);
    part_t p[2] = {{"http://", 7}, {ev->val, ev->val_len}};
    add_url(T->ioc, k0, k1, p, 2);
}

/* tftp -g -r FILE HOST, tftp HOST -c get FILE. */
static void on_tftp(void *ctx, const optev_t *ev)
{
    tool_t *T = ctx;
    if (ev->letter == 'g') {
        T->get = true;
    } else if (ev->letter == 'r' && ev->has_val) {
        T->file_s = ev->val;
        T->file_len = ev->val_len;
    } else if (ev->letter == 'c' && ev->has_val) {
        T->c_get = ss_shell_eq(ev->val, ev->val_len, "get");
    } else if (!ev->letter) {
        if (!T->host)
            T->host = ev->word;
        else if (T->c_get && !T->second)
            T->second = ev->word; /* the FILE of "-c get FILE" */
    }
}

/* ftpget [-P PORT] [-u U] [-p P] HOST LOCAL [REMOTE] */
static void on_ftpget(void *ctx, const optev_t *ev)
{
    tool_t *T = ctx;
    if (ev->letter == 'P' && ev->has_val) {
        T->port_s = ev->val;
        T->port_len = ev->val_len;
    } else if (!ev->letter && T->n_operands < 3) {
        T->operands[T->n_operands++] = ev->word;
    }
}

/* ping & co: the first operand (dig: not @server or +opt; -x/-q NAME too). */
static void on_target(void *ctx, const optev_t *ev)
{
    tool_t *T = ctx;
    if (T->target_s)
        return;
    bool dig = T->cmd->entry->ioc == SS_IOC_DNS;
    bool operand = !ev->letter && !(dig && ev->val_len && (ev->val[0] == '@' || ev->val[0] == '+'));
    bool dig_name = dig && (ev->letter == 'x' || ev->letter == 'q') && ev->has_val;
    if (operand || dig_name) {
        T->target_s = ev->val;
        T->target_len = ev->val_len;
        T->host = ev->word;
    }
}

/* nc / ncat / netcat: the first operand, unless listening. */
static void on_connect(void *ctx, const optev_t *ev)
{
    tool_t *T = ctx;
    if (ev->letter == 'l' || (ev->letter == '-' && ss_shell_eq(ev->name, ev->name_len, "--listen")))
        T->listen = true;
    else if (!ev->letter && !T->host)
        T->host = ev->word;
}

/* True when s[0..len) holds lit (lower case), ignoring case. */
static bool contains_ci(const char *s, size_t len, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= len; i++) {
        if (ieq(s + i, lit, k))
            return true;
    }
    return false;
}

/* socat: TCP:HOST:PORT and its kin (TCP4, TCP6, TCP-CONNECT, UDP*, OPENSSL). */
static void on_socat(void *ctx, const optev_t *ev)
{
    tool_t *T = ctx;
    if (ev->letter)
        return;
    const char *s = ev->val;
    size_t len = ev->val_len;
    const char *colon = memchr(s, ':', len);
    if (!colon)
        return;
    size_t tl = (size_t)(colon - s);
    static const char *const types[] = {"tcp",          "tcp4",         "tcp6",
                                        "tcp-connect",  "tcp4-connect", "tcp6-connect",
                                        "openssl",      "openssl-connect", "ssl"};
    bool ok = false;
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]) && !ok; i++)
        ok = tl == strlen(types[i]) && ieq(s, types[i], tl);
    if (!ok && tl >= 3 && ieq(s, "udp", 3)) /* UDP*, but not the listening kinds */
        ok = !contains_ci(s, tl, "listen") && !contains_ci(s, tl, "recv");
    if (!ok)
        return;
    size_t h = tl + 1, e = h;
    if (h < len && s[h] == '[') {
        while (e < len && s[e] != ']')
            e++;
        if (e >= len)
            return;
        h++;
        if (e + 1 >= len || s[e + 1] != ':')
            return;
    } else {
        while (e < len && s[e] != ':' && s[e] != ',')
            e++;
        if (e >= len || s[e] != ':')
            return;
    }
    if (e > h) {
        size_t k0, k1;
        key_of(T, ev->word, &k0, &k1);
        add_host(T->ioc, k0, k1, s + h, e - h);
    }
}

/* A host named by a command (as written), placed at word w. */
static void add_arg_host(tool_t *T, const ss_word_t *w, const char *h, size_t len)
{
    size_t k0, k1;
    if (!w || len == 0)
        return;
    key_of(T, w, &k0, &k1);
    add_host(T->ioc, k0, k1, h, len);
}

static void add_word_host(tool_t *T, const ss_word_t *w)
{
    if (w)
        add_arg_host(T, w, w->s, w->len);
}

static void add_target(tool_t *T)
{
    add_arg_host(T, T->host, T->target_s, T->target_len);
}

/* "/" between host and path unless the path has one. */
static part_t slash_for(const char *path, size_t len)
{
    part_t p = {"/", (len && path[0] == '/') ? 0 : 1};
    return p;
}

static void finish_tftp(tool_t *T)
{
    const char *f = T->file_s;
    size_t fl = T->file_len;
    if (!T->get || !f) { /* not -g -r: maybe "HOST -c get FILE" */
        if (!T->c_get || !T->second)
            return;
        f = T->second->s;
        fl = T->second->len;
    }
    if (!T->host || fl == 0)
        return;
    size_t k0, k1;
    key_of(T, T->host, &k0, &k1);
    part_t p[4] = {{"tftp://", 7}, {T->host->s, T->host->len}, slash_for(f, fl), {f, fl}};
    add_url(T->ioc, k0, k1, p, 4);
}

static void finish_ftpget(tool_t *T)
{
    if (T->n_operands < 2)
        return;
    const ss_word_t *host = T->operands[0];
    const ss_word_t *remote = T->operands[T->n_operands == 3 ? 2 : 1];
    size_t k0, k1;
    key_of(T, host, &k0, &k1);
    part_t p[6] = {{"ftp://", 6},
                   {host->s, host->len},
                   {":", T->port_len ? 1 : 0},
                   {T->port_s, T->port_len},
                   slash_for(remote->s, remote->len),
                   {remote->s, remote->len}};
    add_url(T->ioc, k0, k1, p, 6);
}

void ss_ioc_command(ss_ioc_t *ioc, const ss_cmd_t *cmd)
{
    const ss_command_t *e = cmd->entry;
    if (cmd->kind != SS_CMD_NAMED || cmd->cmd_index >= cmd->n_words || !e || e->ioc == SS_IOC_NONE)
        return;
    const ss_word_t *a = cmd->words + cmd->cmd_index + 1;
    size_t n = cmd->n_words - cmd->cmd_index - 1;
    const char *opts = e->value_options;
    tool_t T = {0};
    T.ioc = ioc;
    T.cmd = cmd;
    switch (e->ioc) {
    case SS_IOC_URL:
        walk_opts(a, n, opts, on_download, &T);
        break;
    case SS_IOC_TFTP:
        walk_opts(a, n, opts, on_tftp, &T);
        finish_tftp(&T);
        break;
    case SS_IOC_FTPGET:
        walk_opts(a, n, opts, on_ftpget, &T);
        finish_ftpget(&T);
        break;
    case SS_IOC_HOST:
    case SS_IOC_DNS:
        walk_opts(a, n, opts, on_target, &T);
        add_target(&T);
        break;
    case SS_IOC_CONNECT:
        walk_opts(a, n, opts, on_connect, &T);
        if (!T.listen)
            add_word_host(&T, T.host);
        break;
    case SS_IOC_SOCAT:
        walk_opts(a, n, opts, on_socat, &T);
        break;
    default:
        break;
    }
}

/* ---- the final list ---- */

static bool seen(const char *const *list, const size_t *lens, size_t n, const ss_ioc_cand_t *c)
{
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == c->len && memcmp(list[i], c->s, c->len) == 0)
            return true;
    }
    return false;
}

void ss_ioc_finish(ss_ioc_t *ioc, ss_payload_t *p, ss_arena_t *arena)
{
    size_t url_lens[SS_MAX_IOCS], host_lens[SS_MAX_IOCS];
    p->n_urls = p->n_hosts = 0;
    if (ioc->n > 1)
        qsort(ioc->c, ioc->n, sizeof(ioc->c[0]), cand_cmp);
    for (size_t i = 0; i < ioc->n; i++) {
        const ss_ioc_cand_t *c = &ioc->c[i];
        const char **list = c->is_host ? p->hosts : p->urls;
        size_t *count = c->is_host ? &p->n_hosts : &p->n_urls;
        size_t *lens = c->is_host ? host_lens : url_lens;
        if (memchr(c->s, '\0', c->len))
            continue; /* a NUL inside: not something to show */
        if (seen(list, lens, *count, c))
            continue;
        if (*count >= SS_MAX_IOCS) {
            p->problems |= SS_PROB_IOCS_TRUNCATED;
            continue;
        }
        char *copy = ss_arena_strndup(arena, c->s, c->len);
        if (!copy)
            break;
        lens[*count] = c->len;
        list[(*count)++] = copy;
        if (c->cut)
            p->problems |= SS_PROB_IOCS_TRUNCATED;
    }
    if (ioc->dropped)
        p->problems |= SS_PROB_IOCS_TRUNCATED;
}
