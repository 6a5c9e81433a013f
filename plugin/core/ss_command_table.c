/*
 * ss_command_table.c - THE command table: every command the core knows.
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §3, §4 and §6 as data.  One row per command:            |
 * |  name, aliases  names compared case-sensitively with the base name |
 * |                 of the command word (/sbin/iptables is iptables)   |
 * |  grade          of the name alone (§4); the kind's rules may raise |
 * |  kind           plain, echo, shell, interpreter, eval, prefix      |
 * |                 (what each means: ss_kind_t in ss.h)               |
 * |  ioc            how the arguments name URLs and hosts (§6):        |
 * |                 ss_ioc_role_t in ss.h                              |
 * |  value options  the options that take a value, so that the value  |
 * |                 is not read as an operand: "-xy" gives letters x   |
 * |                 and y, "--name" a long option (--name=v is always  |
 * |                 read as one word)                                  |
 * |  flags          SS_CMDF_* (ss_command_table.h): version suffixes,  |
 * |                 prefixes with a grammar of their own, names that   |
 * |                 are also ordinary words (WORD rows)                |
 * | A name not listed is yellow, plain, without options or IOC role.   |
 * | Adding a command is adding a row here (README: Development).  The  |
 * | user's rows (the "Shellshock commands" UAT) have the same columns. |
 * +--------------------------------------------------------------------+
 */
#include "ss_command_table.h"

#include <string.h>
#include <strings.h>

#define G SS_GRADE_GREEN
#define Y SS_GRADE_YELLOW
#define R SS_GRADE_RED

/* Rows with only a name and a grade; WORD: the name is also a word. */
#define PLAIN(name, grade) {name, NULL, grade, SS_KIND_PLAIN, SS_IOC_NONE, NULL, 0, false, false}
#define WORD(name, grade)                                                                          \
    {name, NULL, grade, SS_KIND_PLAIN, SS_IOC_NONE, NULL, SS_CMDF_WORD, false, false}

