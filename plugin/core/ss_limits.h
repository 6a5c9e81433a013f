/*
 * ss_limits.h - every cap honeyshark puts on attacker-controlled input.
 *
 * Payloads, headers and Telnet lines come from attackers.  Each limit below
 * bounds work or memory; hitting one is reported (SS_PROB_* flag, shown as
 * Wireshark expert info), never silent.
 */
#ifndef SS_LIMITS_H
#define SS_LIMITS_H

/* Payloads kept per HTTP request or Telnet line; more raise SS_PROB_TOO_MANY_PAYLOADS. */
#define SS_MAX_PAYLOADS 16

/* Command names kept per payload (GRADING.md §3); grading still reads them all. */
#define SS_MAX_COMMANDS 64

/* Nested levels of bash -c / sh -c / eval / $(...) / `...` unwrapped (GRADING.md §3). */
#define SS_MAX_UNWRAP_DEPTH 8

/* URLs and hosts kept per payload, each. */
#define SS_MAX_IOCS 32

/* Longest single IOC value kept (URLs longer than this are cut and flagged). */
#define SS_MAX_IOC_LEN 2048

/* Longest command name kept (longer names are cut). */
#define SS_MAX_COMMAND_NAME_LEN 256

/* Header lines looked at per HTTP request. */
#define SS_MAX_HTTP_HEADERS 256

/* Parameters / path segments / JSON strings looked at per URI or body. */
#define SS_MAX_HTTP_VALUES 4096

/* Bytes of an HTTP request (headers + body) that are scanned. */
#define SS_MAX_HTTP_REQUEST (16u * 1024u * 1024u)

/* Bytes of one Telnet line kept; the rest of an endless line is dropped and flagged. */
#define SS_MAX_TELNET_LINE 8192

/* Words looked at in one simple command (arguments beyond are ignored, flagged). */
#define SS_MAX_WORDS_PER_COMMAND 1024

/* Results kept for later passes (graded payloads; Telnet user names and
 * passwords) per frame and per TCP conversation.  What the plugin keeps is
 * then bounded by the capture's frames, not by how many one-letter lines or
 * payload headers an attacker packs into them.  Items beyond a cap are still
 * graded and counted, and the frame gets expert info naming how many were
 * not kept and their highest grade.  The caps apply to each grade apart
 * (user names and passwords being one more), so harmless lines never push a
 * red one out. */
#define SS_MAX_KEPT_PER_FRAME 64
#define SS_MAX_KEPT_PER_CONVERSATION 4096

#endif /* SS_LIMITS_H */
