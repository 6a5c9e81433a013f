/*
 * agg_save.h - writes and reads a state (--save-state, merge).
 *
 * A state file is line-oriented text, versioned on its first line:
 *
 *   honeyshark-report-state 1
 *   bucket 86400 1d
 *   tz Asia/Tokyo
 *   sensor-by input
 *   sensor <dynamic 0|1> <name> <address>...
 *   summary <count> <value>...
 *   strings <count>
 *   s <string>                 (one per string id; %XX escapes bytes <= ' ' and '%')
 *   map <name> <count>
 *   <key0> <key1> <key2> <counter>...
 *   end
 *
 * Reading checks every count, id and index: a damaged or hostile file is
 * HSR_ERR_BAD_STATE with the line number, never a crash.
 */
#ifndef AGG_SAVE_H
#define AGG_SAVE_H

#include <stdint.h>
#include <stdio.h>

#include "agg_state.h"

hsr_status_t agg_state_save(const agg_state_t *st, FILE *out);

/* Reads a state from fd into *st (initialised here; free with
 * agg_state_free even on error).  On HSR_ERR_BAD_STATE, *line is the line
 * number at fault. */
hsr_status_t agg_state_load(int fd, agg_state_t *st, uint64_t *line);

/* Reads a state from memory (tests, fuzzing). */
hsr_status_t agg_state_load_mem(const char *data, size_t len, agg_state_t *st, uint64_t *line);

#endif /* AGG_SAVE_H */
