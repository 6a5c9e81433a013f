/*
 * hsr_render.h - a state and the options to the chosen report in the chosen
 * format (every report, for HTML).
 */
#ifndef HSR_RENDER_H
#define HSR_RENDER_H

#include <stdio.h>

#include "hsr_options.h"

#ifndef HONEYSHARK_VERSION
#define HONEYSHARK_VERSION "0.0.0"
#endif

hsr_status_t hsr_render(FILE *out, const agg_state_t *st, const hsr_opts_t *o);

/* The same, of one --follow bucket: the table and JSON say which (label,
 * agg_bucket_label's); CSV rows are the plain report's. */
hsr_status_t hsr_render_bucket(FILE *out, const agg_state_t *st, const hsr_opts_t *o,
                               const char *label);

#endif /* HSR_RENDER_H */
