/*
 * agg_time.h - time buckets in a time zone.
 *
 * A bucket is a wall-clock interval in the --tz zone: 1d buckets start at
 * local midnight (so a day with a DST change lasts 23 or 25 hours), 7d
 * buckets start on Monday, and sub-day buckets start at multiples of their
 * length after local midnight (on the night clocks go back, the repeated
 * hour falls into the same bucket).  A bucket is identified by its start in
 * "local seconds": the local wall-clock time read as if it were UTC.
 */
#ifndef AGG_TIME_H
#define AGG_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_status.h"

/* Bucket key of a frame whose time is unknown; sorts after every real one. */
#define AGG_TIME_UNKNOWN INT64_MAX

/* Times (and bucket keys) are within +-AGG_TIME_MAX seconds of the epoch
 * (about 3 billion years); a frame claiming another time has none. */
#define AGG_TIME_MAX 100000000000000000LL

typedef struct {
    int64_t secs;  /* bucket length */
    char spec[24]; /* as the user wrote it, canonical: "1d", "6h", "30m", "90s" */
} agg_bucket_t;

typedef struct {
    char name[128]; /* IANA name, "UTC" */
    int utc;
    int64_t cache_slot; /* minute (t / 60) of the last lookup */
    int32_t cache_off;
    int cache_valid;
} agg_tz_t;

/* A duration N[smhd] (bare N: seconds) of 0..max seconds into *secs;
 * 0 when it is not one.  Buckets, --grace and --checkpoint-every. */
int agg_duration_parse(const char *text, int64_t max, int64_t *secs);

/* "1h", "6h", "1d", "7d", "30m", "90s", "2d"; bare N means seconds. */
hsr_status_t agg_bucket_parse(const char *text, agg_bucket_t *b);

/* Opens an IANA zone from the system tz database (TZDIR or
 * /usr/share/zoneinfo).  Process-wide: the last zone opened is the one
 * every agg_tz_t uses (it sets TZ). */
hsr_status_t agg_tz_open(agg_tz_t *tz, const char *name);

/* UTC offset in seconds at instant t (DST included). */
int32_t agg_tz_offset(agg_tz_t *tz, int64_t t);

/* The bucket key (start, in local seconds) of instant t. */
int64_t agg_bucket_key(const agg_bucket_t *b, agg_tz_t *tz, int64_t t);

/* The instant bucket key ends: every instant from it on has a later key.
 * A bucket that holds a repeated hour (clocks going back) ends after its
 * second pass. */
int64_t agg_bucket_end(const agg_bucket_t *b, agg_tz_t *tz, int64_t key);

/* Whether key can be a bucket key (agg_bucket_key's, or AGG_TIME_UNKNOWN):
 * state files are checked with it. */
int agg_bucket_key_valid(const agg_bucket_t *b, int64_t key);

/* "2024-03-31" for day-multiple buckets, "2024-03-31 02:00" (or with
 * seconds) otherwise, "unknown" for AGG_TIME_UNKNOWN. */
void agg_bucket_label(const agg_bucket_t *b, int64_t key, char *buf, size_t n);

#endif /* AGG_TIME_H */
