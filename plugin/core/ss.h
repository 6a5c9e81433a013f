/*
 * ss.h - honeyshark's Shellshock core: find, decode, grade.
 *
 * Pure C (no Wireshark header), so that unit tests and fuzzers link it alone.
 * The contract it implements is GRADING.md: where payloads are looked for
 * (§1), what an opener is and which CVE forms exist (§2), how commands are
 * extracted (§3) and graded (§4), and which indicators are kept (§6).
 *
 * Typical use (what the Wireshark glue does for each HTTP request):
 *
 *     static ss_result_t res;            // reused: no allocation per packet
 *     ss_result_init(&res);              // once
 *     ...
 *     if (ss_http_may_contain(buf, len)) {           // cheap prefilter
 *         ss_scan_http_request(rules, buf, len, &res); // resets res first
 *         for (size_t i = 0; i < res.n_payloads; i++) use(&res.payloads[i]);
 *     }
 *     ...
 *     ss_result_free(&res);              // at exit
 *
 * Every string handed out is NUL-terminated, lives in the result's arena and
 * stays valid until the next scan into, or free of, that result.  Decoded
 * payloads may contain NUL bytes: use the *_len member.
 */
#ifndef SS_H
#define SS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ss_arena.h"
#include "ss_limits.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- grades (GRADING.md §4); the numbers are the field's values ---- */
typedef enum {
    SS_GRADE_NONE = 0,   /* no payload / not graded */
    SS_GRADE_GREEN = 1,  /* prints or reads on the host */
    SS_GRADE_YELLOW = 2, /* callback, reachability, step towards a shell, unknown */
    SS_GRADE_RED = 3     /* fetches, opens a shell, sends out, changes the host */
} ss_grade_t;

/* "green", "yellow", "red", or "none". */
const char *ss_grade_name(ss_grade_t grade);
/* Parses "green"/"yellow"/"red" (case-insensitive) or "1"/"2"/"3"; SS_GRADE_NONE if neither. */
ss_grade_t ss_grade_parse(const char *text);

/* ---- vectors (GRADING.md §1) ---- */
typedef enum {
    SS_VEC_HTTP_HEADER = 0,
    SS_VEC_HTTP_URI,
    SS_VEC_HTTP_BODY,
    SS_VEC_TELNET_ENVIRON,
    SS_VEC_TELNET_COMMAND,
    SS_VEC_COUNT
} ss_vector_t;

/* "http.header", "http.uri", "http.body", "telnet.environ", "telnet.command". */
const char *ss_vector_name(ss_vector_t vector);

/* ---- CVE variants (GRADING.md §2), a bit mask ---- */
enum {
    SS_CVE_2014_6271 = 1u << 0,
    SS_CVE_2014_7169 = 1u << 1,
    SS_CVE_2014_7186 = 1u << 2,
    SS_CVE_2014_7187 = 1u << 3,
    SS_CVE_2014_6277 = 1u << 4,
    SS_CVE_2014_6278 = 1u << 5
};
#define SS_CVE_COUNT 6
/* Name of bit number i (0 .. SS_CVE_COUNT-1): "CVE-2014-6271", ... */
const char *ss_cve_name(unsigned bit_index);

/* ---- problems found while parsing, a bit mask; each becomes expert info ---- */
enum {
    SS_PROB_TOO_DEEP = 1u << 0,           /* unwrapping deeper than SS_MAX_UNWRAP_DEPTH */
    SS_PROB_COMMANDS_TRUNCATED = 1u << 1, /* more than SS_MAX_COMMANDS commands */
    SS_PROB_IOCS_TRUNCATED = 1u << 2,     /* more than SS_MAX_IOCS urls or hosts, or one too long */
    SS_PROB_UNTERMINATED_QUOTE = 1u << 3, /* a quote, $( or ` ran to the end of the payload */
    SS_PROB_UNCLOSED_BODY = 1u << 4,      /* opener without its matching } */
    SS_PROB_TOO_MANY_PAYLOADS = 1u << 5,  /* more than SS_MAX_PAYLOADS in one request/line */
    SS_PROB_BAD_PERCENT = 1u << 6,        /* a % not followed by two hex digits (kept as is) */
    SS_PROB_BODY_TRUNCATED = 1u << 7,     /* Content-Length / chunk sizes beyond the data */
    SS_PROB_TOO_MANY_VALUES = 1u << 8,    /* header/parameter caps of ss_limits.h reached */
    SS_PROB_NUL_IN_VALUE = 1u << 9,       /* a NUL byte in a scanned value */
    SS_PROB_LINE_TOO_LONG = 1u << 10,     /* Telnet line over SS_MAX_TELNET_LINE */
    SS_PROB_WORDS_TRUNCATED = 1u << 11,   /* a command with over SS_MAX_WORDS_PER_COMMAND words */
    SS_PROB_FOLDED_HEADER = 1u << 12      /* obsolete header line folding was joined */
};
#define SS_PROB_COUNT 13
/* A sentence describing bit number i (0 .. SS_PROB_COUNT-1). */
const char *ss_problem_text(unsigned bit_index);

