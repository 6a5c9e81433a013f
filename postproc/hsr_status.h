/*
 * hsr_status.h - status codes of honeyshark-report's library.
 *
 * Every function that can fail returns one of these; hsr_strerror() turns it
 * into a sentence.  No library function prints or exits.
 */
#ifndef HSR_STATUS_H
#define HSR_STATUS_H

#include <stddef.h>

typedef enum {
    HSR_OK = 0,
    HSR_ERR_NOMEM,         /* out of memory */
    HSR_ERR_IO,            /* read or write error (errno holds the cause) */
    HSR_ERR_LINE_TOO_LONG, /* a line longer than HSR_MAX_LINE */
    HSR_ERR_JSON,          /* not valid JSON */
    HSR_ERR_TRAILING,      /* JSON followed by other text on the same line */
    HSR_ERR_NOT_OBJECT,    /* valid JSON, but not an object */
    HSR_ERR_NO_LAYERS,     /* an object with neither "layers" nor "index" */
    HSR_ERR_BAD_LAYERS,    /* "layers" is not an object */
    HSR_ERR_BAD_BUCKET,    /* --bucket not N[smhd] or out of range */
    HSR_ERR_BAD_ZONE,      /* --tz names no zone of the tz database */
    HSR_ERR_BAD_PORT,      /* --port not P, tcp/P, udp/P, icmp */
    HSR_ERR_BAD_ADDR,      /* a sensor address that is not IPv4/IPv6 */
    HSR_ERR_TOO_MANY,      /* a named limit was hit */
    HSR_ERR_BAD_STATE,     /* a state file that is not one, or damaged */
    HSR_ERR_STATE_MISMATCH, /* states made with different --bucket/--tz/--sensor-by */
    HSR_ERR_NOT_EK,         /* the first records of an input are all unreadable */
    HSR_ERR_USAGE,          /* a command line that makes no sense */
    HSR_ERR_NUMBER_TOO_BIG, /* an ek record holding a number beyond 64 bits */
    HSR_AGAIN               /* no complete line yet (a followed input, ek_lines.h) */
} hsr_status_t;

const char *hsr_strerror(hsr_status_t status);

/* honeyshark-report's exit statuses: report written; internal error or no
 * memory; bad usage, input, state or output (nothing written); written, but
 * an input was truncated. */
enum { HSR_EXIT_OK = 0, HSR_EXIT_INTERNAL = 1, HSR_EXIT_USAGE = 2, HSR_EXIT_TRUNCATED = 3 };

/* Writes a printf-style sentence into err[0..n) and returns s: the error
 * path of the option parsers. */
hsr_status_t hsr_fail(char *err, size_t n, hsr_status_t s, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif /* HSR_STATUS_H */
