/*
 * test_report_reader.c - the ek line splitter and record reader: both
 * layouts, every value shape, repeated keys, and hostile lines (table-driven,
 * each with the status it must give).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ek_lines.h"
#include "ek_record.h"
#include "hsr_run.h"
#include "unit.h"

static ek_parser_t P;

static hsr_status_t parse(const char *line, ek_kind_t *kind, hsr_frame_t *f)
{
    return ek_parse(&P, line, strlen(line), kind, f);
}

static void test_lines_crlf_and_last_line(void)
{
    const char *in = "a\r\nbb\n\nccc";
    ek_lines_t r;
    const char *l;
    size_t n;
    ek_lines_init_mem(&r, in, strlen(in));
    CU_ASSERT_EQUAL(ek_lines_next(&r, &l, &n), HSR_OK);
    CU_ASSERT(n == 1 && memcmp(l, "a", 1) == 0 && r.lineno == 1);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &l, &n), HSR_OK);
    CU_ASSERT(n == 2 && memcmp(l, "bb", 2) == 0 && !r.unterminated);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &l, &n), HSR_OK);
    CU_ASSERT(l != NULL && n == 0);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &l, &n), HSR_OK);
    CU_ASSERT(n == 3 && memcmp(l, "ccc", 3) == 0 && r.unterminated && r.lineno == 4);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &l, &n), HSR_OK);
    CU_ASSERT_PTR_NULL(l);
}

/* The fd reader across chunk boundaries: a pipe fed lines of every length. */
static void test_lines_fd_long(void)
{
    char path[] = "/tmp/hsr-lines-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w+");
    size_t big = 3 * 1024 * 1024 + 7;
    char *s = malloc(big);
    memset(s, 'x', big);
    fputs("first\n", f);
    fwrite(s, 1, big, f);
    fputs("\r\nlast", f);
    fflush(f);
    rewind(f);
    ek_lines_t r;
    const char *l;
    size_t n;
    CU_ASSERT_EQUAL_FATAL(ek_lines_init_fd(&r, fileno(f)), HSR_OK);
    CU_ASSERT(ek_lines_next(&r, &l, &n) == HSR_OK && n == 5);
    CU_ASSERT(ek_lines_next(&r, &l, &n) == HSR_OK && n == big && l[0] == 'x' && l[n - 1] == 'x');
    CU_ASSERT(ek_lines_next(&r, &l, &n) == HSR_OK && n == 4 && memcmp(l, "last", 4) == 0);
    CU_ASSERT(r.unterminated && r.lineno == 3);
    CU_ASSERT(ek_lines_next(&r, &l, &n) == HSR_OK && l == NULL);
    ek_lines_free(&r);
    fclose(f);
    unlink(path);
    free(s);
}

static void test_e_layout(void)
{
    ek_kind_t k;
    hsr_frame_t f;
    const char *line =
        "{\"timestamp\":\"1700000000000\",\"layers\":{\"frame_time_epoch\":[\"1700000123.9\"],"
        "\"ip_src\":[\"192.0.2.1\",\"198.51.100.7\"],\"ip_dst\":[\"198.51.100.7\"],"
        "\"ip_proto\":[\"6\"],\"tcp_dstport\":[\"23\"],\"tcp_flags_syn\":[\"1\"],"
        "\"tcp_flags_ack\":[\"0\"],\"shellshock_grade\":[\"1\",\"3\",\"2\"],"
        "\"src_asn\":[\"13335\"],\"src_as_org\":[\"Cloud\"],\"src_country\":[\"JP\"]}}";
    CU_ASSERT_EQUAL_FATAL(parse(line, &k, &f), HSR_OK);
    CU_ASSERT_EQUAL(k, EK_FRAME);
    CU_ASSERT(f.has_time && f.time == 1700000123);
    HS_ASSERT_STR(f.src, "192.0.2.1");
    HS_ASSERT_STR(f.dst, "198.51.100.7");
    CU_ASSERT(f.ip_proto == 6 && f.dport == 23 && f.syn == 1 && f.ack == 0);
    CU_ASSERT_EQUAL(f.grade, 3);
    CU_ASSERT(f.has_asn && f.asn == 13335);
    CU_ASSERT(f.as_org.n == 5 && memcmp(f.as_org.s, "Cloud", 5) == 0);
    CU_ASSERT_PTR_NULL(f.os.s);
    CU_ASSERT_EQUAL(f.bad_values, 0);
}