/* ---- one graded payload (one `shellshock` item in the tree) ---- */
typedef struct {
    ss_vector_t vector;
    const char *header;  /* header name as written (http.header only), else NULL */
    const char *payload; /* decoded value, from the opener to the end of its enclosure */
    size_t payload_len;
    /* Where the (undecoded) value lies in the scanned buffer, for highlighting. */
    size_t raw_offset, raw_len;
    unsigned cves;       /* SS_CVE_* bits */
    ss_grade_t grade;
    const char *commands[SS_MAX_COMMANDS]; /* command names in order (GRADING.md §3) */
    size_t n_commands;
    const char *urls[SS_MAX_IOCS]; /* distinct, in order of appearance */
    size_t n_urls;
    const char *hosts[SS_MAX_IOCS]; /* distinct, in order of appearance */
    size_t n_hosts;
    unsigned problems; /* SS_PROB_* bits */
    const char *exploit; /* rce: the known exploit the request matches (rce.h), else NULL */
} ss_payload_t;

/* ---- the result of scanning one request or line ---- */
typedef struct {
    ss_payload_t payloads[SS_MAX_PAYLOADS];
    size_t n_payloads;
    ss_grade_t max_grade; /* highest grade over payloads (and the line, for Telnet) */
    unsigned problems;    /* request-level SS_PROB_* bits (payload ones are per payload) */
    ss_arena_t arena;     /* owns every string above */
} ss_result_t;

void ss_result_init(ss_result_t *res);
/* Forgets payloads, keeps the arena's first block for reuse. */
void ss_result_reset(ss_result_t *res);
void ss_result_free(ss_result_t *res);

/* ---- grading rules: the default table of GRADING.md §4 plus user rows ---- */
typedef struct ss_rules ss_rules_t;

/* A table holding the defaults; NULL only if out of memory. */
ss_rules_t *ss_rules_new(void);
void ss_rules_free(ss_rules_t *rules);
/* A user row: command name (case-sensitive) -> grade.  Wins over the
 * default for that name, including the name-specific rules (interpreter
 * arguments, sh with or without a script, echo callbacks).  Rules that are
 * not about a name (reading from /dev/tcp, piping into sh) still apply.
 * The name's other columns (kind, options, IOC role) stay built-in.
 * Returns false for an empty name or an invalid grade.  Same as
 * ss_rules_add_command() with only a name and a grade. */
bool ss_rules_set_user(ss_rules_t *rules, const char *name, ss_grade_t grade);
void ss_rules_clear_user(ss_rules_t *rules);
/* The grade a lone command NAME with no arguments gets (user row, else default). */
ss_grade_t ss_rules_lookup(const ss_rules_t *rules, const char *name);

/* ---- the command table (ss_command_table.c): what is known about a name ---- */

/* What kind of program a command is; each kind has rules of its own. */
typedef enum {
    SS_KIND_PLAIN = 0,   /* graded by its row alone */
    SS_KIND_ECHO,        /* prints: output into /dev/tcp is a callback (yellow), not an upload */
    SS_KIND_SHELL,       /* -c STRING is read as commands; -i or a script file is red;
                          * anything piped into it is red */
    SS_KIND_INTERPRETER, /* inline code (-c -e -E -r, --eval, --print) or a script file is red */
    SS_KIND_EVAL,        /* its arguments, joined, are read as commands */
    SS_KIND_PREFIX,      /* runs the command that follows its options (nohup, sudo, nice) */
    SS_KIND_COUNT
} ss_kind_t;

/* How a command's arguments name indicators (GRADING.md §6). */
typedef enum {
    SS_IOC_NONE = 0, /* they name none (scheme:// URLs are found in any text anyway) */
    SS_IOC_URL,      /* wget/curl: operands shaped host[:port][/path] become http:// URLs */
    SS_IOC_HOST,     /* ping/telnet: the first operand is a host */
    SS_IOC_DNS,      /* dig: the first operand not @server or +option, or -x/-q NAME, is a host */
    SS_IOC_CONNECT,  /* nc: the first operand is a host, unless -l / --listen */
    SS_IOC_TFTP,     /* tftp -g -r FILE HOST, tftp HOST -c get FILE: tftp://HOST/FILE */
    SS_IOC_FTPGET,   /* ftpget [-P PORT] HOST LOCAL [REMOTE]: ftp://HOST[:PORT]/REMOTE */
    SS_IOC_SOCAT,    /* socat: the HOST of TCP:HOST:PORT and its kin */
    SS_IOC_COUNT
} ss_ioc_role_t;

