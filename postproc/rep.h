/*
 * rep.h - the reports: each turns an aggregate state into an out_table_t.
 *
 * Reports only read the state, so one state (one pass, or merged pieces)
 * gives every report; --top and --port are applied here and may differ
 * between a run and a later merge.  Rows are ordered by values and strings,
 * never by the order things were read, so a merge prints exactly what one
 * run over everything prints.
 */
#ifndef REP_H
#define REP_H

#include <stddef.h>
#include <stdint.h>

#include "agg_state.h"
#include "out_table.h"

typedef enum {
    REP_AS_TIME,
    REP_COUNTRY,
    REP_PORTS,
    REP_TIMELINE,
    REP_GRADES,
    REP_AS_PORTS,
    REP_MULTIPORT,
    REP_OS,
    REP_EXPLOITS,
    REP_COUNT
} rep_id_t;

typedef struct {
    int top;       /* -1: the report's default; 0: every row */
    agg_family_t family; /* whose attempts the grade columns count (--family) */
    int has_port;  /* --port given */
    uint64_t port; /* port key */
} rep_opts_t;

typedef struct rep_ctx rep_ctx_t;

/* One report (rep_registry.c). */
typedef struct {
    const char *name;  /* --report NAME */
    const char *title; /* the table's title */
    const char *help;  /* for --help: lines after the name, '\n' between them */
    int default_top;   /* rows shown without --top (0: all) */
    hsr_status_t (*build)(rep_ctx_t *c, out_table_t *t);
    uint32_t maps;     /* a bit per aggregate (1 << AGG_*) it reads, besides the
                        * db_date footer: all that a state needs for it
                        * (honeyshark-report --maps; report.cli checks it) */
} rep_info_t;

extern const rep_info_t rep_info[REP_COUNT];

/* Report id of a name, -1 if none. */
int rep_lookup(const char *name);

/* The --top a report uses: o->top, or its default. */
int rep_top(rep_id_t id, const rep_opts_t *o);

/* Sensors in display order: configured ones as given, then discovered
 * (--sensor-by dst) ones sorted by name.  Returns how many. */
size_t rep_sensor_order(const agg_state_t *st, size_t order[HSR_MAX_SENSORS]);

hsr_status_t rep_build(rep_id_t id, const agg_state_t *st, const rep_opts_t *o, out_table_t *t);

#endif /* REP_H */
