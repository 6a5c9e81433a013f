/*
 * frame_record.h - the fields of one frame that the reports count, and the
 * one set of rules that turns a frame's field values into them.
 *
 * Two sources fill a record: the ek reader (ek_record.c, one line of
 * `tshark -T ek`) and the plugin's state tap (plugin/hs_tap_state.c, the
 * dissected tree).  Each hands frame_record_fill() a small set of getters;
 * which value wins when a field repeats, how the transport is decided, what
 * counts as an unreadable value, all live here, so both give the same
 * record for the same frame.  No JSON, no Wireshark: the plugin links it.
 */
#ifndef FRAME_RECORD_H
#define FRAME_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_limits.h"
#include "hsr_status.h"

/* A getter's answer that is a number beyond 64 bits: the record is refused
 * (such a value is forged, not merely unknown). */
#define HSR_TOO_BIG (-2)

/* A string borrowed from the source: valid until its next frame. */
typedef struct {
    const char *s; /* NULL when unknown */
    size_t n;
} hsr_str_t;

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
    int rce_grade;               /* highest rce.grade, 1..3; 0 none */
    hsr_str_t exploit, cve;      /* the first rce.exploit, shellshock.cve */
    int has_asn;
    uint32_t asn;
    hsr_str_t as_org, country, country_name, os, os_class;
    hsr_str_t db_date;           /* the first src.db_date: the database that gave the AS
                                  * (or the country when no AS), "YYYY-MM-DD" */
    unsigned bad_values;         /* fields present but unreadable (taken as unknown) */
    unsigned too_big;            /* numbers beyond 64 bits: the record is refused */
    unsigned has_os_field;       /* src.os present (even if empty) */
} hsr_frame_t;

/* The fields read, by index (hsr_field(id)). */
enum {
    HSR_F_TIME, HSR_F_IP_SRC, HSR_F_IP6_SRC, HSR_F_IP_DST, HSR_F_IP6_DST, HSR_F_IP_PROTO,
    HSR_F_IP6_NXT, HSR_F_TCP_DPORT, HSR_F_TCP_SYN, HSR_F_TCP_ACK, HSR_F_TCP_FLAGS,
    HSR_F_UDP_DPORT, HSR_F_ICMP_TYPE, HSR_F_ICMP6_TYPE, HSR_F_GRADE, HSR_F_ASN, HSR_F_AS_ORG,
    HSR_F_COUNTRY, HSR_F_COUNTRY_NAME, HSR_F_OS, HSR_F_OS_CLASS, HSR_F_RCE_GRADE,
    HSR_F_RCE_EXPLOIT, HSR_F_SS_CVE, HSR_F_DB_DATE, HSR_F_COUNT
};

/* A field, and where it lives in each ek layout. */
typedef struct {
    const char *name;  /* as tshark -e and display filters take it: src.as_org */
    const char *ekey;  /* -e layout: layers.<ekey> (src_as_org) */
    const char *proto; /* full layout: layers.<proto>.<full> (src, src_src_as_org) */
    const char *full;
    int carried;       /* another field carries it too (tcp.flags.syn: tcp.flags), so
                        * a source need not provide it */
} hsr_field_t;

/* The field with index id (from 0), NULL past the last.  The names of those
 * not carried are what `tshark -T ek -e ...` must ask for (`honeyshark-report
 * --fields` prints them) and what the state tap reads from the tree. */
const hsr_field_t *hsr_field(size_t id);

/*
 * A source of field values.  For a repeated field the source gives its
 * first value.  Each getter returns 1 with the value, 0 when the field is
 * absent, -1 when it is present but unreadable, HSR_TOO_BIG for a number
 * beyond 64 bits.
 */
typedef struct {
    int (*present)(void *ctx, int id);
    int (*integer)(void *ctx, int id, int64_t lo, int64_t hi, int64_t *out); /* in [lo, hi] */
    int (*string)(void *ctx, int id, hsr_str_t *out); /* "" is no value */
    int (*address)(void *ctx, int id, char out[HSR_MAX_ADDR]); /* canonical text */
    int (*epoch)(void *ctx, int64_t *out); /* frame.time_epoch, within +-AGG_TIME_MAX */
    int (*epoch_fallback)(void *ctx, int64_t *out); /* another time when that one is
                                                     * not usable (ek's "timestamp"), or NULL */
    int (*grade)(void *ctx, int id); /* the highest value of a grade field (shellshock.grade,
                                      * rce.grade) 1..3, 0 unreadable, HSR_TOO_BIG;
                                      * asked only when present */
} hsr_source_t;

/* Fills *f from the source: every field of the record, unknown ones as
 * such, unreadable and too big values counted. */
void frame_record_fill(const hsr_source_t *src, void *ctx, hsr_frame_t *f);

#endif /* FRAME_RECORD_H */