/* "plain", "echo", "shell", "interpreter", "eval", "prefix"; "none",
 * "url", "host", "dns", "connect", "tftp", "ftpget", "socat". */
const char *ss_kind_name(ss_kind_t kind);
const char *ss_ioc_role_name(ss_ioc_role_t role);
/* Case-insensitive; false when text names no kind / role. */
bool ss_kind_parse(const char *text, ss_kind_t *kind);
bool ss_ioc_role_parse(const char *text, ss_ioc_role_t *role);

/* One user row of the command table (every column but the name optional).
 * A column left out (NULL, "" or SS_GRADE_NONE) keeps what the built-in
 * table says of the name, or for a new name: yellow, plain, no option
 * taking a value, no IOC role.  A grade given without a kind wins over the
 * name's kind rules (as a row of the grade table always did); given with a
 * kind, it is the base grade that the kind's rules may raise (sh -i,
 * python -c, echo into /dev/tcp).  The row's aliases get the same row. */
typedef struct {
    const char *name;          /* case-sensitive, no blanks */
    const char *aliases;       /* other names, separated by blanks or commas */
    ss_grade_t grade;
    const char *kind;          /* ss_kind_name() of a kind */
    const char *value_options; /* the options that take a value, e.g. "-o -A --header";
                                * replaces the built-in list */
    const char *ioc;           /* ss_ioc_role_name() of a role */
} ss_command_row_t;

/* Checks a row; on error returns false and, if error is not NULL, points
 * it to a static sentence saying what is wrong. */
bool ss_command_row_check(const ss_command_row_t *row, const char **error);
/* Adds a user row (a later row for a name replaces an earlier one).
 * False, with *error set as above, for an invalid row or out of memory. */
bool ss_rules_add_command(ss_rules_t *rules, const ss_command_row_t *row, const char **error);

/* ---- scanning entry points ---- */

/* Cheap prefilter: false when buf certainly holds no opener (plain or
 * percent-encoded).  No allocation, one pass. */
bool ss_http_may_contain(const uint8_t *buf, size_t len);

/* Scans one complete HTTP request (request line, headers, optional body)
 * for every vector of GRADING.md §1.  Resets res first.  Returns the number
 * of payloads found (also res->n_payloads).  Never reads outside buf. */
size_t ss_scan_http_request(const ss_rules_t *rules, const uint8_t *buf, size_t len,
                            ss_result_t *res);

/* Looks for an opener at the start of one already-decoded value (GRADING.md
 * §2: optional blanks, one optional quote, "( ) {").  When found, appends a
 * graded payload to res (header may be NULL) and returns it, else NULL.
 * The whole value is the enclosure: the payload runs to its end.
 * raw_offset/raw_len are stored as given. */
ss_payload_t *ss_scan_value(const ss_rules_t *rules, const char *value, size_t len,
                            ss_vector_t vector, const char *header, size_t raw_offset,
                            size_t raw_len, ss_result_t *res);

/* Returns the offset just past the opener if value starts with one, else 0
 * (an opener is never empty, so 0 means "none"). */
size_t ss_opener_length(const char *value, size_t len);

/* Grades one shell command line (a Telnet command, GRADING.md §5).  Resets
 * res, then records the line as exactly one payload, res->payloads[0], with
 * vector telnet.command and payload = the line: its commands, grade, urls
 * and hosts come from the line's own commands plus those of every Shellshock
 * payload inside it (an opener at the line's start, or at the start of an
 * assignment value in command position or after env/export), whose CVEs set
 * cves.  Returns that payload; NULL only for a blank line (nothing but
 * blanks and NULs), which gets no payload. */
ss_payload_t *ss_scan_command_line(const ss_rules_t *rules, const char *line, size_t len,
                                   ss_result_t *res);

/* ---- lower level, used by the scanners and by unit tests ---- */

/* Analyses a payload that starts with an opener (ss_opener_length() > 0):
 * finds the CVE forms and the command text, then grades it into p.
 * p->payload/payload_len must already be set. */
void ss_analyze_payload(const ss_rules_t *rules, ss_payload_t *p, ss_arena_t *arena);

/* Extracts, grades and mines IOCs from shell command text (GRADING.md §3,
 * §4, §6) into p: commands, n_commands, grade, urls, hosts, problems.
 * An empty command list is green. */
void ss_analyze_commands(const ss_rules_t *rules, const char *text, size_t len,
                         ss_payload_t *p, ss_arena_t *arena);

#ifdef __cplusplus
}
#endif

#endif /* SS_H */
