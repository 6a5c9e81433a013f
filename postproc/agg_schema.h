/*
 * agg_schema.h - what each aggregate's key words and counters are.
 *
 * Merging and state files use it to remap string ids and sensor indexes and
 * to name the maps; agg_state.h documents the keys in words.
 */
#ifndef AGG_SCHEMA_H
#define AGG_SCHEMA_H

#include "agg_map.h"
#include "agg_state.h"

typedef enum {
    AGG_KW_NONE = 0, /* unused, always 0 */
    AGG_KW_INT,      /* AS number, port key: kept as is */
    AGG_KW_BUCKET,   /* a bucket key: kept as is, range-checked when read */
    AGG_KW_STR,      /* an interned string id */
    AGG_KW_SENSOR    /* a sensor index */
} agg_kw_t;

typedef struct {
    const char *name;
    unsigned nval;
    agg_kw_t kind[AGG_KEY_WORDS];
    unsigned nval_v1; /* counters in state format 1 (Shellshock only); 0: not in it */
} agg_schema_t;

extern const agg_schema_t agg_schema[AGG_NMAPS];

/* The maps of state formats 1 and 2: the first ones, in the same order. */
#define AGG_NMAPS_V1 (AGG_OS_SRC + 1)
#define AGG_NMAPS_V2 (AGG_EXPLOIT_SRC + 1)

#endif /* AGG_SCHEMA_H */
