/*
 * ss_decode.c - percent and chunked decoding, JSON string bounds, see
 * ss_decode.h.
 *
 * +--------------------------------------------------------------------+
 * | Every decoder here is one forward pass that never reads past its   |
 * | input and never writes more than it read: attacker bytes of any    |
 * | kind (truncated escapes, absurd chunk sizes) are kept or cut,      |
 * | never trusted.                                                     |
 * +--------------------------------------------------------------------+
 */
#include "ss_decode.h"

#include "ss.h"

#include <string.h>

unsigned long long ss_work_steps;

int ss_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void ss_dec_iter_init(ss_dec_iter_t *it, ss_dec_mode_t mode, const char *src, size_t n)
{
    it->p = src;
    it->end = src + n;
    it->mode = mode;
    it->problems = 0;
}

static int next_percent(ss_dec_iter_t *it)
{
    unsigned char c = (unsigned char)*it->p++;
    if (c == '+' && it->mode == SS_DEC_FORM)
        return ' ';
    if (c != '%')
        return c;
    if (it->end - it->p >= 2) {
        int hi = ss_hex_value((unsigned char)it->p[0]), lo = ss_hex_value((unsigned char)it->p[1]);
        if (hi >= 0 && lo >= 0) {
            it->p += 2;
            return hi * 16 + lo;
        }
    }
    /* Kept as is, as servers do; the analyst is told. */
    it->problems |= SS_PROB_BAD_PERCENT;
    return '%';
}

int ss_dec_next(ss_dec_iter_t *it)
{
    if (it->p >= it->end)
        return -1;
    switch (it->mode) {
    case SS_DEC_PERCENT:
    case SS_DEC_FORM:
        return next_percent(it);
    case SS_DEC_PLAIN:
    default:
        return (unsigned char)*it->p++;
    }
}

size_t ss_decode(ss_dec_mode_t mode, const char *src, size_t n, char *dst, unsigned *problems)
{
    ss_work(n);
    if (mode == SS_DEC_PLAIN) {
        memmove(dst, src, n);
        return n;
    }
    ss_dec_iter_t it;
    ss_dec_iter_init(&it, mode, src, n);
    size_t out = 0;
    int c;
    while ((c = ss_dec_next(&it)) >= 0)
        dst[out++] = (char)c;
    if (problems)
        *problems |= it.problems;
    return out;
}

size_t ss_dec_opener_length(ss_dec_mode_t mode, const char *src, size_t n)
{
    ss_dec_iter_t it;
    ss_dec_iter_init(&it, mode, src, n);
    int c = ss_dec_next(&it);
    while (ss_is_blank(c))
        c = ss_dec_next(&it);
    if (c == '\'' || c == '"')
        c = ss_dec_next(&it);
    if (c != '(') {
        ss_work((size_t)(it.p - src));
        return 0;
    }
    do
        c = ss_dec_next(&it);
    while (ss_is_blank(c));
    if (c != ')') {
        ss_work((size_t)(it.p - src));
        return 0;
    }
    do
        c = ss_dec_next(&it);
    while (ss_is_blank(c));
    ss_work((size_t)(it.p - src));
    if (c != '{')
        return 0;
    return (size_t)(it.p - src);
}

size_t ss_json_string_end(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
    i = i < n ? i : n;
    ss_work(i);
    return i;
}

/* ---- chunked transfer-coding (RFC 9112 §7.1) ---- */

/* Offset just past the LF ending the line that starts at i, or n if none. */
static size_t line_after(const char *s, size_t n, size_t i)
{
    const char *lf = memchr(s + i, '\n', n - i);
    return lf ? (size_t)(lf - s) + 1 : n;
}

/* Parses the hex chunk size at src[*i]; false when there is no digit.
 * Sizes beyond n are clamped to n + 1: they are "beyond the data" anyway. */
static bool chunk_size(const char *src, size_t n, size_t *i, size_t *size)
{
    size_t j = *i, v = 0;
    while (j < n && (src[j] == ' ' || src[j] == '\t'))
        j++;
    size_t first = j;
    int d;
    while (j < n && (d = ss_hex_value((unsigned char)src[j])) >= 0) {
        v = v > n ? n + 1 : v * 16 + (size_t)d;
        j++;
    }
    *i = j;
    *size = v;
    return j > first;
}

size_t ss_chunked_decode(const char *src, size_t n, char *dst, size_t *consumed,
                         unsigned *problems)
{
    size_t i = 0, out = 0;
    for (;;) {
        size_t size;
        if (!chunk_size(src, n, &i, &size)) {
            *problems |= SS_PROB_BODY_TRUNCATED;
            break;
        }
        size_t data = line_after(src, n, i); /* skips chunk extensions */
        if (data >= n && size > 0) {
            *problems |= SS_PROB_BODY_TRUNCATED;
            i = n;
            break;
        }
        if (size == 0) {
            /* Last chunk: skip trailer fields up to the empty line. */
            i = data;
            while (i < n) {
                size_t next = line_after(src, n, i);
                bool empty = next - i == 1 || (next - i == 2 && src[i] == '\r');
                i = next;
                if (empty)
                    break;
            }
            break;
        }
        size_t avail = n - data;
        size_t take = size < avail ? size : avail;
        memmove(dst + out, src + data, take);
        out += take;
        i = data + take;
        if (take < size) {
            *problems |= SS_PROB_BODY_TRUNCATED;
            break;
        }
        /* The CRLF (or bare LF) that ends the chunk data. */
        if (i < n && src[i] == '\r')
            i++;
        if (i < n && src[i] == '\n')
            i++;
        if (i >= n) {
            *problems |= SS_PROB_BODY_TRUNCATED; /* no last chunk */
            break;
        }
    }
    *consumed = i;
    ss_work(i);
    return out;
}
