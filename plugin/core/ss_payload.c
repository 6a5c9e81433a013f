/*
 * ss_payload.c - recognise a Shellshock payload and its CVE forms.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §2.  A value is a payload when it starts with the       |
 * | opener "() {" (after blanks and one optional quote).  One forward  |
 * | walk over the function body finds its matching '}' and, on the    |
 * | way, what the CVE rows need (here-documents, for-do nesting,       |
 * | nested definitions).  The text bash would then run is handed to    |
 * | ss_analyze_commands() (ss_commands.c) for commands, grade, IOCs.   |
 * +--------------------------------------------------------------------+
 */
#define _GNU_SOURCE /* memmem */
#include "ss.h"
#include "ss_decode.h"

#include <string.h>

/* CVE-2014-7186 and -7187 need this many stacked here-documents / loops. */
#define SS_HEREDOC_THRESHOLD 10
#define SS_FOR_DEPTH_THRESHOLD 10

size_t ss_opener_length(const char *value, size_t len)
{
    if (!value)
        return 0;
    return ss_dec_opener_length(SS_DEC_PLAIN, value, len);
}

/* ---- small lexical helpers ---- */

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    size_t from = i;
    while (i < len && ss_is_blank((unsigned char)s[i]))
        i++;
    ss_work(i - from);
    return i;
}

static bool is_name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

/* Characters after which a shell word may start / before which it ends. */
static bool is_word_edge(unsigned char c)
{
    return ss_is_blank(c) || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' ||
           c == '{' || c == '}';
}

/* True when s[i..] is the whole word kw (i is already at a word start). */
static bool word_is(const char *s, size_t len, size_t i, const char *kw)
{
    size_t k = strlen(kw);
    if (len - i < k || memcmp(s + i, kw, k) != 0)
        return false;
    return i + k == len || is_word_edge((unsigned char)s[i + k]);
}

/* Offset of the closing quote of a '...' or "..." string opening at s[i]
 * (backslash escapes only inside "..."), or len when unterminated. */
static size_t quote_end(const char *s, size_t len, size_t i)
{
    char q = s[i];
    if (q == '\'') {
        const char *e = memchr(s + i + 1, '\'', len - i - 1);
        return e ? (size_t)(e - s) : len;
    }
    for (size_t j = i + 1; j < len; j++) {
        if (s[j] == '\\')
            j++;
        else if (s[j] == '"')
            return j;
    }
    return len;
}

/* ---- the body walk ---- */

typedef struct {
    size_t end;          /* offset of the matching '}', or len */
    bool closed;         /* the matching '}' was found */
    size_t heredocs;     /* "<<" outside quotes */
    size_t for_depth;    /* deepest nesting of for ... do */
    bool nested_def;     /* a NAME() { definition inside */
} body_t;

