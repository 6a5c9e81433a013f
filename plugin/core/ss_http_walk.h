/*
 * ss_http_walk.h - the places of an HTTP request where a value lies
 * (internal).
 *
 * +--------------------------------------------------------------------+
 * | GRADING.md §1 for HTTP, for every scanner: a request is split into |
 * | every header value, cookie values, path segments, the query and    |
 * | its parameters, the body, form parameters and JSON string values,  |
 * | each with the decoding it needs (URI parts and form bodies are     |
 * | percent-decoded, the rest is read raw).  The Shellshock scanner    |
 * | (ss_http.c) and the command-injection scanner (rce_http.c) visit   |
 * | the same values, so both see a request the same way.  One forward  |
 * | pass; the buffer is not NUL-terminated and never read past its end.|
 * +--------------------------------------------------------------------+
 */
#ifndef SS_HTTP_WALK_H
#define SS_HTTP_WALK_H

#include "ss.h"
#include "ss_decode.h"

typedef enum {
    SS_HV_HEADER, /* a header's whole value */
    SS_HV_COOKIE, /* a cookie's value (after "name="), running to the header's end */
    SS_HV_PATH,   /* one '/'-separated segment of the path */
    SS_HV_WHOLE,  /* the whole query, or the whole body */
    SS_HV_PARAM,  /* one '&'-separated parameter of the query or a form body */
    SS_HV_JSON    /* a JSON string value (not a key), escapes and all */
} ss_hv_place_t;

typedef struct {
    ss_vector_t vector;
    ss_hv_place_t place;
    const char *name; /* header, cookie or parameter name (not NUL-terminated); NULL: none */
    size_t name_len;
    const char *raw; /* the value as sent (undecoded) */
    size_t raw_n;
    ss_dec_mode_t mode;      /* how to decode raw */
    size_t raw_off, raw_len; /* its place in the request (joined or de-chunked text: all of it) */
    unsigned header;         /* header values and cookies: the header's number */
    const char *header_name; /* ... and its name (not NUL-terminated) */
    size_t header_name_len;
    bool folded;             /* a header joined from folded lines */
} ss_http_value_t;

typedef struct {
    /* A cheap test of a chunked body before it is de-chunked into a copy:
     * false when it certainly holds nothing for this scanner. */
    bool (*may_contain)(const uint8_t *buf, size_t len);
    void (*value)(void *ctx, const ss_http_value_t *v);
} ss_http_visitor_t;

/* The value decoded as its mode says: v->raw itself when plain, else a
 * copy in arena (NULL if out of memory); bad %-escapes set bits in
 * *problems. */
const char *ss_http_value_decode(const ss_http_value_t *v, ss_arena_t *arena, size_t *len,
                                 unsigned *problems);

/* Walks one request, calling vis->value for each value in request order
 * (the whole query before its parameters, the whole body before its form
 * parameters or JSON strings).  Joined and de-chunked text goes into arena.
 * Problems of the request (SS_PROB_*) are or-ed into *problems.  Nothing
 * is visited in a response. */
void ss_http_walk(const uint8_t *buf, size_t len, ss_arena_t *arena, unsigned *problems,
                  const ss_http_visitor_t *vis, void *ctx);

#endif /* SS_HTTP_WALK_H */
