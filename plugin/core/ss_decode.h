/*
 * ss_decode.h - decoders for the values the HTTP scanner looks into (internal).
 *
 * +--------------------------------------------------------------------+
 * | Values are decoded before the opener check (GRADING.md §1):        |
 * | percent-decoding (RFC 3986, optionally '+' as space) and chunked   |
 * | transfer-coding; everything else, JSON strings included, is read  |
 * | raw.  The byte iterator lets the scanner test for an opener on the |
 * | raw text, so a value is copied and decoded only when it really     |
 * | starts with one.                                                   |
 * +--------------------------------------------------------------------+
 *
 * Decoded text is never longer than its source, so a destination of the
 * source's size always suffices (and decoding in place is allowed).
 */
#ifndef SS_DECODE_H
#define SS_DECODE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    SS_DEC_PLAIN,   /* bytes as they are */
    SS_DEC_PERCENT, /* RFC 3986 %XX (path segments) */
    SS_DEC_FORM     /* %XX and '+' as space (query, form bodies) */
} ss_dec_mode_t;

/* Yields the decoded bytes of src one at a time. */
typedef struct {
    const char *p, *end;
    ss_dec_mode_t mode;
    unsigned problems;      /* SS_PROB_BAD_PERCENT seen so far */
} ss_dec_iter_t;

void ss_dec_iter_init(ss_dec_iter_t *it, ss_dec_mode_t mode, const char *src, size_t n);
/* The next decoded byte (0..255), or -1 at the end. */
int ss_dec_next(ss_dec_iter_t *it);

/* Decodes src[0..n) into dst (room for n bytes); returns the decoded length.
 * Invalid % escapes are kept as is and set SS_PROB_BAD_PERCENT in *problems. */
size_t ss_decode(ss_dec_mode_t mode, const char *src, size_t n, char *dst, unsigned *problems);

/* The raw length of the opener (GRADING.md §2) at the start of src as seen
 * through the decoder, or 0 if the decoded text does not start with one. */
size_t ss_dec_opener_length(ss_dec_mode_t mode, const char *src, size_t n);

/* s[0..n) is the inside of a JSON string: the offset of its closing quote
 * (an escaped quote does not close it), or n when it is unterminated.  Only
 * the string's bounds are found; its text is not decoded. */
size_t ss_json_string_end(const char *s, size_t n);

/* Decodes a chunked body src[0..n) into dst (room for n bytes); returns the
 * decoded length and sets *consumed to the raw bytes it used (through the
 * trailer section when complete).  Sizes beyond the data or broken framing
 * keep what is present and set SS_PROB_BODY_TRUNCATED in *problems. */
size_t ss_chunked_decode(const char *src, size_t n, char *dst, size_t *consumed,
                         unsigned *problems);

/* Test hook: the scanners (ss_http.c, ss_payload.c, ss_decode.c) add here
 * the bytes their loops visit, so tests can check that work grows linearly
 * with the input instead of timing it.  One add per loop or call, not per
 * byte; dissection is single-threaded, so a plain counter is enough. */
extern unsigned long long ss_work_steps;

static inline void ss_work(size_t steps)
{
    ss_work_steps += steps;
}

/* Blank as in the opener: space, tab, CR, LF. */
static inline bool ss_is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The value of hex digit c (either case), or -1. */
int ss_hex_value(int c);

#endif /* SS_DECODE_H */
