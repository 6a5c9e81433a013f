/*
 * tn_session.h - one Telnet conversation, turned into login and command lines.
 *
 * Pure C (no Wireshark header).  The glue feeds each TCP segment's bytes in
 * frame order, client and server alike; the session removes IAC sequences,
 * applies backspace/DEL editing, joins lines split over segments, splits
 * segments holding several lines, reads the server's prompts, and reports
 * every completed client line as a user name, a password or a command
 * (GRADING.md §5), and every environment sub-negotiation value (§1).
 *
 * Memory per session is bounded: the line and sub-negotiation buffers grow
 * on demand up to SS_MAX_TELNET_LINE bytes and are freed by tn_session_free().
 */
#ifndef TN_SESSION_H
#define TN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    TN_EV_USER,     /* a login name (login.user) */
    TN_EV_PASSWORD, /* a password (login.password) */
    TN_EV_COMMAND,  /* a non-blank line once the login phase is over */
    TN_EV_ENVIRON   /* a value of a NEW-ENVIRON, OLD-ENVIRON or TERMINAL-TYPE sub-negotiation */
} tn_event_kind_t;

/* Telnet options whose sub-negotiation values are scanned. */
enum { TN_OPT_TERMINAL_TYPE = 24, TN_OPT_OLD_ENVIRON = 36, TN_OPT_NEW_ENVIRON = 39 };

/* Problems, a bit mask; each becomes expert info. */
enum {
    TN_PROB_LINE_TOO_LONG = 1u << 0, /* a line over SS_MAX_TELNET_LINE: the rest was dropped */
    TN_PROB_SB_TOO_LONG = 1u << 1,   /* a sub-negotiation over the cap: the rest was dropped */
    TN_PROB_SB_UNTERMINATED = 1u << 2 /* IAC SB without IAC SE before the next IAC SB */
};
#define TN_PROB_COUNT 3
const char *tn_problem_text(unsigned bit_index);

typedef struct {
    tn_event_kind_t kind;
    const char *text; /* not NUL-terminated; valid only during the callback */
    size_t len;
    uint8_t option;     /* TN_EV_ENVIRON: the option (24, 36, 39) */
    const char *name;   /* TN_EV_ENVIRON: the variable name (may be empty), NUL-terminated */
    unsigned problems;  /* TN_PROB_* bits that concern this line */
} tn_event_t;

typedef void (*tn_event_fn)(const tn_event_t *ev, void *user);

typedef struct {
    uint8_t *data;
    size_t len, cap;
    bool overflow;
} tn_buf_t;

/* Where the IAC parser of one direction stands between segments. */
typedef enum { TN_IAC_DATA, TN_IAC_IAC, TN_IAC_OPT, TN_IAC_SB_OPT, TN_IAC_SB, TN_IAC_SB_IAC } tn_iac_t;

typedef enum { TN_PROMPT_NONE, TN_PROMPT_LOGIN, TN_PROMPT_PASSWORD, TN_PROMPT_SHELL } tn_prompt_t;

typedef struct {
    tn_iac_t cli_iac, srv_iac;
    bool cli_cr;          /* the last client data byte was CR (CR LF / CR NUL end one line) */
    tn_buf_t line;        /* the client line being typed */
    tn_prompt_t line_prompt; /* the server prompt in force when that line began */
    bool line_started;
    uint8_t sb_option;    /* client sub-negotiation being read */
    tn_buf_t sb;
    char srv_tail[64];    /* the end of what the server printed since the last client line */
    size_t srv_tail_len;
    bool server_spoke;
    bool in_shell;        /* the login phase is over */
    unsigned login_lines; /* user/password lines so far (silent-server rule) */
    unsigned problems;    /* TN_PROB_* bits not yet tied to an event */
} tn_session_t;

void tn_session_init(tn_session_t *s);
void tn_session_free(tn_session_t *s);

/* Client-to-server bytes: calls fn for each completed line or environment value. */
void tn_feed_client(tn_session_t *s, const uint8_t *data, size_t len, tn_event_fn fn, void *user);
/* Server-to-client bytes: updates the prompt state. */
void tn_feed_server(tn_session_t *s, const uint8_t *data, size_t len);
/* TN_PROB_* bits seen since the last call (not tied to an event), then cleared. */
unsigned tn_take_problems(tn_session_t *s);

/* The prompt the end of server text shows ("login:", "Password:", "$ "...). */
tn_prompt_t tn_classify_prompt(const char *text, size_t len);

#endif /* TN_SESSION_H */
