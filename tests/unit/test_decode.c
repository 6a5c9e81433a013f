/*
 * test_decode.c - percent and chunked decoding, JSON string bounds
 * (ss_decode.c).
 *
 * Inputs are copied into exactly-sized heap buffers, so that a read past
 * the end shows up under ASan: the decoders get no NUL terminator.
 */
#include <stdlib.h>

#include "ss.h"
#include "ss_decode.h"
#include "unit.h"

/* A heap copy of n bytes with nothing after them. */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    memcpy(p, s, n);
    return p;
}

typedef struct {
    ss_dec_mode_t mode;
    const char *in;
    const char *out;
    size_t out_len; /* 0: strlen(out) */
    unsigned problems;
} decode_case_t;

static const decode_case_t decode_cases[] = {
    /* percent (RFC 3986), '+' kept in paths */
    {SS_DEC_PERCENT, "%28%29%20%7B%20%3A%3B%7D", "() { :;}", 0, 0},
    {SS_DEC_PERCENT, "a+b%2Bc", "a+b+c", 0, 0},
    {SS_DEC_PERCENT, "%7b%7D%2f", "{}/", 0, 0},
    {SS_DEC_PERCENT, "100%", "100%", 0, SS_PROB_BAD_PERCENT},
    {SS_DEC_PERCENT, "%zz%4", "%zz%4", 0, SS_PROB_BAD_PERCENT},
    {SS_DEC_PERCENT, "%4g", "%4g", 0, SS_PROB_BAD_PERCENT},
    {SS_DEC_PERCENT, "%00x", "\0x", 2, 0},
    {SS_DEC_PERCENT, "%%41", "%A", 0, SS_PROB_BAD_PERCENT},
    {SS_DEC_PERCENT, "", "", 0, 0},
    /* form: '+' is a space, %2B a plus */
    {SS_DEC_FORM, "()+{+:;};+echo+a%2Bb", "() { :;}; echo a+b", 0, 0},
    {SS_DEC_FORM, "%E2%82%AC", "\xE2\x82\xAC", 0, 0},
    /* plain: nothing decoded, JSON-looking escapes included */
    {SS_DEC_PLAIN, "\\u0028\\u0029 {", "\\u0028\\u0029 {", 0, 0},
    {SS_DEC_PLAIN, "%28 +", "%28 +", 0, 0},
};

static void test_decode_table(void)
{
    for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
        const decode_case_t *c = &decode_cases[i];
        size_t n = strlen(c->in);
        size_t want_len = c->out_len ? c->out_len : strlen(c->out);
        char *src = exact(c->in, n);
        char *dst = malloc(n ? n : 1);
        unsigned problems = 0;
        size_t got = ss_decode(c->mode, src, n, dst, &problems);
        if (got != want_len || memcmp(dst, c->out, want_len) != 0 || problems != c->problems)
            fprintf(stderr, "\n  decode case %zu (%s): got %zu bytes, problems %#x\n", i, c->in,
                    got, problems);
        CU_ASSERT_EQUAL(got, want_len);
        CU_ASSERT(got == want_len && memcmp(dst, c->out, want_len) == 0);
        CU_ASSERT_EQUAL(problems, c->problems);
        /* In place gives the same. */
        unsigned p2 = 0;
        CU_ASSERT_EQUAL(ss_decode(c->mode, src, n, src, &p2), want_len);
        CU_ASSERT(memcmp(src, c->out, want_len) == 0);
        free(src);
        free(dst);
    }
}

static void test_iterator_matches_decode(void)
{
    const char *in = "%28%29+%7B\\u0041";
    ss_dec_iter_t it;
    ss_dec_iter_init(&it, SS_DEC_FORM, in, strlen(in));
    char out[32];
    size_t n = 0;
    int c;
    while ((c = ss_dec_next(&it)) >= 0 && n < sizeof(out))
        out[n++] = (char)c;
    CU_ASSERT_EQUAL(n, 10);
    CU_ASSERT(memcmp(out, "() {\\u0041", 10) == 0);
    CU_ASSERT_EQUAL(ss_dec_next(&it), -1); /* stays at the end */
}

typedef struct {
    ss_dec_mode_t mode;
    const char *in;
    size_t want; /* raw length of the opener, 0 for none */
} opener_case_t;

static const opener_case_t opener_cases[] = {
    {SS_DEC_PLAIN, "() { :;};", 4},
    {SS_DEC_PERCENT, "%28%29%20%7B%20%3A%3B%7D", 12},
    {SS_DEC_PERCENT, "%28%29+%7B", 0}, /* '+' is no blank in a path */
    {SS_DEC_FORM, "%28%29+%7B", 10},
    {SS_DEC_FORM, "+%27()+{", 8},
    {SS_DEC_PLAIN, "\\u0028\\u0029 {", 0}, /* no JSON decoding (GRADING.md §1) */
    {SS_DEC_PLAIN, "\\n() {x", 0},
    {SS_DEC_PERCENT, "%28%29%20", 0},
    {SS_DEC_PERCENT, "%2", 0},
    {SS_DEC_PLAIN, "", 0},
};