const ss_command_t ss_command_table[] = {
    /* ---- green: prints or reads on the host ---- */
    {"echo", NULL, G, SS_KIND_ECHO, SS_IOC_NONE, NULL, SS_CMDF_WORD, false, false},
    {"printf", NULL, G, SS_KIND_ECHO, SS_IOC_NONE, NULL, 0, false, false},
    WORD("true", G), WORD("false", G), PLAIN(":", G), WORD("read", G), PLAIN("uname", G),
    WORD("id", G), PLAIN("whoami", G), WORD("hostname", G), PLAIN("pwd", G), PLAIN("ls", G),
    WORD("cd", G), WORD("cat", G), WORD("head", G), WORD("tail", G),
    {"grep", "egrep", G, SS_KIND_PLAIN, SS_IOC_NONE, NULL, 0, false, false},
    PLAIN("awk", G), PLAIN("sed", G), WORD("cut", G), WORD("sort", G), WORD("uniq", G),
    WORD("wc", G), WORD("tr", G), WORD("ps", G), WORD("w", G), WORD("who", G),
    PLAIN("uptime", G), PLAIN("df", G), WORD("free", G), PLAIN("nproc", G), PLAIN("lscpu", G),
    PLAIN("ifconfig", G), PLAIN("netstat", G), WORD("date", G), WORD("sleep", G),
    PLAIN("expr", G), WORD("set", G), WORD("export", G), WORD("exit", G),
    {"test", "[", G, SS_KIND_PLAIN, SS_IOC_NONE, NULL, SS_CMDF_WORD, false, false},
    /* env is green alone or with only assignments, else a prefix */
    {"env", NULL, G, SS_KIND_PREFIX, SS_IOC_NONE, "-uCSP --unset --chdir --split-string",
     SS_CMDF_ASSIGN | SS_CMDF_WORD, false, false},

    /* ---- yellow: reachability probes ---- */
    {"ping", "ping6", Y, SS_KIND_PLAIN, SS_IOC_HOST, "-cFiIlmMpQsStTwW", SS_CMDF_WORD, false,
     false},
    {"traceroute", NULL, Y, SS_KIND_PLAIN, SS_IOC_HOST, "-fgimNptlqwszMO", 0, false, false},
    {"tracepath", NULL, Y, SS_KIND_PLAIN, SS_IOC_HOST, "-lmp", 0, false, false},
    {"nslookup", NULL, Y, SS_KIND_PLAIN, SS_IOC_HOST, NULL, 0, false, false},
    {"dig", NULL, Y, SS_KIND_PLAIN, SS_IOC_DNS, "-bcfkpqtxy", SS_CMDF_WORD, false, false},
    {"host", NULL, Y, SS_KIND_PLAIN, SS_IOC_HOST, "-cNRtWm", SS_CMDF_WORD, false, false},

    /* ---- yellow alone; their kind's rules make them red ---- */
    /* sh -i, sh SCRIPT, ... | sh: red; sh -c STRING is unwrapped */
    {"sh", "bash ash", Y, SS_KIND_SHELL, SS_IOC_NONE, "-oO --rcfile --init-file", 0, false,
     false},
    {"eval", NULL, Y, SS_KIND_EVAL, SS_IOC_NONE, NULL, 0, false, false},
    /* -c/-e/-r CODE, --eval, or a script file: red */
    {"python", NULL, Y, SS_KIND_INTERPRETER, SS_IOC_NONE, NULL, SS_CMDF_VERSIONED, false, false},
    {"perl", NULL, Y, SS_KIND_INTERPRETER, SS_IOC_NONE, NULL, SS_CMDF_VERSIONED, false, false},
    {"php", NULL, Y, SS_KIND_INTERPRETER, SS_IOC_NONE, NULL, SS_CMDF_VERSIONED, false, false},
    {"ruby", NULL, Y, SS_KIND_INTERPRETER, SS_IOC_NONE, NULL, SS_CMDF_VERSIONED, false, false},
    {"lua", NULL, Y, SS_KIND_INTERPRETER, SS_IOC_NONE, NULL, SS_CMDF_VERSIONED, false, false},
    {"node", NULL, Y, SS_KIND_INTERPRETER, SS_IOC_NONE, NULL, SS_CMDF_VERSIONED, false, false},
    /* prefixes: what they run is the command (GRADING.md §3) */
    {"nohup", NULL, Y, SS_KIND_PREFIX, SS_IOC_NONE, NULL, 0, false, false},
    {"exec", NULL, Y, SS_KIND_PREFIX, SS_IOC_NONE, "-a", SS_CMDF_EXEC | SS_CMDF_WORD, false,
     false},
    {"sudo", NULL, Y, SS_KIND_PREFIX, SS_IOC_NONE,
     "-ugCDprtUT --user --group --prompt --chdir --close-from --role --type --other-user "
     "--host --command-timeout",
     0, false, false},
    {"timeout", NULL, Y, SS_KIND_PREFIX, SS_IOC_NONE, "-sk --signal --kill-after",
     SS_CMDF_OPERAND | SS_CMDF_WORD, false, false},
    {"nice", NULL, Y, SS_KIND_PREFIX, SS_IOC_NONE, "-n --adjustment", SS_CMDF_WORD, false,
     false},
    {"busybox", NULL, Y, SS_KIND_PREFIX, SS_IOC_NONE, NULL, SS_CMDF_APPLET, false, false},

    /* ---- red: fetches, connects out, changes the host ---- */
    {"wget", NULL, R, SS_KIND_PLAIN, SS_IOC_URL,
     "-OoPUe --header --user-agent --output-document --output-file --directory-prefix "
     "--execute",
     0, false, false},
    {"curl", NULL, R, SS_KIND_PLAIN, SS_IOC_URL,
     "-oAHduxebcXm --header --user-agent --output --data --user --proxy --referer --cookie "
     "--cookie-jar --request --max-time",
     0, false, false},
    {"tftp", NULL, R, SS_KIND_PLAIN, SS_IOC_TFTP, "-rlbcmR", 0, false, false},
    WORD("ftp", R),
    {"ftpget", NULL, R, SS_KIND_PLAIN, SS_IOC_FTPGET, "-Pup", 0, false, false},
    WORD("fetch", R), PLAIN("lwp-download", R), PLAIN("lynx", R), WORD("GET", R),
    PLAIN("scp", R),
    {"nc", "ncat netcat", R, SS_KIND_PLAIN, SS_IOC_CONNECT,
     "-cegGiIMmOopPqsTVwWXx --sh-exec --exec --lua-exec --proxy --proxy-type --proxy-auth "
     "--source --source-port --wait --idle-timeout --output --hex-dump --max-conns",
     0, false, false},
    {"socat", NULL, R, SS_KIND_PLAIN, SS_IOC_SOCAT, "-btTLW", 0, false, false},
    {"telnet", NULL, R, SS_KIND_PLAIN, SS_IOC_HOST, "-lnbeXk", 0, false, false},
    PLAIN("ssh", R), PLAIN("chmod", R), PLAIN("chown", R), PLAIN("crontab", R),
    PLAIN("useradd", R), PLAIN("adduser", R), PLAIN("passwd", R), PLAIN("rm", R),
    WORD("kill", R), PLAIN("killall", R), PLAIN("pkill", R), PLAIN("iptables", R),
    PLAIN("mkfifo", R),
};
const size_t ss_command_table_len = sizeof(ss_command_table) / sizeof(ss_command_table[0]);