/* Wireshark 4.2 and later write frame.time_epoch in the full layout as
 * ISO 8601 UTC; 4.0 as seconds.  Both are the same instant. */
static void test_iso8601_epoch(void)
{
    static const struct {
        const char *value;
        int ok;
        int64_t t;
    } cases[] = {
        {"2014-09-25T00:00:00.000000000Z", 1, 1411603200},
        {"2023-11-14T22:13:20.999999999Z", 1, 1700000000},
        {"2024-02-29T12:00:00Z", 1, 1709208000},
        {"1969-12-31T23:59:59.5Z", 1, -1},
        {"2023-02-29T00:00:00Z", 0, 0},            /* no such day */
        {"2023-13-01T00:00:00Z", 0, 0},            /* no such month */
        {"2023-11-14T24:00:00Z", 0, 0},            /* no such hour */
        {"2023-11-14T22:13:20.Z", 0, 0},           /* an empty fraction */
        {"2023-11-14T22:13:20.12x4Z", 0, 0},       /* not digits */
        {"2023-11-14T22:13:20+0100", 0, 0},        /* only UTC is written */
        {"2023-1x-14T22:13:20Z", 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char line[256];
        snprintf(line, sizeof(line),
                 "{\"layers\":{\"frame\":{\"frame_frame_time_epoch\":\"%s\"}}}",
                 cases[i].value);
        ek_kind_t k;
        hsr_frame_t f;
        CU_ASSERT_EQUAL_FATAL(parse(line, &k, &f), HSR_OK);
        CU_ASSERT_EQUAL(f.has_time, cases[i].ok);
        CU_ASSERT_EQUAL(f.bad_values, cases[i].ok ? 0 : 1);
        if (cases[i].ok && f.time != cases[i].t)
            CU_FAIL(cases[i].value);
    }
}

static void test_full_layout(void)
{
    ek_kind_t k;
    hsr_frame_t f;
    /* ICMP error: the inner IP/UDP under icmp must not be taken. */
    const char *line =
        "{\"timestamp\":\"1700000003000\",\"layers\":{\"frame\":{\"frame_frame_number\":\"4\"},"
        "\"ip\":{\"ip_ip_proto\":\"1\",\"ip_ip_src\":\"192.0.2.1\",\"ip_ip_dst\":\"198.51.100.7\"},"
        "\"icmp\":{\"icmp_icmp_type\":\"3\",\"ip\":{\"ip_ip_src\":\"198.51.100.7\"},"
        "\"udp\":{\"udp_udp_dstport\":\"5000\"}}}}";
    CU_ASSERT_EQUAL_FATAL(parse(line, &k, &f), HSR_OK);
    CU_ASSERT(f.has_time && f.time == 1700000003); /* from "timestamp" */
    HS_ASSERT_STR(f.src, "192.0.2.1");
    CU_ASSERT(f.ip_proto == 1 && f.icmp_type == 3 && f.dport == -1);
    CU_ASSERT_EQUAL(f.grade, 0);
    CU_ASSERT_FALSE(f.has_asn);

    /* Booleans, hex flags, IPv6 canonicalised, repeated shellshock subtrees. */
    line = "{\"layers\":{\"frame\":{\"frame_frame_time_epoch\":\"-1.5\"},"
           "\"ipv6\":{\"ipv6_ipv6_nxt\":\"6\",\"ipv6_ipv6_src\":\"2001:0db8:0::1\"},"
           "\"tcp\":{\"tcp_tcp_dstport\":\"80\",\"tcp_tcp_flags\":\"0x0012\"},"
           "\"shellshock\":{\"shellshock_shellshock_grade\":\"3\"},"
           "\"shellshock\":{\"shellshock_shellshock_grade\":\"1\"},"
           "\"src\":{\"src_src_asn\":64500,\"src_src_os\":\"Linux\",\"src_src_os_class\":true}}}";
    CU_ASSERT_EQUAL_FATAL(parse(line, &k, &f), HSR_OK);
    CU_ASSERT(f.has_time && f.time == -2);
    HS_ASSERT_STR(f.src, "2001:db8::1");
    CU_ASSERT(f.ip_proto == 6 && f.dport == 80 && f.syn == 1 && f.ack == 1);
    CU_ASSERT_EQUAL(f.grade, 3); /* json-c keeps the last ("1"); the text has a 3 */
    CU_ASSERT(f.has_asn && f.asn == 64500);
    CU_ASSERT(f.os.n == 5 && f.os_class.n == 4 && memcmp(f.os_class.s, "true", 4) == 0);
    CU_ASSERT(f.has_os_field);
}

static void test_index_and_blank(void)
{
    ek_kind_t k;
    hsr_frame_t f;
    CU_ASSERT(parse("{\"index\":{\"_index\":\"packets-2024-03-01\",\"_type\":\"doc\"}}", &k, &f) ==
                  HSR_OK &&
              k == EK_INDEX);
    CU_ASSERT(parse("  \t", &k, &f) == HSR_OK && k == EK_BLANK);
    CU_ASSERT(parse("", &k, &f) == HSR_OK && k == EK_BLANK);
}

/* Unreadable values are unknown (and counted), never zero. */
static void test_bad_values(void)
{
    ek_kind_t k;
    hsr_frame_t f;
    const char *line =
        "{\"layers\":{\"ip_src\":[\"not-an-ip\"],\"tcp_dstport\":[\"99999\"],"
        "\"ip_proto\":{\"x\":1},\"shellshock_grade\":[\"7\"],\"src_asn\":[\"-3\"],"
        "\"frame_time_epoch\":[\"soon\"],\"src_country\":[],\"src_as_org\":null}}";
    CU_ASSERT_EQUAL_FATAL(parse(line, &k, &f), HSR_OK);
    CU_ASSERT_EQUAL(k, EK_FRAME);
    HS_ASSERT_STR(f.src, "");
    CU_ASSERT(f.dport == -1 && f.grade == 0 && !f.has_asn && !f.has_time);
    CU_ASSERT(f.ip_proto == 6); /* inferred from tcp_dstport */
    CU_ASSERT_PTR_NULL(f.country.s);
    CU_ASSERT_PTR_NULL(f.as_org.s);
    /* ip_src, tcp_dstport, ip_proto, grade, src_asn, time: 6; an empty
     * array and null are no value at all, not an unreadable one. */
    CU_ASSERT_EQUAL(f.bad_values, 6);
}

static void test_as_prefixed_asn(void)
{
    ek_kind_t k;
    hsr_frame_t f;
    CU_ASSERT_EQUAL_FATAL(parse("{\"layers\":{\"src_asn\":[\"AS13335\"]}}", &k, &f), HSR_OK);
    CU_ASSERT(f.has_asn && f.asn == 13335);
    CU_ASSERT_EQUAL_FATAL(parse("{\"layers\":{\"src_asn\":[\"4294967296\"]}}", &k, &f), HSR_OK);
    CU_ASSERT(!f.has_asn && f.bad_values == 1);
}

/* Numbers beyond 64 bits, in every field that holds a number and every
 * shape (hex or decimal text, JSON integer, JSON double): the record is
 * refused, never read with an overflowed value. */
static void test_numbers_too_big(void)
{
    static const char *const fields[] = {
        "\"tcp_dstport\":[\"0xffffffffffffffffff\"]",
        "\"tcp_dstport\":[\"0xffffffffffffffff\"]",
        "\"tcp_dstport\":[\"0x8000000000000000\"]",
        "\"tcp_dstport\":[\"99999999999999999999\"]",
        "\"tcp_dstport\":[\"-9223372036854775809\"]",
        "\"tcp_dstport\":[99999999999999999999]",
        "\"tcp_dstport\":[-99999999999999999999]",
        "\"tcp_dstport\":[1e300]",
        "\"udp_dstport\":[\"0x10000000000000000\"]",
        "\"ip_proto\":[\"184467440737095516160\"]",
        "\"tcp_dstport\":[\"23\"],\"tcp_flags_syn\":[\"0xfffffffffffffffffffffffffffff\"]",
        "\"tcp_dstport\":[\"23\"],\"tcp_flags\":[\"0x1ffffffffffffffff\"]",
        "\"icmp_type\":[\"-0xffffffffffffffffff\"]",
        "\"frame_time_epoch\":[\"99999999999999999999.5\"]",
        "\"frame_time_epoch\":[\"-99999999999999999999\"]",
        "\"frame_time_epoch\":[1e30]",
        "\"src_asn\":[\"AS99999999999999999999\"]",
        "\"src_asn\":[\"0xfffffffffffffffffff\"]",
        "\"shellshock_grade\":[\"99999999999999999999\"]",
        "\"shellshock_grade\":[\"1\",\"184467440737095516163\"]",
    };
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        char line[256];
        snprintf(line, sizeof(line), "{\"layers\":{\"ip_src\":[\"192.0.2.1\"],%s}}", fields[i]);
        ek_kind_t k;
        hsr_frame_t f;
        hsr_status_t s = parse(line, &k, &f);
        if (s != HSR_ERR_NUMBER_TOO_BIG)
            fprintf(stderr, "\n  %s: got %d (%s)\n", fields[i], s, hsr_strerror(s));
        CU_ASSERT_EQUAL(s, HSR_ERR_NUMBER_TOO_BIG);
    }
    /* ek's own millisecond timestamp, read when frame.time_epoch is absent. */
    ek_kind_t k;
    hsr_frame_t f;
    CU_ASSERT_EQUAL(parse("{\"timestamp\":\"0x1ffffffffffffffff\",\"layers\":{}}", &k, &f),
                    HSR_ERR_NUMBER_TOO_BIG);
}

