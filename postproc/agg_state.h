/*
 * agg_state.h - everything a report needs, accumulated frame by frame.
 *
 * The state holds the aggregation settings (bucket, zone, sensors), a table
 * of interned strings, one counter map per aggregate and the summary of what
 * was read.  Its size depends on the number of groups (AS x bucket, sources,
 * ports...), never on the number of frames.  Two states made with the same
 * settings merge exactly: counters add, sets unite.
 */
#ifndef AGG_STATE_H
#define AGG_STATE_H

#include <stdint.h>

#include "agg_intern.h"
#include "agg_map.h"
#include "agg_time.h"
#include "frame_record.h"
#include "hsr_limits.h"

/* Key values meaning "unknown". */
#define AGG_ASN_UNKNOWN UINT64_MAX
#define AGG_PORT_UNKNOWN UINT64_MAX

/* Port keys: protocol << 20 | port; AGG_PORT_NONE when the protocol has none. */
#define AGG_PORT_NONE 0x10000u
#define AGG_PORT_KEY(proto, port) (((uint64_t)(proto) << 20) | (uint64_t)(port))

/* Attack families, each with its own grade counters. */
typedef enum { AGG_FAM_SHELLSHOCK = 0, AGG_FAM_RCE = 1, AGG_NFAM } agg_family_t;

/* Where family fam's count of grade g (1..3) is in the counters of AGG_AS,
 * AGG_COUNTRY and AGG_TIME ("frames, grades"): Shellshock's at 1..3 (as in
 * state format 1), rce's at 4..6. */
#define AGG_G(fam, g) (3 * (fam) + (g))

/* The aggregates; comments give key -> counters.  "grades" is green,
 * yellow and red attempts of each family, AGG_G(). */
enum {
    AGG_AS,           /* bucket, asn, sensor -> frames, grades */
    AGG_AS_SRC,       /* bucket, asn, src -> frames */
    AGG_AS_PORT,      /* asn, bucket, port -> frames */
    AGG_AS_ORG,       /* asn, org -> frames */
    AGG_COUNTRY,      /* country, sensor -> frames, grades */
    AGG_COUNTRY_SRC,  /* country, src -> frames, attempts of each family (1 + fam) */
    AGG_COUNTRY_NAME, /* country, name -> frames */
    AGG_PORT,         /* port, sensor -> frames */
    AGG_PORT_SRC,     /* port, src -> frames */
    AGG_TIME,         /* bucket, sensor -> frames, grades */
    AGG_TIME_PORT,    /* bucket, port, sensor -> frames */
    AGG_SRC_INFO,     /* src, asn, country -> frames */
    AGG_SRC_PORT,     /* src, port -> attempts (SYN, UDP datagram, echo request) */
    AGG_OS,           /* os, os_class, sensor -> SYNs */
    AGG_OS_SRC,       /* os, src -> SYNs */
    AGG_EXPLOIT,      /* family, exploit (rce.exploit, shellshock.cve; "" none), bucket
                       * -> green, yellow, red */
    AGG_EXPLOIT_SRC,  /* family, exploit, src -> attempts */
    AGG_DB_DATE,      /* src.db_date (the attribution database's date) -> frames */
    AGG_NMAPS
};

typedef enum { AGG_SENSOR_BY_INPUT = 0, AGG_SENSOR_BY_DST = 1 } agg_sensor_by_t;

typedef struct {
    char name[HSR_MAX_SENSOR_NAME];
    char **addrs; /* canonical address text */
    size_t naddrs;
    int dynamic;  /* made up from a destination address (--sensor-by dst) */
} agg_sensor_t;

/* What was read; every frame read is counted exactly once in frames_read. */
typedef struct {
    uint64_t inputs;
    uint64_t lines;
    uint64_t frames_read;
    uint64_t frames_counted;     /* towards a sensor (all frames without sensor addresses) */
    uint64_t frames_not_towards; /* read, but not towards any known sensor */
    uint64_t index_lines;
    uint64_t malformed_lines;    /* skipped with a warning */
    uint64_t bad_values;         /* field values unreadable, taken as unknown */
    uint64_t time_unknown;
    uint64_t with_asn, with_country, with_os, with_grade;
    uint64_t truncated_inputs;   /* ended inside a record or on a read error */
    uint64_t sensor_overflow;    /* frames put in "(other)" past HSR_MAX_SENSORS */
} agg_summary_t;