/* ---- the names of the columns' values ---- */

static const char *const kind_names[SS_KIND_COUNT] = {
    [SS_KIND_PLAIN] = "plain",   [SS_KIND_ECHO] = "echo", [SS_KIND_SHELL] = "shell",
    [SS_KIND_INTERPRETER] = "interpreter", [SS_KIND_EVAL] = "eval", [SS_KIND_PREFIX] = "prefix",
};

static const char *const role_names[SS_IOC_COUNT] = {
    [SS_IOC_NONE] = "none", [SS_IOC_URL] = "url",       [SS_IOC_HOST] = "host",
    [SS_IOC_DNS] = "dns",   [SS_IOC_CONNECT] = "connect", [SS_IOC_TFTP] = "tftp",
    [SS_IOC_FTPGET] = "ftpget", [SS_IOC_SOCAT] = "socat",
};

const char *ss_kind_name(ss_kind_t kind)
{
    return (unsigned)kind < SS_KIND_COUNT ? kind_names[kind] : "unknown";
}

const char *ss_ioc_role_name(ss_ioc_role_t role)
{
    return (unsigned)role < SS_IOC_COUNT ? role_names[role] : "unknown";
}

bool ss_kind_parse(const char *text, ss_kind_t *kind)
{
    for (unsigned i = 0; text && i < SS_KIND_COUNT; i++) {
        if (strcasecmp(text, kind_names[i]) == 0) {
            *kind = (ss_kind_t)i;
            return true;
        }
    }
    return false;
}

bool ss_ioc_role_parse(const char *text, ss_ioc_role_t *role)
{
    for (unsigned i = 0; text && i < SS_IOC_COUNT; i++) {
        if (strcasecmp(text, role_names[i]) == 0) {
            *role = (ss_ioc_role_t)i;
            return true;
        }
    }
    return false;
}

/* ---- reading a value_options string ---- */

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == ',';
}

/* The next blank- or comma-separated word of an option list, from *p on
 * (NULL at the end); *len is its length. */
static const char *next_option(const char **p, size_t *len)
{
    while (is_sep(**p))
        (*p)++;
    if (!**p)
        return NULL;
    const char *t = *p;
    while (**p && !is_sep(**p))
        (*p)++;
    *len = (size_t)(*p - t);
    return t;
}

bool ss_opts_short(const char *opts, char c)
{
    if (!opts || c == '\0' || c == '-' || is_sep(c))
        return false;
    size_t n;
    for (const char *p = opts, *t; (t = next_option(&p, &n));)
        if (n >= 2 && t[0] == '-' && t[1] != '-' && memchr(t + 1, c, n - 1))
            return true;
    return false;
}

bool ss_opts_long(const char *opts, const char *s, size_t len)
{
    if (!opts || len < 3)
        return false;
    size_t n;
    for (const char *p = opts, *t; (t = next_option(&p, &n));)
        if (n == len && t[0] == '-' && t[1] == '-' && memcmp(t, s, len) == 0)
            return true;
    return false;
}
