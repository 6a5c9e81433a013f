/*
 * ss_http.c - find Shellshock payloads in one HTTP request.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §1-§2 for HTTP.  ss_http_walk() hands over every place  |
 * | where bash could see a value start (header values, cookie values,  |
 * | path segments, the query and its parameters, the body, form        |
 * | parameters, JSON string values), and each goes to ss_scan_value(). |
 * | The opener is first tested on the raw bytes through a decoding     |
 * | iterator, so ordinary values are never copied.                     |
 * +--------------------------------------------------------------------+
 */
#include "ss.h"
#include "ss_decode.h"
#include "ss_http_walk.h"

#include <string.h>
#include <strings.h>

/* ==================================================================== */
/* The prefilter                                                        */
/* ==================================================================== */

/* The byte the token at s[i] stands for, plain or %XX, and its raw length
 * in *k.  Decoding both ways at once makes the prefilter a superset of what
 * the scanner can decode. */
static int token_byte(const char *s, size_t n, size_t i, size_t *k)
{
    unsigned char c = (unsigned char)s[i];
    *k = 1;
    if (c == '%' && n - i >= 3) {
        int hi = ss_hex_value((unsigned char)s[i + 1]), lo = ss_hex_value((unsigned char)s[i + 2]);
        if (hi >= 0 && lo >= 0) {
            *k = 3;
            return hi * 16 + lo;
        }
    }
    return c;
}

/* Blanks of the opener, plus a plain '+' (a space in queries and forms;
 * %2B is a literal plus). */
static bool prefilter_blank(int b, size_t k)
{
    return ss_is_blank(b) || (b == '+' && k == 1);
}

/* Offset of the next ch at or after i, or n. */
static size_t next_of(const char *s, size_t n, size_t i, char ch)
{
    const char *p = i < n ? memchr(s + i, ch, n - i) : NULL;
    size_t at = p ? (size_t)(p - s) : n;
    ss_work(at > i ? at - i : 0);
    return at;
}

bool ss_http_may_contain(const uint8_t *buf, size_t len)
{
    const char *s = (const char *)buf;
    if (!s)
        return false;
    /* An opener starts with '(' written plainly or as %28: only those two
     * bytes are candidates, and memchr jumps between them. */
    size_t paren = next_of(s, len, 0, '('), pct = next_of(s, len, 0, '%');
    size_t i = 0;
    for (;;) {
        if (paren < i)
            paren = next_of(s, len, i, '(');
        if (pct < i)
            pct = next_of(s, len, i, '%');
        size_t c = paren < pct ? paren : pct;
        if (c >= len)
            return false;
        size_t k;
        if (token_byte(s, len, c, &k) != '(') {
            i = c + 1;
            continue;
        }
        size_t j = c + k;
        int b = -1;
        while (j < len) {
            b = token_byte(s, len, j, &k);
            if (!prefilter_blank(b, k))
                break;
            j += k;
        }
        ss_work(j - c);
        if (j < len && b == ')')
            return true;
        /* Resume at the token that stopped us: the blanks are not looked at
         * again, so the pass stays linear. */
        i = j;
    }
}

/* ==================================================================== */
/* The scanner                                                          */
/* ==================================================================== */

typedef struct {
    const ss_rules_t *rules;
    ss_result_t *res;
    const ss_payload_t *whole; /* the payload of the current whole query or body */
    long header_done;          /* the header that gave a payload (one each), or -1 */
} shellshock_t;

/* Would the decoded text dec[0..n) give the same payload as p? */
static bool same_payload(const ss_payload_t *p, const char *dec, size_t n)
{
    size_t i = 0;
    ss_work(n);
    while (i < n && ss_is_blank((unsigned char)dec[i]))
        i++;
    return n - i == p->payload_len && memcmp(dec + i, p->payload, n - i) == 0;
}

/* One value: the opener is tested on the raw bytes first, and only a
 * real candidate is decoded (into the arena).  A header is one enclosure
 * (its value, else its first cookie with an opener), and a parameter's
 * payload identical to its whole query's or body's is not reported twice. */
static void visit_value(void *ctx, const ss_http_value_t *v)
{
    shellshock_t *sh = ctx;
    ss_result_t *res = sh->res;
    if (v->place == SS_HV_WHOLE)
        sh->whole = NULL;
    if (v->place <= SS_HV_COOKIE && sh->header_done == (long)v->header)
        return;
    if (ss_dec_opener_length(v->mode, v->raw, v->raw_n) == 0)
        return;
    if (res->n_payloads >= SS_MAX_PAYLOADS) {
        res->problems |= SS_PROB_TOO_MANY_PAYLOADS; /* spare the decoding */
        return;
    }
    size_t dec_len;
    unsigned problems = 0;
    const char *dec = ss_http_value_decode(v, &res->arena, &dec_len, &problems);
    if (!dec)
        return;
    if (v->place == SS_HV_PARAM && sh->whole && same_payload(sh->whole, dec, dec_len))
        return;
    char *hname = NULL;
    if (v->place <= SS_HV_COOKIE) {
        /* The header's name, even for a payload in a cookie. */
        hname = ss_arena_strndup(&res->arena, v->header_name, v->header_name_len);
        if (!hname)
            return;
    }
    ss_payload_t *p = ss_scan_value(sh->rules, dec, dec_len, v->vector, hname, v->raw_off,
                                    v->raw_len, res);
    if (!p)
        return;
    p->problems |= problems;
    if (v->folded)
        p->problems |= SS_PROB_FOLDED_HEADER;
    if (v->place <= SS_HV_COOKIE)
        sh->header_done = (long)v->header;
    if (v->place == SS_HV_WHOLE)
        sh->whole = p;
}

size_t ss_scan_http_request(const ss_rules_t *rules, const uint8_t *buf, size_t len,
                            ss_result_t *res)
{
    ss_result_reset(res);
    shellshock_t sh = {rules, res, NULL, -1};
    static const ss_http_visitor_t visitor = {ss_http_may_contain, visit_value};
    ss_http_walk(buf, len, &res->arena, &res->problems, &visitor, &sh);
    return res->n_payloads;
}