typedef struct {
    agg_bucket_t bucket;
    agg_tz_t tz;
    agg_sensor_by_t sensor_by;
    agg_sensor_t sensors[HSR_MAX_SENSORS];
    size_t nsensors;
    size_t nsensors_configured; /* from --sensor, before dynamic ones */
    agg_intern_t strs;
    agg_map_t maps[AGG_NMAPS];
    agg_summary_t sum;
} agg_state_t;

hsr_status_t agg_state_init(agg_state_t *st, const agg_bucket_t *bucket, const char *tz,
                            agg_sensor_by_t by);
void agg_state_free(agg_state_t *st);

/* Adds (or finds) a sensor by name; addrs is "A,B,C" or NULL. */
hsr_status_t agg_state_add_sensor(agg_state_t *st, const char *name, const char *addrs,
                                  size_t *index);

/* Counts one frame read from an input labelled with sensor index input_sensor
 * (ignored with --sensor-by dst; SIZE_MAX when no --sensor was given):
 * agg_frame_facts(), then agg_state_add_facts() when it is towards a sensor. */
hsr_status_t agg_state_add(agg_state_t *st, const hsr_frame_t *f, size_t input_sensor);

/* The texts of a frame that are counted, cleaned (agg_facts_t.text). */
enum {
    AGG_T_ORG, AGG_T_CC, AGG_T_CNAME, AGG_T_OS, AGG_T_OS_CLASS, AGG_T_DB_DATE, AGG_T_CVE,
    AGG_T_EXPLOIT, AGG_NTEXT
};

/* What the aggregates count of one frame: the one place that decides its
 * sensor, port key, grades, whether it is an attempt and whether its OS
 * counts.  Everything but the time bucket, which depends on --bucket and
 * --tz (the ClickHouse rows, contrib/clickhouse, are these). */
typedef struct {
    size_t sensor;
    int towards;                 /* 0: not towards a sensor; nothing below is set */
    int has_time;
    int64_t time;
    char src[HSR_MAX_ADDR];      /* "" unknown */
    uint64_t asn;                /* AGG_ASN_UNKNOWN */
    uint64_t port;               /* agg_port_key() */
    int grade[AGG_NFAM];         /* 1..3, 0 none */
    int attempt;                 /* a SYN, UDP datagram or echo request (multiport) */
    int os_counted;              /* counts in the os report */
    char text[AGG_NTEXT][HSR_MAX_STRING + 1]; /* bad UTF-8 and controls as '?'; "" unknown */
    size_t len[AGG_NTEXT];
} agg_facts_t;

/* The facts of one frame; counts it in st->sum (read, counted or not
 * towards a sensor, unknowns) and may add a --sensor-by dst sensor. */
hsr_status_t agg_frame_facts(agg_state_t *st, const hsr_frame_t *f, size_t input_sensor,
                             agg_facts_t *x);
/* Adds a frame's facts (towards a sensor) to every aggregate. */
hsr_status_t agg_state_add_facts(agg_state_t *st, const agg_facts_t *x);

/* Adds every count of src into dst (same settings required). */
hsr_status_t agg_state_merge(agg_state_t *dst, const agg_state_t *src);

/* Port key of a frame, AGG_PORT_UNKNOWN when it has no IP protocol. */
uint64_t agg_port_key(const hsr_frame_t *f);
/* "tcp/23", "udp/53", "icmp", "ip-proto/47", "unknown". */
void agg_port_label(uint64_t key, char *buf, size_t n);
/* Parses --port: "23" (TCP), "tcp/23", "udp/53", "icmp", "icmpv6". */
hsr_status_t agg_port_parse(const char *text, uint64_t *key);

/* Index of the sensor whose address list holds addr, or -1. */
int agg_sensor_of_addr(const agg_state_t *st, const char *addr);

#endif /* AGG_STATE_H */
