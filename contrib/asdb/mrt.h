/*
 * mrt.h - reads the routes of MRT routing-table dumps (RFC 6396) as
 * RouteViews and RIPE RIS publish them, and the origin AS of each route.
 * libc only.
 *
 * Read:
 *   TABLE_DUMP_V2 (13): PEER_INDEX_TABLE (1), RIB_IPV4_UNICAST (2),
 *       RIB_IPV6_UNICAST (4), and their ADDPATH forms (8, 10; RFC 8050).
 *       AS_PATH holds 4-byte AS numbers.
 *   TABLE_DUMP (12), AFI 1 (IPv4) and 2 (IPv6): one route per record,
 *       AS_PATH with 2-byte AS numbers, AS4_PATH (17) merged as RFC 6793 says.
 * Every other type or subtype of a known MRT type (BGP4MP updates, the
 * multicast RIBs, RIB_GENERIC, ...) is skipped and counted.
 *
 * The origin of a route is the last AS of its AS_PATH when the last
 * segment is an AS_SEQUENCE; when it is an AS_SET, the smallest AS of the
 * set (a deterministic choice: any member may be the originator).
 * Confederation segments are ignored, empty segments skipped.  A route
 * without AS_PATH, with an empty one, or whose origin would be AS 0 has no
 * origin: it is counted, not passed on.
 *
 * Hostile input is normal input.  Every length is checked against what
 * remains of the record.  A record whose header is impossible (an unknown
 * MRT type, a length above ASDB_MAX_RECORD) is garbage: reading stops with
 * ASDB_BAD_INPUT.  A record whose body is malformed is skipped with a
 * warning and counted.  An input that ends inside its last record stops
 * with ASDB_TRUNCATED, the routes before it kept.  Messages read
 * "name: offset N: what is wrong", N the offset of the offending byte.
 */
#ifndef MRT_H
#define MRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "asdb.h"

/* MRT types and subtypes read (RFC 6396, RFC 8050). */
enum {
    MRT_TABLE_DUMP = 12,
    MRT_TABLE_DUMP_V2 = 13,
    MRT_PEER_INDEX_TABLE = 1,
    MRT_RIB_IPV4_UNICAST = 2,
    MRT_RIB_IPV6_UNICAST = 4,
    MRT_RIB_IPV4_UNICAST_ADDPATH = 8,
    MRT_RIB_IPV6_UNICAST_ADDPATH = 10,
    MRT_HEADER_LEN = 12,
};

typedef struct mrt_stats {
    uint64_t records;         /* MRT records read whole */
    uint64_t rib_records;     /* of them, RIB records (one prefix each) */
    uint64_t entries;         /* routes with an origin, passed to the callback */
    uint64_t no_origin;       /* routes without an origin */
    uint64_t as_set_origins;  /* origins taken from a trailing AS_SET */
    uint64_t as4_origins;     /* origins taken from AS4_PATH (TABLE_DUMP) */
    uint64_t skipped_records; /* records of types or subtypes not read */
    uint64_t bad_records;     /* malformed records skipped */
    uint64_t bad_entries;     /* malformed RIB entries skipped in good records */
    uint32_t first_timestamp; /* the header time of the first record: the dump's time */
    uint32_t peers;           /* peers of the last PEER_INDEX_TABLE */
    bool have_timestamp;
} mrt_stats_t;

typedef struct mrt_parser {
    const char *name;     /* the input's name, for messages */
    asdb_route_fn fn;     /* called per route with an origin */
    void *ctx;
    FILE *warn;           /* where warnings go (NULL: counted only) */
    unsigned warnings;    /* printed so far (at most ASDB_MAX_WARNINGS) */
    mrt_stats_t stats;
    bool have_peer_table;
    char error[ASDB_ERR_LEN]; /* why reading stopped (not ASDB_OK) */
} mrt_parser_t;

void mrt_init(mrt_parser_t *p, const char *name, asdb_route_fn fn, void *ctx, FILE *warn);

/* Reads every record of data[0..len); offsets in messages count from 0. */
asdb_status_t mrt_read_buffer(mrt_parser_t *p, const uint8_t *data, size_t len);

/* The same from a stream, one record in memory at a time. */
asdb_status_t mrt_read(mrt_parser_t *p, asdb_reader_t *r);

/* Whether the first bytes b[0..n) look like an MRT header (a known type
 * and subtype, a length within bounds). */
bool mrt_looks_like(const uint8_t *b, size_t n);

/*
 * The origin of an AS_PATH (type 2) or AS4_PATH (type 17) value of n bytes
 * with as_size-byte AS numbers (2 or 4).  Returns NULL and sets *origin
 * (0 when the path names none), *path_len (the RFC 4271 path length:
 * an AS_SET counts 1, confederation segments 0) and *from_set; else a
 * phrase saying what is wrong and *at the offset of the bad byte in v.
 */
const char *mrt_path_origin(const uint8_t *v, size_t n, unsigned as_size, uint32_t *origin,
                            uint32_t *path_len, bool *from_set, size_t *at);

#endif /* MRT_H */
