/*
 * agg_time.c - bucket lengths, zones and labels, see agg_time.h.
 *
 * Offsets come from the C library (localtime_r with TZ set to the zone),
 * which reads the system tz database, DST rules and historical changes
 * included.  A one-entry cache per minute keeps it off the hot path:
 * frames arrive in time order and zones change offset on whole minutes.
 */
#include "agg_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "hsr_limits.h"

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int agg_duration_parse(const char *text, int64_t max, int64_t *secs)
{
    if (!text || !*text)
        return 0;
    char *end;
    long long n = strtoll(text, &end, 10);
    if (end == text || n < 0 || text[0] == '+' || text[0] == '-' || text[0] == ' ')
        return 0;
    int64_t unit = 1;
    if (*end == 's')
        unit = 1, end++;
    else if (*end == 'm')
        unit = 60, end++;
    else if (*end == 'h')
        unit = 3600, end++;
    else if (*end == 'd')
        unit = 86400, end++;
    if (*end != '\0' || n > max / unit)
        return 0;
    *secs = n * unit;
    return 1;
}

hsr_status_t agg_bucket_parse(const char *text, agg_bucket_t *b)
{
    int64_t secs;
    if (!agg_duration_parse(text, HSR_MAX_BUCKET, &secs) || secs < HSR_MIN_BUCKET)
        return HSR_ERR_BAD_BUCKET;
    /* Buckets must line up with local days, or labels would lie. */
    if (secs < 86400 ? 86400 % secs != 0 : secs % 86400 != 0)
        return HSR_ERR_BAD_BUCKET;
    b->secs = secs;
    if (secs % 86400 == 0)
        snprintf(b->spec, sizeof(b->spec), "%lldd", (long long)(secs / 86400));
    else if (secs % 3600 == 0)
        snprintf(b->spec, sizeof(b->spec), "%lldh", (long long)(secs / 3600));
    else if (secs % 60 == 0)
        snprintf(b->spec, sizeof(b->spec), "%lldm", (long long)(secs / 60));
    else
        snprintf(b->spec, sizeof(b->spec), "%llds", (long long)secs);
    return HSR_OK;
}

/* Zone names are paths below the tz directory: refuse anything else. */
static int zone_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= 100 || name[0] == '/' || name[0] == '.' || strstr(name, ".."))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return 0;
    }
    return 1;
}

static int zone_file_ok(const char *name)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char magic[4] = {0};
    size_t got = fread(magic, 1, 4, f);
    fclose(f);
    return got == 4 && memcmp(magic, "TZif", 4) == 0;
}

hsr_status_t agg_tz_open(agg_tz_t *tz, const char *name)
{
    memset(tz, 0, sizeof(*tz));
    if (!name)
        name = "UTC";
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0 || strcmp(name, "Z") == 0) {
        snprintf(tz->name, sizeof(tz->name), "UTC");
        tz->utc = 1;
        return HSR_OK;
    }
    if (!zone_name_ok(name) || !zone_file_ok(name))
        return HSR_ERR_BAD_ZONE;
    snprintf(tz->name, sizeof(tz->name), "%s", name);
    if (setenv("TZ", name, 1) != 0)
        return HSR_ERR_NOMEM;
    tzset();
    return HSR_OK;
}

int32_t agg_tz_offset(agg_tz_t *tz, int64_t t)
{
    if (tz->utc)
        return 0;
    int64_t slot = floor_div(t, 60);
    if (tz->cache_valid && slot == tz->cache_slot)
        return tz->cache_off;
    time_t tt = (time_t)t;
    struct tm tm;
    int32_t off = 0;
    if (localtime_r(&tt, &tm))
        off = (int32_t)tm.tm_gmtoff;
    tz->cache_slot = slot;
    tz->cache_off = off;
    tz->cache_valid = 1;
    return off;
}

/* Where buckets start relative to the epoch: weeks (and multiples) on
 * Monday, 1970-01-05 being one; others at multiples of their length. */
static int64_t bucket_align(const agg_bucket_t *b)
{
    return b->secs % (7 * 86400) == 0 ? 4 * 86400 : 0;
}

int64_t agg_bucket_key(const agg_bucket_t *b, agg_tz_t *tz, int64_t t)
{
    int64_t local = t + agg_tz_offset(tz, t);
    int64_t align = bucket_align(b);
    return floor_div(local - align, b->secs) * b->secs + align;
}

/* Local time x happens at instant x - o for the offset o in force then.
 * Around x the zone has (at most) the offsets of a day before and a day
 * after: the later of the instants that really read x is where the
 * bucket ends (a repeated hour belongs to its bucket twice); when x is
 * skipped (clocks go forward), the bucket ends at the jump. */
int64_t agg_bucket_end(const agg_bucket_t *b, agg_tz_t *tz, int64_t key)
{
    int64_t x = key + b->secs;
    if (tz->utc)
        return x;
    int64_t o[2] = {agg_tz_offset(tz, x - 86400), agg_tz_offset(tz, x + 86400)};
    int64_t end = INT64_MIN;
    for (int i = 0; i < 2; i++)
        if (x - o[i] + agg_tz_offset(tz, x - o[i]) == x && x - o[i] > end)
            end = x - o[i];
    if (end == INT64_MIN)
        end = x - (o[0] < o[1] ? o[0] : o[1]);
    return end;
}

int agg_bucket_key_valid(const agg_bucket_t *b, int64_t key)
{
    if (key == AGG_TIME_UNKNOWN)
        return 1;
    if (key > AGG_TIME_MAX || key < -AGG_TIME_MAX)
        return 0;
    return (key - bucket_align(b)) % b->secs == 0;
}

void agg_bucket_label(const agg_bucket_t *b, int64_t key, char *buf, size_t n)
{
    if (key == AGG_TIME_UNKNOWN) {
        snprintf(buf, n, "unknown");
        return;
    }
    time_t tt = (time_t)key;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(buf, n, "@%lld", (long long)key);
        return;
    }
    if (b->secs % 86400 == 0)
        snprintf(buf, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    else if (b->secs % 60 == 0)
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min);
    else
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}