/* The limits themselves still read, as values (in range or not). */
static void test_numbers_at_the_limits(void)
{
    ek_kind_t k;
    hsr_frame_t f;
    CU_ASSERT_EQUAL_FATAL(
        parse("{\"layers\":{\"tcp_dstport\":[\"0000000000000000000000023\"],"
              "\"ip_proto\":[\"-9223372036854775808\"],\"tcp_flags\":[\"0x7fffffffffffffff\"],"
              "\"frame_time_epoch\":[\"-0.5\"],\"src_asn\":[\"AS4294967295\"]}}",
              &k, &f),
        HSR_OK);
    CU_ASSERT(f.dport == 23 && f.ip_proto == 6 && f.syn == -1);
    CU_ASSERT(f.has_time && f.time == -1);
    CU_ASSERT(f.has_asn && f.asn == 4294967295u);
    CU_ASSERT_EQUAL(f.bad_values, 2); /* ip_proto and tcp_flags out of their range */
    /* Not numbers at all stay unreadable values, not forged records. */
    CU_ASSERT_EQUAL_FATAL(parse("{\"layers\":{\"src_asn\":[\"AStrue\"],\"tcp_dstport\":[\"0x\"],"
                                "\"frame_time_epoch\":[\"1e5\"]}}",
                                &k, &f),
                          HSR_OK);
    CU_ASSERT(!f.has_asn && f.dport == -1 && !f.has_time && f.bad_values == 3);
}

