/*
 * hsr_options.h - the command line of honeyshark-report, parsed into a
 * struct (no printing, no exit: main() decides).
 */
#ifndef HSR_OPTIONS_H
#define HSR_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "agg_state.h"
#include "rep.h"

typedef enum {
    HSR_FMT_TABLE,
    HSR_FMT_CSV,
    HSR_FMT_JSON,
    HSR_FMT_HTML,
    HSR_FMT_SVG,
    HSR_FMT_COUNT
} hsr_format_t;

typedef struct {
    const char *path; /* "-" for stdin */
    size_t sensor;    /* index into sensors[], SIZE_MAX when none labels it */
} hsr_input_t;

typedef struct {
    const char *name;
    const char *addrs; /* "A,B" or NULL */
} hsr_sensor_opt_t;

typedef struct {
    int merge;                 /* "merge" subcommand: inputs are state files */
    int help, version, quiet;
    int maps;                  /* --maps: print the aggregates the report needs, exit */
    rep_id_t report;
    hsr_format_t format;
    const char *output;        /* NULL: stdout */
    const char *save_state;
    const char *rows;          /* --rows FILE ("-": stdout): frames as rows, no report */
    uint64_t rows_id;          /* --rows-id: their input_id column */
    agg_bucket_t bucket;
    int bucket_given;
    const char *tz;
    int tz_given;
    agg_sensor_by_t sensor_by;
    hsr_sensor_opt_t sensors[HSR_MAX_SENSORS];
    size_t nsensors;
    rep_opts_t rep;
    const char *port_text;     /* as given, for the output */
    hsr_input_t *inputs;       /* owned */
    size_t ninputs;
    /* --follow: one endless ek input, a report per time bucket as it closes */
    int follow;
    int64_t grace;             /* --grace, seconds (default 60) */
    const char *checkpoint;    /* --checkpoint FILE */
    int64_t checkpoint_every;  /* --checkpoint-every, seconds (default 300) */
    int flush;                 /* --flush: emit the open buckets at the end anyway */
    const char *bucket_states; /* --bucket-states DIR */
    const char *follow_only;   /* the first follow option given, to refuse it alone */
} hsr_opts_t;

/* Parses argv; on error returns HSR_ERR_USAGE (or the option's own status)
 * with a sentence in err.  Free with hsr_opts_free. */
hsr_status_t hsr_opts_parse(int argc, char **argv, hsr_opts_t *o, char *err, size_t errlen);
void hsr_opts_free(hsr_opts_t *o);

extern const char *const hsr_format_names[HSR_FMT_COUNT];

#endif /* HSR_OPTIONS_H */
