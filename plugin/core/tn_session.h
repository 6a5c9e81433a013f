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
 * Line editing follows a terminal: BS / DEL and IAC EC erase a character,
 * ^U and IAC EL kill the line, ^W erases a word, ^C and IAC IP discard the
 * line; ESC sequences (arrow keys...) and every other C0 control character
 * are dropped, never line text.
 *
 * Not-text rule: a client stream that is not text (RTMP, random bytes sent
 * to TCP/23) yields no logins or commands.  It is judged once, when its
 * first non-blank line ends, on every client data byte so far (IAC commands
 * and sub-negotiations excluded): it is binary when at least
 * TN_NOT_TEXT_MIN of them, and at least one in TN_NOT_TEXT_SHARE, are
 * "not text" - a NUL that does not follow CR, a C0 control character no
 * terminal key sends for editing (anything but TAB, BS, LF, CR, ESC, ^C,
 * ^D, ^U, ^W), or a byte that is not part of valid UTF-8.  Then that line
 * and all later ones are dropped, environment values too, and
 * TN_PROB_NOT_TEXT is raised once.
 *
 * Memory per session is sized to content: the line and sub-negotiation
 * buffers grow on demand up to SS_MAX_TELNET_LINE bytes, long ones are
 * released when their line ends, and all are freed by tn_session_free().
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
    TN_PROB_SB_UNTERMINATED = 1u << 2, /* IAC SB without IAC SE before the next IAC SB */
    TN_PROB_NOT_TEXT = 1u << 3         /* the client stream is binary (not-text rule above) */
};
#define TN_PROB_COUNT 4

/* The not-text rule: at least this many not-text bytes ... */
#define TN_NOT_TEXT_MIN 4
/* ... and at least one byte in this many. */
#define TN_NOT_TEXT_SHARE 4
const char *tn_problem_text(unsigned bit_index);

typedef struct {
    tn_event_kind_t kind;
    const char *text; /* not NUL-terminated; valid only during the callback */
    size_t len;
    uint8_t option;     /* TN_EV_ENVIRON: the option (24, 36, 39) */
    const char *name;   /* TN_EV_ENVIRON: the variable name (may be empty), NUL-terminated;
                         * OLD-ENVIRON: set on values only (see parse_environ) */
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
    uint8_t esc;          /* where an ESC sequence being dropped stands */
    uint8_t utf8_need;    /* continuation bytes the current UTF-8 sequence still needs */
    bool judged, binary;  /* the not-text rule: decided, and its answer */
    size_t seen, not_text; /* client data bytes, and not-text ones, until judged */
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

/*
 * The telnetd "-f" login bypass (login.bypass): true when a NEW-ENVIRON or
 * OLD-ENVIRON value of USER would reach login(1) as an option.  telnetd
 * starts login with the client's USER as the user name argument ("login -p
 * -h HOST USER"): a value starting with '-' becomes an option, and "-f"
 * (already authenticated) skips the password - Solaris "-fbin"
 * (CVE-2007-0882), GNU inetutils "-f root" (CVE-2026-24061).
 *
 * Rules: the option is NEW-ENVIRON or OLD-ENVIRON (not TERMINAL-TYPE); the
 * name is exactly "USER" (telnetd's getenv() is case-sensitive, and no
 * telnetd passes LOGNAME or any other variable to login as an argument);
 * the value is read as the C string telnetd stores (up to its first NUL)
 * and split into words at ASCII white space, as GNU inetutils expands %U
 * into login's command line (Solaris and BSD pass it as one argument, whose
 * first word is the same).  Before a word "--" (end of options), the
 * first word is an option ('-' followed by anything; "-" alone is an
 * operand), or a later word is login's -f.  So "-fadm", "-f root",
 * " -froot" and "root -f" (GNU getopt permutes) are bypasses; "fadm", "",
 * "-", "\0-f", "-- -f" and a Shellshock payload's "wget -O- x" are not.
 */
bool tn_login_bypass(uint8_t option, const char *name, const char *value, size_t len);

#endif /* TN_SESSION_H */
