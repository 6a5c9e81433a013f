/*
 * ss_ioc.h - indicators (URLs, hosts) from command text (internal).
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §6.  Candidates are gathered while the shell reader     |
 * | walks the text: scheme:// URLs and /dev/tcp|udp hosts anywhere in  |
 * | every text read, plus what the arguments of commands with an IOC   |
 * | role in the command table say (wget/curl without a scheme, tftp,   |
 * | ftpget, ping & co, nc, socat).                                     |
 * | Each carries its place in the top-level text; ss_ioc_finish()      |
 * | puts them in textual order, keeps each value once and applies      |
 * | SS_MAX_IOCS / SS_MAX_IOC_LEN.                                      |
 * +--------------------------------------------------------------------+
 */
#ifndef SS_IOC_H
#define SS_IOC_H

#include "ss.h"
#include "ss_shell.h"

typedef struct {
    size_t k0, k1, seq; /* textual order */
    bool is_host;
    bool cut; /* longer than SS_MAX_IOC_LEN: s holds the start */
    const char *s;
    size_t len;
} ss_ioc_cand_t;

typedef struct {
    ss_arena_t scratch; /* the candidates' text, freed by ss_ioc_free */
    ss_ioc_cand_t *c;
    size_t n, cap, seq;
    bool dropped; /* distinct values past SS_MAX_IOCS were dropped early */
    bool oom;
} ss_ioc_t;

void ss_ioc_init(ss_ioc_t *ioc);
void ss_ioc_free(ss_ioc_t *ioc);
/* scheme:// URLs (and their hosts) and /dev/tcp|udp hosts in text. */
void ss_ioc_scan_text(ss_ioc_t *ioc, const char *text, size_t len, const ss_shell_src_t *src);
/* What one command's arguments name, by its row's IOC role and value options
 * (wget/curl hosts, tftp, ftpget, ping, nc, socat...). */
void ss_ioc_command(ss_ioc_t *ioc, const ss_cmd_t *cmd);
/* Sorted, distinct, capped into p->urls / p->hosts (copies in arena);
 * sets SS_PROB_IOCS_TRUNCATED in p->problems when something was cut. */
void ss_ioc_finish(ss_ioc_t *ioc, ss_payload_t *p, ss_arena_t *arena);

#endif /* SS_IOC_H */