/* A record with a number too big goes the way of every unreadable record:
 * "file:line: reason, line skipped", counted, and the rest is read. */
static void test_too_big_is_skipped(void)
{
    const char *in = "{\"layers\":{\"ip_src\":[\"192.0.2.1\"],\"tcp_dstport\":[\"23\"]}}\n"
                     "{\"layers\":{\"ip_src\":[\"192.0.2.2\"],"
                     "\"tcp_dstport\":[\"0xffffffffffffffffff\"]}}\n"
                     "{\"layers\":{\"ip_src\":[\"192.0.2.3\"],\"tcp_dstport\":[\"80\"]}}\n";
    agg_bucket_t b;
    CU_ASSERT_EQUAL_FATAL(agg_bucket_parse("1d", &b), HSR_OK);
    agg_state_t st;
    CU_ASSERT_EQUAL_FATAL(agg_state_init(&st, &b, "UTC", AGG_SENSOR_BY_INPUT), HSR_OK);
    char *warn = NULL;
    size_t warn_len = 0;
    FILE *w = open_memstream(&warn, &warn_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    hsr_diag_t d = {.warn = w, .prog = "test"};
    CU_ASSERT_EQUAL(hsr_read_mem(&st, &P, in, strlen(in), "in.ek", SIZE_MAX, &d), HSR_OK);
    fclose(w);
    CU_ASSERT_EQUAL(st.sum.lines, 3);
    CU_ASSERT_EQUAL(st.sum.malformed_lines, 1);
    CU_ASSERT_EQUAL(st.sum.frames_read, 2);
    HS_ASSERT_STR(warn, "in.ek:2: a number too big for 64 bits (a forged record), line skipped\n");
    free(warn);
    agg_state_free(&st);
}

/* Hostile lines: each must give its status, and nothing else. */
static void test_hostile(void)
{
    static const struct {
        const char *line;
        hsr_status_t want;
    } cases[] = {
        {"{", HSR_ERR_JSON},
        {"{\"layers\":{}", HSR_ERR_JSON},
        {"not json", HSR_ERR_JSON},
        {"{\"layers\":{}} trailing", HSR_ERR_TRAILING},
        {"{\"layers\":{}}{\"layers\":{}}", HSR_ERR_TRAILING},
        {"[1,2,3]", HSR_ERR_NOT_OBJECT},
        {"123", HSR_ERR_NOT_OBJECT},
        {"\"string\"", HSR_ERR_NOT_OBJECT},
        {"null", HSR_ERR_NOT_OBJECT},
        {"{}", HSR_ERR_NO_LAYERS},
        {"{\"timestamp\":\"1\"}", HSR_ERR_NO_LAYERS},
        {"{\"layers\":[1]}", HSR_ERR_BAD_LAYERS},
        {"{\"layers\":\"x\"}", HSR_ERR_BAD_LAYERS},
        {"{\"layers\":{\"ip_src\":\"\\ud800\"}}", HSR_OK},
        {"{\"layers\":{\"a\":\"\\u0000\"}}", HSR_OK},
        {"{\"layers\":{\"x\":1e999999}}", HSR_OK},
        {"{\"layers\":{},\"layers\":{}}", HSR_OK},
        {"\xef\xbb\xbf{\"layers\":{}}", HSR_ERR_JSON},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ek_kind_t k;
        hsr_frame_t f;
        hsr_status_t s = parse(cases[i].line, &k, &f);
        if (s != cases[i].want)
            fprintf(stderr, "\n  case %zu (%s): got %d (%s), want %d\n", i, cases[i].line, s,
                    hsr_strerror(s), cases[i].want);
        CU_ASSERT_EQUAL(s, cases[i].want);
    }
    /* Nesting deeper than the limit is refused, not a stack overflow. */
    size_t depth = 100000;
    char *deep = malloc(depth * 2 + 32);
    strcpy(deep, "{\"layers\":");
    size_t n = strlen(deep);
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    deep[n] = '\0';
    ek_kind_t k;
    hsr_frame_t f;
    CU_ASSERT_EQUAL(parse(deep, &k, &f), HSR_ERR_JSON);
    free(deep);
}

static void test_scan_grades(void)
{
    static const struct {
        const char *text;
        int want;
    } cases[] = {
        {"{\"shellshock_grade\":[\"2\",\"1\"]}", 2},
        {"{\"shellshock_shellshock_grade\":\"1\",\"shellshock_shellshock_grade\":\"3\"}", 3},
        {"{\"shellshock_grade\" : 2}", 2},
        {"{\"x\":\"\\\"shellshock_grade\\\":3\"}", 0}, /* inside a string */
        {"{\"x\":\"\\\\\",\"shellshock_grade\":[\"1\"]}", 1},
        {"{\"shellshock_grade\":[\"30\"]}", 0},
        {"{\"shellshock_grade\":[\"4\",\"2\"]}", 2},
        {"{\"shellshock_grade\":", 0},
        {"{\"shellshock_grade\":[\"30001\"]}", 0}, /* not "3000" then "1" */
        {"{\"shellshock_grade\":[\"0000000000000000000000002\"]}", 2},
        {"{\"shellshock_grade\":[\"2\",\"99999999999999999999\"]}", -1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int g = ek_scan_grades(cases[i].text, strlen(cases[i].text), HSR_F_GRADE);
        if (g != cases[i].want)
            fprintf(stderr, "\n  case %zu: got %d want %d\n", i, g, cases[i].want);
        CU_ASSERT_EQUAL(g, cases[i].want);
    }
}

static CU_TestInfo tests[] = {
    {"lines: CRLF, empty and unterminated last line", test_lines_crlf_and_last_line},
    {"lines: fd reader, 3 MiB line across chunks", test_lines_fd_long},
    {"-e layout", test_e_layout},
    {"full layout, ICMP error, repeated keys", test_full_layout},
    {"full layout: ISO 8601 times of Wireshark 4.2+", test_iso8601_epoch},
    {"index and blank lines", test_index_and_blank},
    {"unreadable values are unknown", test_bad_values},
    {"AS-prefixed and out-of-range AS numbers", test_as_prefixed_asn},
    {"numbers beyond 64 bits refuse the record", test_numbers_too_big},
    {"numbers at the 64-bit limits", test_numbers_at_the_limits},
    {"a forged number is a skipped line", test_too_big_is_skipped},
    {"hostile lines", test_hostile},
    {"grade scan over repeated keys", test_scan_grades},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (ek_parser_init(&P) != HSR_OK)
        return 99;
    int rc = hs_unit_run("report reader", tests);
    ek_parser_free(&P);
    return rc;
}
