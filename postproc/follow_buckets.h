/*
 * follow_buckets.h - the open time buckets of a followed ek stream
 * (honeyshark-report --follow), with no I/O and no clock: every call says
 * what time it is (now_ms, wall clock, ms since the epoch).
 *
 * Each open bucket is its own state made with the run's settings and
 * sensors, so its report is what honeyshark-report prints for its frames
 * alone.  Stream time is the newest frame time, advanced by the wall clock
 * while no newer frame arrives, never past now + grace; a bucket closes
 * (is handed to the emit callback, then freed) once stream time reaches
 * its end plus the grace, oldest first.  A frame of a closed bucket is
 * late: counted, never added.  At most HSR_MAX_OPEN_BUCKETS are open: a
 * frame that would open one more first emits the oldest early.  Memory is
 * bounded by the open buckets, never by the frames read.
 *
 * Frames without a time go into the unknown-time state, emitted by
 * fb_flush; so do the line counts of the input (hsr_feed_t.sum).
 */
#ifndef FOLLOW_BUCKETS_H
#define FOLLOW_BUCKETS_H

#include <stdint.h>
#include <stdio.h>

#include "agg_state.h"

typedef struct {
    int64_t key;    /* agg_bucket_key(); AGG_TIME_UNKNOWN: the unknown-time state */
    int64_t end_ms; /* the instant it ends (agg_bucket_end), ms */
    agg_state_t st;
} fb_bucket_t;

/* Called with each bucket that closes, in key order; early when the open
 * limit made it close before its time.  On an error the bucket stays open
 * and the error is returned to fb's caller. */
typedef hsr_status_t (*fb_emit_fn)(void *ctx, const fb_bucket_t *b, int early);

typedef struct {
    const char *name;  /* --sensor NAME[=ADDRS] */
    const char *addrs; /* NULL: none */
} fb_sensor_t;

typedef struct {
    agg_bucket_t bucket;
    const char *tz;
    agg_sensor_by_t sensor_by;
    const fb_sensor_t *sensors;
    size_t nsensors;
    size_t input_sensor; /* index into sensors labelling the input, SIZE_MAX none */
    int64_t grace_ms;
    fb_emit_fn emit;
    void *ctx;
} fb_settings_t;

typedef struct {
    uint64_t frames;  /* put in a bucket or the unknown-time state */
    uint64_t late;    /* frames of a closed bucket: not counted */
    uint64_t emitted; /* buckets emitted, the unknown-time state included */
    uint64_t early;   /* of which before their time (the open limit) */
} fb_counters_t;

typedef struct {
    fb_settings_t set;
    agg_state_t tmpl;  /* the settings and sensors alone: what every bucket starts as */
    size_t input_sensor; /* set.input_sensor as an index of tmpl's sensors */
    fb_bucket_t *open[HSR_MAX_OPEN_BUCKETS]; /* by key, oldest first */
    size_t nopen;
    fb_bucket_t unknown;
    int have_stream;   /* a frame time (or a checkpoint) has set the stream time */
    int64_t newest_ms, newest_wall_ms; /* the newest frame time, and when it arrived */
    int64_t stream_ms; /* stream time as last computed (never goes back) */
    int have_emitted;
    int64_t last_key;  /* the last bucket emitted: frames up to it are late */
    fb_counters_t n;
} fb_t;

/* Checks the settings (HSR_ERR_BAD_ZONE, HSR_ERR_BAD_ADDR...) and starts
 * with no bucket open.  Free with fb_free even on error. */
hsr_status_t fb_init(fb_t *fb, const fb_settings_t *set);
void fb_free(fb_t *fb);

/* Stream time at now_ms (and remembers it: it never goes back). */
int64_t fb_stream_ms(fb_t *fb, int64_t now_ms);

/* Counts frame f, read at now_ms, in its bucket: first the stream time
 * moves on and due buckets close; *late tells whether f was a frame of a
 * closed bucket (its key in *key, for the warning), not counted. */
hsr_status_t fb_add(fb_t *fb, const hsr_frame_t *f, int64_t now_ms, int *late, int64_t *key);

/* Closes every bucket due at now_ms. */
hsr_status_t fb_close_due(fb_t *fb, int64_t now_ms);

/* The wall time at which the oldest open bucket closes if no newer frame
 * arrives; INT64_MAX when none is open. */
int64_t fb_next_due_ms(const fb_t *fb);

/* Emits every open bucket, then the unknown-time state if it holds anything
 * (frames, malformed lines, truncation). */
hsr_status_t fb_flush(fb_t *fb);

/* Whether the unknown-time state holds anything worth emitting. */
int fb_unknown_used(const fb_t *fb);

/*
 * Checkpoint: the open buckets, the unknown-time state, stream time with
 * the wall time it was saved at, the last bucket emitted and the counters.
 *
 *   honeyshark-report-checkpoint 1
 *   settings <n>          then n bytes: an empty state of the run's settings
 *   stream <0|1> <stream ms> <wall ms>
 *   emitted <0|1> <key>
 *   counters <frames> <late> <emitted> <early>
 *   unknown <n>           then n bytes: the unknown-time state (agg_save.h)
 *   bucket <key> <n>      then n bytes: its state; keys increasing
 *   end
 */
hsr_status_t fb_save(fb_t *fb, int64_t now_ms, FILE *out);

/* Reads a checkpoint into a freshly initialised fb.  Every number, length,
 * key and embedded state is checked, and the settings must be this run's:
 * on HSR_ERR_BAD_STATE or HSR_ERR_STATE_MISMATCH, *line is the line at
 * fault and why[] says what (fb is then only to be freed). */
hsr_status_t fb_load(fb_t *fb, const char *data, size_t len, uint64_t *line, char *why,
                     size_t whylen);

#endif /* FOLLOW_BUCKETS_H */
