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

#endif /* HSR_RENDER_H */