static void test_opener_through_decoder(void)
{
    for (size_t i = 0; i < sizeof(opener_cases) / sizeof(opener_cases[0]); i++) {
        const opener_case_t *c = &opener_cases[i];
        size_t n = strlen(c->in);
        char *src = exact(c->in, n);
        size_t got = ss_dec_opener_length(c->mode, src, n);
        if (got != c->want)
            fprintf(stderr, "\n  opener case %zu (%s): got %zu want %zu\n", i, c->in, got, c->want);
        CU_ASSERT_EQUAL(got, c->want);
        free(src);
    }
}

static void test_json_string_end(void)
{
    CU_ASSERT_EQUAL(ss_json_string_end("abc\"x", 5), 3);
    CU_ASSERT_EQUAL(ss_json_string_end("a\\\"b\"", 5), 4);
    CU_ASSERT_EQUAL(ss_json_string_end("a\\\\\"", 4), 3);
    CU_ASSERT_EQUAL(ss_json_string_end("abc", 3), 3);
    CU_ASSERT_EQUAL(ss_json_string_end("ab\\", 3), 3); /* escape at the very end */
    CU_ASSERT_EQUAL(ss_json_string_end("", 0), 0);
}

typedef struct {
    const char *in;
    size_t in_len; /* 0: strlen */
    const char *out;
    size_t consumed; /* (size_t)-1: all of in */
    unsigned problems;
} chunk_case_t;

#define ALL ((size_t)-1)

static const chunk_case_t chunk_cases[] = {
    {"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 0, "hello world", ALL, 0},
    {"5\nhello\n0\n\n", 0, "hello", ALL, 0},                         /* LF only */
    {"5;ext=1\r\nhello\r\n0\r\n\r\n", 0, "hello", ALL, 0},          /* extension */
    {"A\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n", 0, "0123456789", ALL, 0}, /* trailer */
    {"5\r\nhello\r\n0\r\n\r\nGET / HTTP/1.1\r\n", 0, "hello", 15, 0},  /* stops at the end */
    {"10\r\nshort", 0, "short", ALL, SS_PROB_BODY_TRUNCATED},
    {"ffffffffffffffffffffffff\r\nabc", 0, "abc", ALL, SS_PROB_BODY_TRUNCATED},
    {"zz\r\nabc", 0, "", 0, SS_PROB_BODY_TRUNCATED},
    {"5\r\nhello\r\n", 0, "hello", ALL, SS_PROB_BODY_TRUNCATED}, /* no last chunk */
    {"5", 0, "", ALL, SS_PROB_BODY_TRUNCATED},
    {"", 0, "", 0, SS_PROB_BODY_TRUNCATED},
    {"3\r\na\0b\r\n0\r\n\r\n", 13, "a\0b", ALL, 0},
};

static void test_chunked(void)
{
    for (size_t i = 0; i < sizeof(chunk_cases) / sizeof(chunk_cases[0]); i++) {
        const chunk_case_t *c = &chunk_cases[i];
        size_t n = c->in_len ? c->in_len : strlen(c->in);
        size_t want_len = strlen(c->out);
        if (c->in_len)
            want_len = 3;
        char *src = exact(c->in, n);
        char *dst = malloc(n ? n : 1);
        unsigned problems = 0;
        size_t consumed = 12345;
        size_t got = ss_chunked_decode(src, n, dst, &consumed, &problems);
        size_t want_consumed = c->consumed == ALL ? n : c->consumed;
        if (got != want_len || consumed != want_consumed || problems != c->problems)
            fprintf(stderr, "\n  chunk case %zu: got %zu consumed %zu problems %#x\n", i, got,
                    consumed, problems);
        CU_ASSERT_EQUAL(got, want_len);
        CU_ASSERT(got == want_len && memcmp(dst, c->out, want_len) == 0);
        CU_ASSERT_EQUAL(consumed, want_consumed);
        CU_ASSERT_EQUAL(problems, c->problems);
        /* In place is allowed too. */
        unsigned p2 = 0;
        CU_ASSERT_EQUAL(ss_chunked_decode(src, n, src, &consumed, &p2), want_len);
        CU_ASSERT(memcmp(src, c->out, want_len) == 0);
        free(src);
        free(dst);
    }
}

/* Random bytes over the decoders' special characters: no out-of-bounds
 * access (ASan), output never longer than input. */
static void test_random_inputs(void)
{
    static const char alphabet[] = "%+\\u\"0123456789abcdefABCDEFdD\r\n ;x";
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 40);
        char *src = malloc(n ? n : 1);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            src[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
        }
        char *dst = malloc(n ? n : 1);
        unsigned problems = 0;
        for (int m = SS_DEC_PLAIN; m <= SS_DEC_FORM; m++) {
            CU_ASSERT(ss_decode((ss_dec_mode_t)m, src, n, dst, &problems) <= n);
            CU_ASSERT(ss_dec_opener_length((ss_dec_mode_t)m, src, n) <= n);
        }
        size_t consumed;
        CU_ASSERT(ss_chunked_decode(src, n, dst, &consumed, &problems) <= n);
        CU_ASSERT(consumed <= n);
        CU_ASSERT(ss_json_string_end(src, n) <= n);
        free(src);
        free(dst);
    }
}

static CU_TestInfo tests[] = {
    {"percent decoding table", test_decode_table},
    {"iterator yields the decoded bytes", test_iterator_matches_decode},
    {"opener seen through each decoder", test_opener_through_decoder},
    {"JSON string end", test_json_string_end},
    {"chunked transfer-coding", test_chunked},
    {"random inputs stay in bounds", test_random_inputs},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("decode", tests)
