/*
 * asdb.h - what the AS-database builder's modules share: the limits on
 * hostile input, the prefix type, status codes, the buffered input reader,
 * the prefix -> origin tally (asdb_table.c) and the pyasn IPASN reader
 * (ipasn.c).  The MRT reader has its own header, mrt.h.  libc only.
 *
 * Functions return an asdb_status_t; asdb_strerror() turns one into a
 * phrase.  Nothing here prints except through the FILE * a caller passes.
 */
#ifndef ASDB_H
#define ASDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- limits on hostile input (every cap in one place) ------------------- */

/* Largest MRT record body accepted.  A RouteViews PEER_INDEX_TABLE is a few
 * KiB and the largest RIB record (one prefix, a few hundred peers) well
 * under 1 MiB; a length above this is a garbage header, not a record. */
#define ASDB_MAX_RECORD (16u * 1024 * 1024)
/* The record buffer starts at this size and doubles only as bytes arrive,
 * so a header claiming 16 MiB in a 20-byte file costs no 16 MiB. */
#define ASDB_READ_CHUNK (64u * 1024)
/* Longest IPASN text line (a prefix, a tab and a number fit in 60). */
#define ASDB_MAX_LINE 1024
/* Warnings printed per input before they are only counted. */
#define ASDB_MAX_WARNINGS 20
/* Longest error message kept (file: offset N: what is wrong). */
#define ASDB_ERR_LEN 512

/* ---- status --------------------------------------------------------------- */

typedef enum asdb_status {
    ASDB_OK = 0,
    ASDB_TRUNCATED, /* the input ends inside its last record: what came before is kept */
    ASDB_BAD_INPUT, /* garbage (an impossible header, a bad text line): stop */
    ASDB_NOMEM,
    ASDB_IO,        /* a read error */
    ASDB_STOPPED,   /* the route callback asked to stop */
} asdb_status_t;

const char *asdb_strerror(asdb_status_t status);

/* ---- prefixes ------------------------------------------------------------- */

typedef struct asdb_prefix {
    uint8_t family; /* 4 or 6 */
    uint8_t len;    /* 0..32 or 0..128 */
    uint8_t addr[16]; /* network byte order; bits past len are zero */
} asdb_prefix_t;

/* Sets p from len bits at addr (ceil(len/8) bytes), clearing the bits past len. */
void asdb_prefix_set(asdb_prefix_t *p, int family, unsigned len, const uint8_t *addr, size_t n);
/* "192.0.2.0/24", "2001:db8::/32" into buf (at least 64 bytes). */
const char *asdb_prefix_format(const asdb_prefix_t *p, char *buf, size_t cap);
/* The output order: IPv4 before IPv6, then wider before narrower, then by address. */
int asdb_prefix_cmp(const asdb_prefix_t *a, const asdb_prefix_t *b);

/* Called once per route (a RIB entry, an IPASN line) with its origin AS. */
typedef int (*asdb_route_fn)(void *ctx, const asdb_prefix_t *prefix, uint32_t origin);

/* ---- input ---------------------------------------------------------------- */

/* A FILE with a few bytes of look-ahead (to tell MRT from text) and the
 * offset of the next byte, for messages. */
typedef struct asdb_reader {
    FILE *f;
    uint8_t peek[16];
    size_t peek_len, peek_pos;
    uint64_t offset;
    bool error; /* a read error (not end of file) happened */
} asdb_reader_t;

void asdb_reader_init(asdb_reader_t *r, FILE *f);
/* Up to n bytes into buf; fewer only at end of input or on error (r->error). */
size_t asdb_read(asdb_reader_t *r, void *buf, size_t n);
/* Fills r->peek with up to sizeof r->peek bytes without consuming them;
 * returns how many there are. */
size_t asdb_peek(asdb_reader_t *r);

/* ---- the prefix -> origin tally ------------------------------------------ */

typedef struct asdb_table asdb_table_t;

typedef struct asdb_row {
    asdb_prefix_t prefix;
    uint32_t origin;   /* the origin seen by most routes; ties: the lowest AS */
    uint32_t votes;    /* routes naming it */
    uint32_t routes;   /* routes of this prefix */
    uint32_t n_origins; /* distinct origins; more than 1 is a MOAS prefix */
} asdb_row_t;

typedef struct asdb_table_stats {
    size_t prefixes, ipv4, ipv6, moas;
    uint64_t routes;
} asdb_table_stats_t;

asdb_table_t *asdb_table_new(void);
void asdb_table_free(asdb_table_t *t);
/* One route of prefix from origin (origin 0 is ignored). */
asdb_status_t asdb_table_add(asdb_table_t *t, const asdb_prefix_t *prefix, uint32_t origin);
/* An asdb_route_fn that adds to the table passed as ctx (returns 1 when out of memory). */
int asdb_table_route(void *ctx, const asdb_prefix_t *prefix, uint32_t origin);
/* The winner of every prefix, in asdb_prefix_cmp order, into a new array
 * (*rows, free() it) of *n rows; stats may be NULL. */
asdb_status_t asdb_table_rows(const asdb_table_t *t, asdb_row_t **rows, size_t *n,
                              asdb_table_stats_t *stats);

/* ---- pyasn IPASN text ----------------------------------------------------- */

/*
 * Lines "1.0.0.0/24<TAB>13335" (any blanks between the two), lines starting
 * with ';' are comments, empty lines are skipped.  Each line is one route.
 * The first bad line stops with ASDB_BAD_INPUT and "name:line: what" in err.
 * A comment "; dump-timestamp: N" (as honeyshark-asdb-prefixes writes)
 * sets *timestamp when timestamp is not NULL.
 */
asdb_status_t asdb_ipasn_read(asdb_reader_t *r, const char *name, asdb_route_fn fn, void *ctx,
                              uint64_t *lines, uint32_t *timestamp, char *err, size_t err_cap);

#endif /* ASDB_H */
