/*
 * state_spec.h - the settings of a state made by the plugin's tap, from the
 * text after "-z honeyshark,state,":
 *
 *   FILE[,bucket=N[smhd]][,tz=ZONE][,sensor-by=input|dst][,sensor=NAME[=ADDR+ADDR...]]...
 *
 * The same settings as honeyshark-report's --bucket, --tz, --sensor-by and
 * --sensor (addresses joined by '+', since ',' separates -z options).  With
 * sensor-by=input (the default) the capture is one input: at most one
 * sensor= labels it; with sensor-by=dst each sensor= names destinations.
 */
#ifndef STATE_SPEC_H
#define STATE_SPEC_H

#include <stddef.h>

#include "agg_state.h"

typedef struct {
    char *path;          /* FILE, malloc'd */
    size_t input_sensor; /* the sensor labelling the capture, SIZE_MAX for none */
} state_spec_t;

/* Parses text and initialises *st with its settings (free with
 * agg_state_free, even on error; spec->path with state_spec_free).  On
 * error, err holds a sentence naming the option at fault. */
hsr_status_t state_spec_parse(const char *text, agg_state_t *st, state_spec_t *spec, char *err,
                              size_t errlen);
void state_spec_free(state_spec_t *spec);

#endif /* STATE_SPEC_H */