/* s[i] is '(' inside a body starting at from: is it "NAME ( ) {"? */
static bool is_nested_definition(const char *s, size_t len, size_t from, size_t i)
{
    size_t b = i;
    while (b > from && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    ss_work(i - b);
    if (b == from || !is_name_char((unsigned char)s[b - 1]))
        return false;
    size_t j = skip_blanks(s, len, i + 1);
    if (j >= len || s[j] != ')')
        return false;
    j = skip_blanks(s, len, j + 1);
    return j < len && s[j] == '{';
}

/* Tracks "for ... do" nesting: each "do" that closes a pending "for" opens
 * one level, each "done" closes one (while/until loops are not counted). */
typedef struct {
    size_t pending_for, depth;
} loops_t;

static void track_word(const char *s, size_t len, size_t i, loops_t *lp, body_t *b)
{
    if (word_is(s, len, i, "for")) {
        lp->pending_for++;
    } else if (word_is(s, len, i, "do")) {
        if (lp->pending_for) {
            lp->pending_for--;
            if (++lp->depth > b->for_depth)
                b->for_depth = lp->depth;
        }
    } else if (word_is(s, len, i, "done")) {
        if (lp->depth)
            lp->depth--;
    }
}

/* Walks a body from s[from] (just past its '{') to its matching '}', once.
 * Quoted strings and backslash escapes are skipped, so a '}' in them does
 * not close the body. */
static void walk_body_once(const char *s, size_t len, size_t from, body_t *b)
{
    memset(b, 0, sizeof(*b));
    b->end = len;
    loops_t lp = {0, 0};
    size_t depth = 1, i = from;
    while (i < len) {
        switch (s[i]) {
        case '\\':
            i += 2;
            continue;
        case '\'':
        case '"':
            i = quote_end(s, len, i) + 1;
            continue;
        case '{':
            depth++;
            break;
        case '}':
            if (--depth == 0) {
                b->end = i;
                b->closed = true;
                return;
            }
            break;
        case '<':
            if (i + 1 < len && s[i + 1] == '<') {
                b->heredocs++;
                i += 2;
                continue;
            }
            break;
        case '(':
            if (!b->nested_def && is_nested_definition(s, len, from, i))
                b->nested_def = true;
            break;
        case 'f':
        case 'd':
            if (i == from || is_word_edge((unsigned char)s[i - 1]))
                track_word(s, len, i, &lp, b);
            break;
        default:
            break;
        }
        i++;
    }
}

/* The walk, its work counted: the bytes up to where it stopped. */
static void walk_body(const char *s, size_t len, size_t from, body_t *b)
{
    walk_body_once(s, len, from, b);
    ss_work((b->closed ? b->end + 1 : len) - from);
}

/* ---- the CVE forms that are not just "a closed body" ---- */

/* CVE-2014-7169: the body starts with "(WORD)=>\" (blanks allowed between
 * the tokens).  Returns the offset past the backslash, or 0. */
static size_t match_7169(const char *s, size_t len, size_t from)
{
    size_t i = skip_blanks(s, len, from);
    if (i >= len || s[i] != '(')
        return 0;
    size_t w = i = skip_blanks(s, len, i + 1);
    while (i < len && s[i] != ')' && s[i] != '(' && !ss_is_blank((unsigned char)s[i]))
        i++;
    ss_work(i - w);
    if (i == w)
        return 0;
    i = skip_blanks(s, len, i);
    if (i >= len || s[i] != ')')
        return 0;
    static const char rest[] = "=>\\";
    for (const char *r = rest; *r; r++) {
        i = skip_blanks(s, len, i + 1);
        if (i >= len || s[i] != *r)
            return 0;
    }
    return i + 1;
}

/* CVE-2014-6278: after the body's '}' at close, " >WORD {" where WORD holds
 * "$(" and ends in ']' (as in ">_[$($())] {"), and the second brace closes.
 * Returns the offset past that second '{', or 0. */
static size_t match_6278(const char *s, size_t len, size_t close)
{
    size_t i = skip_blanks(s, len, close + 1);
    if (i >= len || s[i] != '>')
        return 0;
    i = skip_blanks(s, len, i + 1);
    size_t w = i;
    while (i < len && s[i] != '{' && !ss_is_blank((unsigned char)s[i]))
        i++;
    size_t wlen = i - w;
    ss_work(wlen);
    if (wlen < 3 || s[i - 1] != ']' || !memmem(s + w, wlen, "$(", 2))
        return 0;
    i = skip_blanks(s, len, i);
    if (i >= len || s[i] != '{')
        return 0;
    body_t second;
    walk_body(s, len, i + 1, &second);
    return second.closed ? i + 1 : 0;
}

static bool has_heredoc(const char *s, size_t len)
{
    ss_work(len);
    return memmem(s, len, "<<", 2) != NULL;
}

/* A payload that began with a quote usually ends with its partner, which
 * belongs to the value's quoting, not to the commands: drop it when it is
 * the odd one out in the command text. */
static size_t drop_closing_quote(const char *text, size_t len, char quote)
{
    size_t end = len;
    ss_work(len);
    while (end > 0 && ss_is_blank((unsigned char)text[end - 1]))
        end--;
    if (end == 0 || text[end - 1] != quote)
        return len;
    size_t count = 0;
    for (size_t i = 0; i < end; i++)
        count += text[i] == quote;
    return count % 2 ? end - 1 : len;
}

void ss_analyze_payload(const ss_rules_t *rules, ss_payload_t *p, ss_arena_t *arena)
{
    const char *s = p->payload;
    size_t len = s ? p->payload_len : 0;
    size_t open = ss_opener_length(s, len);
    if (open == 0)
        return; /* not a payload: the caller broke the contract, grade nothing */

    body_t body;
    walk_body(s, len, open, &body);

    unsigned cves = 0;
    size_t cmd = len; /* where the command text starts; len = none */
    size_t after7169 = match_7169(s, len, open);
    if (after7169) {
        cves |= SS_CVE_2014_7169;
        /* Copies of the famous test X='() { (a)=>\' ... keep the quote that
         * closed the variable's value: it is not part of the commands. */
        cmd = after7169 < len && (s[after7169] == '\'' || s[after7169] == '"') ? after7169 + 1
                                                                              : after7169;
    }
    if (body.closed) {
        cves |= SS_CVE_2014_6271;
        size_t second = match_6278(s, len, body.end);
        if (second) {
            cves |= SS_CVE_2014_6278;
            cmd = second; /* its closing '}' is a keyword to the extractor */
        } else if (!after7169) {
            cmd = body.end + 1;
        }
    } else {
        p->problems |= SS_PROB_UNCLOSED_BODY;
    }
    if (body.heredocs >= SS_HEREDOC_THRESHOLD)
        cves |= SS_CVE_2014_7186;
    if (body.for_depth >= SS_FOR_DEPTH_THRESHOLD)
        cves |= SS_CVE_2014_7187;
    if (body.nested_def && has_heredoc(s, len))
        cves |= SS_CVE_2014_6277;
    p->cves |= cves;

    size_t text_len = len - cmd;
    size_t lead = skip_blanks(s, len, 0);
    if (text_len && (s[lead] == '\'' || s[lead] == '"'))
        text_len = drop_closing_quote(s + cmd, text_len, s[lead]);
    ss_analyze_commands(rules, s + cmd, text_len, p, arena);
}

/* ---- appending a payload to a result ---- */

ss_payload_t *ss_scan_value(const ss_rules_t *rules, const char *value, size_t len,
                            ss_vector_t vector, const char *header, size_t raw_offset,
                            size_t raw_len, ss_result_t *res)
{
    if (ss_opener_length(value, len) == 0)
        return NULL;
    if (res->n_payloads >= SS_MAX_PAYLOADS) {
        res->problems |= SS_PROB_TOO_MANY_PAYLOADS;
        return NULL;
    }
    /* The payload runs from the opener (its leading blanks dropped, its
     * quote kept) to the end of the value. */
    size_t start = skip_blanks(value, len, 0);
    ss_payload_t *p = &res->payloads[res->n_payloads];
    memset(p, 0, sizeof(*p));
    ss_work(len - start); /* the copy */
    char *text = ss_arena_strndup(&res->arena, value + start, len - start);
    char *name = header ? ss_arena_strndup(&res->arena, header, strlen(header)) : NULL;
    if (!text || (header && !name))
        return NULL; /* out of memory: nothing half-filled is published */
    p->vector = vector;
    p->header = name;
    p->payload = text;
    p->payload_len = len - start;
    p->raw_offset = raw_offset;
    p->raw_len = raw_len;
    if (memchr(text, '\0', p->payload_len))
        p->problems |= SS_PROB_NUL_IN_VALUE;
    ss_analyze_payload(rules, p, &res->arena);
    res->n_payloads++;
    if (p->grade > res->max_grade)
        res->max_grade = p->grade;
    return p;
}
