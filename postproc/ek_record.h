/*
 * ek_record.h - reads one line of `tshark -T ek` into the fields the
 * reports use.
 *
 * Both layouts Wireshark 4.0 writes are understood: the full one
 * (layers.ip.ip_ip_src, values as strings, booleans or arrays of repeated
 * values) and the -e one (layers.ip_src: ["..."]).  Numbers, booleans and
 * arrays are accepted wherever a string is expected.  For a field that
 * appears several times (an array, or a key repeated in the object) the
 * first value is used, except shellshock.grade, where the highest counts.
 * A field that is absent or unreadable is "unknown", never zero.
 */
#ifndef EK_RECORD_H
#define EK_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_limits.h"
#include "hsr_status.h"

struct json_tokener;
struct json_object;

/* A string borrowed from the parsed line: valid until the next ek_parse(). */
typedef struct {
    const char *s; /* NULL when unknown */
    size_t n;
} ek_str_t;

typedef enum {
    EK_FRAME, /* a packet record: ek_frame_t filled */
    EK_INDEX, /* an Elasticsearch bulk index line ({"index":{...}}) */
    EK_BLANK  /* an empty or all-blank line */
} ek_kind_t;

/* -1 in an int field means unknown. */
typedef struct {
    int has_time;
    int64_t time;                /* seconds since the epoch, rounded down */
    char src[HSR_MAX_ADDR];      /* canonical text; "" when unknown */
    char dst[HSR_MAX_ADDR];
    int ip_proto;                /* 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ... */
    int dport;                   /* TCP/UDP destination port */
    int syn, ack;                /* TCP flags, 0/1 */
    int icmp_type;
    int grade;                   /* highest shellshock.grade, 1..3; 0 none */
    int has_asn;
    uint32_t asn;
    ek_str_t as_org, country, country_name, os, os_class;
    unsigned bad_values;         /* fields present but unreadable (taken as unknown) */
    unsigned too_big;            /* numbers beyond 64 bits: the record is refused */
    unsigned has_os_field;       /* src.os present (even if empty) */
} ek_frame_t;

typedef struct {
    struct json_tokener *tok;
    struct json_object *obj; /* the last line parsed, freed by the next */
} ek_parser_t;

/* A field the reader looks for, and where it lives in each layout. */
typedef struct {
    const char *name;  /* as tshark -e takes it: src.as_org */
    const char *ekey;  /* -e layout: layers.<ekey> (src_as_org) */
    const char *proto; /* full layout: layers.<proto>.<full> (src, src_src_as_org) */
    const char *full;
    int carried;       /* another field carries it too (tcp.flags.syn: tcp.flags), so
                        * tshark -e need not ask for it */
} ek_field_t;

/* The i-th field the reader looks for (from 0), NULL past the last.  The
 * names of those not carried are what `tshark -T ek -e ...` must ask for:
 * `honeyshark-report --fields` prints them. */
const ek_field_t *ek_field(size_t i);

hsr_status_t ek_parser_init(ek_parser_t *p);
void ek_parser_free(ek_parser_t *p);

/*
 * Parses line[0..len) (no LF).  HSR_OK with *kind set (and *f filled for
 * EK_FRAME), or HSR_ERR_JSON / HSR_ERR_TRAILING / HSR_ERR_NOT_OBJECT /
 * HSR_ERR_NO_LAYERS / HSR_ERR_BAD_LAYERS for a line that is not an ek record,
 * HSR_ERR_NUMBER_TOO_BIG for one whose numbers do not fit in 64 bits.
 */
hsr_status_t ek_parse(ek_parser_t *p, const char *line, size_t len, ek_kind_t *kind,
                      ek_frame_t *f);

/* Highest shellshock.grade (1..3) among every occurrence of the key in a
 * JSON text, repeated keys included; 0 if none; -1 if a grade is a number
 * too big for 64 bits.  Exposed for tests. */
int ek_scan_grades(const char *text, size_t len);

#endif /* EK_RECORD_H */
