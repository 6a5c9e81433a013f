/*
 * test_report_follow.c - --follow's pure parts: where buckets end (DST
 * included), the closing rule (by frames, by the wall clock, the grace, a
 * future time capped), late frames, the open-bucket limit, the flush, the
 * checkpoint's round trip and its refusal of damaged or foreign files, the
 * follow line reader that never blocks, and the options --follow refuses.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg_save.h"
#include "ek_lines.h"
#include "follow_buckets.h"
#include "hsr_options.h"
#include "unit.h"

#define H 3600
#define D0 1709251200LL /* 2024-03-01 00:00 UTC */
#define NO_TIME INT64_MIN
/* A replay: the wall clock is long past the frames, so only frames move time. */
#define LATER ((D0 + 400 * 86400LL) * 1000)

typedef struct {
    int n;
    int64_t key[256];
    int early[256];
    uint64_t frames[256];
    hsr_status_t fail_with;
} rec_t;

static hsr_status_t rec_emit(void *ctx, const fb_bucket_t *b, int early)
{
    rec_t *r = ctx;
    if (r->fail_with != HSR_OK)
        return r->fail_with;
    if (r->n < 256) {
        r->key[r->n] = b->key;
        r->early[r->n] = early;
        r->frames[r->n] = b->st.sum.frames_read;
    }
    r->n++;
    return HSR_OK;
}

static const fb_sensor_t SENSORS[] = {{"tokyo", "192.0.2.10"}, {"osaka", "198.51.100.20"}};

static void start(fb_t *fb, rec_t *r, const char *bucket, const char *tz, int64_t grace_s,
                  agg_sensor_by_t by, size_t nsensors)
{
    memset(r, 0, sizeof(*r));
    fb_settings_t set = {.tz = tz, .sensor_by = by, .sensors = SENSORS, .nsensors = nsensors,
                         .input_sensor = SIZE_MAX, .grace_ms = grace_s * 1000,
                         .emit = rec_emit, .ctx = r};
    CU_ASSERT_EQUAL_FATAL(agg_bucket_parse(bucket, &set.bucket), HSR_OK);
    CU_ASSERT_EQUAL_FATAL(fb_init(fb, &set), HSR_OK);
}

static hsr_frame_t frame_to(int64_t t, const char *src, const char *dst)
{
    hsr_frame_t f;
    memset(&f, 0, sizeof(f));
    f.has_time = t != NO_TIME;
    f.time = f.has_time ? t : 0;
    snprintf(f.src, sizeof(f.src), "%s", src);
    snprintf(f.dst, sizeof(f.dst), "%s", dst);
    f.ip_proto = 6;
    f.dport = 23;
    f.syn = 1;
    f.icmp_type = -1;
    f.has_asn = 1;
    f.asn = 64500;
    return f;
}

/* Adds a frame of time t at wall time now; returns whether it was late. */
static int add(fb_t *fb, int64_t t, int64_t now)
{
    hsr_frame_t f = frame_to(t, "203.0.113.5", "192.0.2.10");
    int late = -1;
    int64_t key;
    CU_ASSERT_EQUAL(fb_add(fb, &f, now, &late, &key), HSR_OK);
    return late;
}

/* agg_bucket_end against agg_bucket_key: every instant before the end has
 * the bucket's key or an earlier one, none after it. */
static void test_bucket_end(void)
{
    static const struct {
        const char *bucket, *zone, *local; /* local: "YYYY-mm-dd HH:MM" of the key */
        int64_t key, end;
    } cases[] = {
        /* Berlin, clocks back at 01:00 UTC on 2024-10-27 (03:00 CEST -> 02:00 CET). */
        {"30m", "Europe/Berlin", "02:00", 1729994400, 1729992600}, /* second pass, 01:30 UTC */
        {"30m", "Europe/Berlin", "02:30", 1729996200, 1729994400},
        {"1h", "Europe/Berlin", "02:00", 1729994400, 1729994400},  /* 2 h long, ends 02:00 UTC */
        {"1d", "Europe/Berlin", "10-27", 1729987200, 1730070000},  /* 25 h, ends 23:00 UTC */
        /* Clocks forward at 01:00 UTC on 2024-03-31 (02:00 CET -> 03:00 CEST). */
        {"1h", "Europe/Berlin", "01:00", 1711846800, 1711846800},  /* ends at the jump */
        {"1h", "Europe/Berlin", "03:00", 1711854000, 1711850400},
        {"1h", "UTC", "00:00", D0, D0 + H},
        {"1d", "Asia/Tokyo", "03-01", D0, D0 + 86400 - 9 * H},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        agg_bucket_t b;
        agg_tz_t tz;
        CU_ASSERT_EQUAL_FATAL(agg_bucket_parse(cases[i].bucket, &b), HSR_OK);
        CU_ASSERT_EQUAL_FATAL(agg_tz_open(&tz, cases[i].zone), HSR_OK);
        int64_t end = agg_bucket_end(&b, &tz, cases[i].key);
        if (end != cases[i].end)
            fprintf(stderr, "\n  %s %s %s: end %lld, expected %lld\n", cases[i].bucket,
                    cases[i].zone, cases[i].local, (long long)end, (long long)cases[i].end);
        CU_ASSERT_EQUAL(end, cases[i].end);
    }
    /* The property, around both changes, in zones with 1 h and 30 min DST. */
    static const char *zones[] = {"Europe/Berlin", "Australia/Lord_Howe", "Asia/Tokyo", "UTC"};
    static const char *buckets[] = {"30m", "1h", "2h", "1d", "7d"};
    static const int64_t around[] = {1711846800, 1729990800, 1712412000 /* Lord Howe, April */,
                                     1727539200 /* October */};
    int bad = 0;
    for (size_t z = 0; z < 4; z++)
        for (size_t k = 0; k < 5; k++) {
            agg_bucket_t b;
            agg_tz_t tz;
            agg_bucket_parse(buckets[k], &b);
            CU_ASSERT_EQUAL_FATAL(agg_tz_open(&tz, zones[z]), HSR_OK);
            for (size_t a = 0; a < 4; a++)
                for (int64_t t = around[a] - 2 * 86400; t < around[a] + 2 * 86400; t += 900) {
                    int64_t key = agg_bucket_key(&b, &tz, t), end = agg_bucket_end(&b, &tz, key);
                    int ok = t < end && agg_bucket_key(&b, &tz, end) > key;
                    for (int64_t u = end; ok && u < end + 3 * 86400; u += 1800)
                        ok = agg_bucket_key(&b, &tz, u) > key;
                    bad += !ok;
                }
        }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_duration_parse(void)
{
    int64_t s = -1;
    CU_ASSERT(agg_duration_parse("0", 100, &s) && s == 0);
    CU_ASSERT(agg_duration_parse("90s", 1000, &s) && s == 90);
    CU_ASSERT(agg_duration_parse("5m", 1000, &s) && s == 300);
    CU_ASSERT(agg_duration_parse("7m", 1000, &s) && s == 420); /* need not divide a day */
    CU_ASSERT(agg_duration_parse("2d", 2 * 86400, &s) && s == 172800);
    CU_ASSERT(!agg_duration_parse("2d", 2 * 86400 - 1, &s));
    CU_ASSERT(!agg_duration_parse("-1s", 100, &s));
    CU_ASSERT(!agg_duration_parse("+1s", 100, &s));
    CU_ASSERT(!agg_duration_parse("1w", 1000000, &s));
    CU_ASSERT(!agg_duration_parse("", 100, &s));
    CU_ASSERT(!agg_duration_parse("99999999999999999999d", INT64_MAX, &s));
}

/* A replay: buckets close when a frame past end + grace arrives. */
static void test_close_by_frames(void)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, "1h", "UTC", 60, AGG_SENSOR_BY_INPUT, 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 10 * H, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 10 * H + 1800, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 11 * H + 59, LATER), 0); /* end + 59 s: still open */
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(fb.nopen, 2);
    CU_ASSERT_EQUAL(add(&fb, D0 + 10 * H + 3599, LATER), 0); /* in time, within the grace */
    CU_ASSERT_EQUAL(add(&fb, D0 + 11 * H + 60, LATER), 0);   /* end + grace: 10:00 closes */
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(r.key[0], D0 + 10 * H);
    CU_ASSERT_EQUAL(r.frames[0], 3);
    CU_ASSERT_EQUAL(r.early[0], 0);
    CU_ASSERT_EQUAL(fb.nopen, 1);
    /* A jump of hours closes every bucket before it, in order. */
    CU_ASSERT_EQUAL(add(&fb, D0 + 12 * H + 10, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 20 * H, LATER), 0);
    CU_ASSERT_EQUAL_FATAL(r.n, 3);
    CU_ASSERT_EQUAL(r.key[1], D0 + 11 * H);
    CU_ASSERT_EQUAL(r.frames[1], 2);
    CU_ASSERT_EQUAL(r.key[2], D0 + 12 * H);
    CU_ASSERT_EQUAL(fb.n.frames, 7);
    CU_ASSERT_EQUAL(fb.n.emitted, 3);
    fb_free(&fb);
}

/* A live stream gone silent: its bucket closes at end + grace by the clock. */
static void test_close_by_wall_clock(void)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, "1h", "UTC", 60, AGG_SENSOR_BY_INPUT, 0);
    int64_t t = D0 + 10 * H + 3500; /* 10:58:20, arriving as it happens */
    CU_ASSERT_EQUAL(add(&fb, t, t * 1000), 0);
    int64_t due = (D0 + 11 * H + 60) * 1000;
    CU_ASSERT_EQUAL(fb_next_due_ms(&fb), due);
    CU_ASSERT_EQUAL(fb_close_due(&fb, due - 1), HSR_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(fb_close_due(&fb, due), HSR_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(r.key[0], D0 + 10 * H);
    CU_ASSERT_EQUAL(fb_next_due_ms(&fb), INT64_MAX);
    fb_free(&fb);

    /* Frames 30 s behind the clock: stream time follows the frames, the
     * bucket closes at the frames' end + grace (30 s later by the clock). */
    start(&fb, &r, "1h", "UTC", 60, AGG_SENSOR_BY_INPUT, 0);
    CU_ASSERT_EQUAL(add(&fb, t, (t + 30) * 1000), 0);
    CU_ASSERT_EQUAL(fb_next_due_ms(&fb), due + 30000);
    fb_free(&fb);

    /* --grace 0: a bucket closes at its end. */
    start(&fb, &r, "1h", "UTC", 0, AGG_SENSOR_BY_INPUT, 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 10 * H, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 11 * H - 1, LATER), 0);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 11 * H, LATER), 0);
    CU_ASSERT_EQUAL(r.n, 1);
    fb_free(&fb);
}

/* A frame claiming a future time must not close the present. */
static void test_future_capped(void)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, "1h", "UTC", 60, AGG_SENSOR_BY_INPUT, 0);
    int64_t now = D0 + 10 * H + 1800; /* 10:30 */
    CU_ASSERT_EQUAL(add(&fb, now, now * 1000), 0);
    CU_ASSERT_EQUAL(add(&fb, now + 5 * 365 * 86400LL, (now + 1) * 1000), 0); /* five years on */
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(fb.nopen, 2);
    CU_ASSERT(fb_stream_ms(&fb, (now + 1) * 1000) <= (now + 1 + 60) * 1000);
    /* Not moved by the bogus frame either: still the frames' own pace. */
    CU_ASSERT_EQUAL(fb_stream_ms(&fb, (now + 1) * 1000), now * 1000 + 1000);
    /* 30 s ahead of the clock, within the grace: a true time, it counts. */
    CU_ASSERT_EQUAL(add(&fb, now + 40, (now + 10) * 1000), 0);
    CU_ASSERT_EQUAL(fb_stream_ms(&fb, (now + 10) * 1000), (now + 40) * 1000);
    /* The clock reaches 11:01: 10:00 closes; the future bucket stays. */
    CU_ASSERT_EQUAL(fb_close_due(&fb, (D0 + 11 * H + 60) * 1000), HSR_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(r.key[0], D0 + 10 * H);
    CU_ASSERT_EQUAL(r.frames[0], 2);
    CU_ASSERT_EQUAL(fb.nopen, 1);
    fb_free(&fb);
}

static void test_late_frames(void)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, "1h", "UTC", 60, AGG_SENSOR_BY_INPUT, 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 10 * H, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 11 * H + 120, LATER), 0); /* closes 10:00 */
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(add(&fb, D0 + 10 * H + 3599, LATER), 1); /* its bucket was emitted */
    CU_ASSERT_EQUAL(add(&fb, D0 + 3 * H, LATER), 1);         /* before the last emitted */
    CU_ASSERT_EQUAL(add(&fb, D0 + 14 * H, LATER), 0);        /* closes 11:00 */
    CU_ASSERT_EQUAL(add(&fb, D0 + 12 * H + 5, LATER), 1);    /* never opened, closed by now */
    CU_ASSERT_EQUAL(fb.n.late, 3);
    CU_ASSERT_EQUAL(fb.n.frames, 3);
    CU_ASSERT_EQUAL_FATAL(r.n, 2);
    CU_ASSERT_EQUAL(r.frames[0] + r.frames[1], 2); /* late frames are in no bucket */
    CU_ASSERT_EQUAL(fb_flush(&fb), HSR_OK);
    CU_ASSERT_EQUAL(r.n, 3);
    CU_ASSERT_EQUAL(r.frames[2], 1);
    fb_free(&fb);
}

/* More than HSR_MAX_OPEN_BUCKETS open: the oldest goes early. */
static void test_open_limit(void)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, "1h", "UTC", 366 * 86400LL, AGG_SENSOR_BY_INPUT, 0);
    for (int i = 0; i < HSR_MAX_OPEN_BUCKETS; i++)
        CU_ASSERT_EQUAL(add(&fb, D0 + (int64_t)(i + 1) * H, LATER), 0);
    CU_ASSERT_EQUAL(fb.nopen, HSR_MAX_OPEN_BUCKETS);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + (HSR_MAX_OPEN_BUCKETS + 1) * H, LATER), 0);
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(r.key[0], D0 + H);
    CU_ASSERT_EQUAL(r.early[0], 1);
    CU_ASSERT_EQUAL(fb.n.early, 1);
    CU_ASSERT_EQUAL(fb.nopen, HSR_MAX_OPEN_BUCKETS);
    /* Older than every open bucket: opening it would emit the oldest and
     * make it late anyway; it is late, nothing else is emitted. */
    CU_ASSERT_EQUAL(add(&fb, D0, LATER), 1);
    CU_ASSERT_EQUAL(add(&fb, D0 + H + 5, LATER), 1); /* of the bucket emitted early */
    /* Between open buckets, already open: simply counted. */
    CU_ASSERT_EQUAL(add(&fb, D0 + 30 * H, LATER), 0);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_EQUAL(fb_flush(&fb), HSR_OK);
    CU_ASSERT_EQUAL(r.n, 1 + HSR_MAX_OPEN_BUCKETS);
    for (int i = 1; i < r.n && i < 256; i++)
        CU_ASSERT(r.key[i] > r.key[i - 1] && !r.early[i]);
    fb_free(&fb);
}

/* Frames without a time: the unknown-time state, emitted last by a flush;
 * an error of the output keeps the bucket open. */
static void test_flush_and_errors(void)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, "1h", "UTC", 60, AGG_SENSOR_BY_INPUT, 0);
    CU_ASSERT_EQUAL(add(&fb, NO_TIME, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0, LATER), 0);
    CU_ASSERT_EQUAL(add(&fb, D0 + 2 * H, LATER), 0);
    CU_ASSERT_EQUAL(r.n, 1);
    r.fail_with = HSR_ERR_IO;
    CU_ASSERT_EQUAL(fb_flush(&fb), HSR_ERR_IO);
    CU_ASSERT_EQUAL(fb.nopen, 1);
    r.fail_with = HSR_OK;
    CU_ASSERT_EQUAL(fb_flush(&fb), HSR_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 3);
    CU_ASSERT_EQUAL(r.key[2], AGG_TIME_UNKNOWN);
    CU_ASSERT_EQUAL(r.frames[2], 1);
    CU_ASSERT_EQUAL(fb.n.emitted, 3);
    CU_ASSERT(!fb_unknown_used(&fb));
    CU_ASSERT_EQUAL(fb_flush(&fb), HSR_OK); /* nothing left: nothing emitted */
    CU_ASSERT_EQUAL(r.n, 3);
    fb_free(&fb);
}

static char *state_text(const agg_state_t *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    agg_state_save(st, mem);
    fclose(mem);
    return buf;
}

static char *checkpoint_text(fb_t *fb, int64_t now, size_t *len)
{
    char *buf = NULL;
    FILE *mem = open_memstream(&buf, len);
    CU_ASSERT_EQUAL(fb_save(fb, now, mem), HSR_OK);
    fclose(mem);
    return buf;
}

/* A stream by dst (named and discovered sensors), one bucket emitted, two
 * open, frames without a time. */
static void busy(fb_t *fb, rec_t *r, const char *tz)
{
    start(fb, r, "1h", tz, 600, AGG_SENSOR_BY_DST, 2);
    static const char *dsts[] = {"192.0.2.10", "198.51.100.20", "192.0.2.99"};
    static const char *srcs[] = {"203.0.113.5", "198.18.0.7", "2001:db8::1"};
    int late;
    int64_t key;
    for (int i = 0; i < 30; i++) {
        hsr_frame_t f =
            frame_to(i % 7 == 6 ? NO_TIME : D0 + 5 * H + i * 250, srcs[i % 3], dsts[i % 3]);
        CU_ASSERT_EQUAL(fb_add(fb, &f, LATER, &late, &key), HSR_OK);
    }
}

static void test_checkpoint_round_trip(void)
{
    fb_t a, b;
    rec_t ra, rb;
    busy(&a, &ra, "Asia/Tokyo");
    CU_ASSERT_EQUAL(ra.n, 1);
    CU_ASSERT_EQUAL_FATAL(a.nopen, 2);
    size_t len;
    char *text = checkpoint_text(&a, LATER, &len);
    start(&b, &rb, "1h", "Asia/Tokyo", 600, AGG_SENSOR_BY_DST, 2);
    uint64_t line;
    char why[512];
    CU_ASSERT_EQUAL_FATAL(fb_load(&b, text, len, &line, why, sizeof(why)), HSR_OK);
    CU_ASSERT_EQUAL(b.nopen, a.nopen);
    for (size_t i = 0; i < a.nopen && i < b.nopen; i++) {
        CU_ASSERT_EQUAL(b.open[i]->key, a.open[i]->key);
        CU_ASSERT_EQUAL(b.open[i]->end_ms, a.open[i]->end_ms);
        char *x = state_text(&a.open[i]->st), *y = state_text(&b.open[i]->st);
        CU_ASSERT_STRING_EQUAL(x, y);
        free(x);
        free(y);
    }
    char *x = state_text(&a.unknown.st), *y = state_text(&b.unknown.st);
    CU_ASSERT_STRING_EQUAL(x, y);
    free(x);
    free(y);
    CU_ASSERT(memcmp(&a.n, &b.n, sizeof(a.n)) == 0);
    CU_ASSERT_EQUAL(b.have_emitted, 1);
    CU_ASSERT_EQUAL(b.last_key, a.last_key);
    CU_ASSERT_EQUAL(fb_stream_ms(&b, LATER), fb_stream_ms(&a, LATER));
    /* Saved again at the same time: the same bytes. */
    size_t len2;
    char *again = checkpoint_text(&b, LATER, &len2);
    CU_ASSERT(len2 == len && memcmp(again, text, len) == 0);
    free(again);
    /* And it goes on: the same frame, the same outcome on both. */
    int la, lb;
    int64_t k;
    hsr_frame_t f = frame_to(D0 + 4 * H, "203.0.113.5", "192.0.2.10"); /* emitted: late */
    fb_add(&a, &f, LATER, &la, &k);
    fb_add(&b, &f, LATER, &lb, &k);
    CU_ASSERT(la == 1 && lb == 1);
    /* The wall clock moved on while it was stopped: stream time moved too. */
    CU_ASSERT_EQUAL(fb_stream_ms(&b, LATER + 5000), fb_stream_ms(&a, LATER) + 5000);
    fb_free(&a);
    fb_free(&b);
    free(text);
}

/* fb_load of text into a fresh fb of the busy() settings. */
static hsr_status_t load_into(const char *text, size_t len, const char *tz, const char *bucket,
                              agg_sensor_by_t by, size_t nsensors, uint64_t *line, char *why)
{
    fb_t fb;
    rec_t r;
    start(&fb, &r, bucket, tz, 600, by, nsensors);
    hsr_status_t s = fb_load(&fb, text, len, line, why, 512);
    fb_free(&fb);
    return s;
}

/* text with the first occurrence of from replaced by to (malloc'd). */
static char *edit(const char *text, const char *from, const char *to, size_t *len)
{
    const char *at = strstr(text, from);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    snprintf(out, n + 1, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    *len = n;
    return out;
}

/* The number of the line holding the first occurrence of what. */
static uint64_t line_of(const char *text, const char *what)
{
    const char *at = strstr(text, what);
    uint64_t n = 1;
    for (const char *p = text; at && p < at; p++)
        n += *p == '\n';
    return n;
}

static void test_checkpoint_damage(void)
{
    fb_t a;
    rec_t ra;
    busy(&a, &ra, "UTC");
    size_t len;
    char *text = checkpoint_text(&a, LATER, &len);
    fb_free(&a);
    uint64_t line;
    char why[512];
    CU_ASSERT_EQUAL_FATAL(load_into(text, len, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why),
                          HSR_OK);

    /* Every truncation is refused, with a line number in the file. */
    uint64_t lines = 0, wrong = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    for (size_t cut = 0; cut < len; cut++) {
        hsr_status_t s = load_into(text, cut, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why);
        wrong += s != HSR_ERR_BAD_STATE || line < 1 || line > lines + 1 || !why[0];
    }
    CU_ASSERT_EQUAL(wrong, 0);

    /* Lengths, numbers, keys: each edit refused at its line. */
    char head[64];
    const char *b1 = strstr(text, "\nend\nbucket ") + 5; /* the first bucket's header */
    snprintf(head, sizeof(head), "%.*s", (int)(strchr(b1, '\n') - b1), b1); /* "bucket K N" */
    long long key, n;
    CU_ASSERT_EQUAL_FATAL(sscanf(head, "bucket %lld %lld", &key, &n), 2);
    char heads[9][96];
    snprintf(heads[0], 96, "bucket %lld %lld", key, n + 1);
    snprintf(heads[1], 96, "bucket %lld %lld", key, n - 1);
    snprintf(heads[2], 96, "bucket %lld 99999999999999999999", key);
    snprintf(heads[3], 96, "bucket %lld 18446744073709551615", key);
    snprintf(heads[4], 96, "bucket 1 %lld", n);                 /* not a bucket start */
    snprintf(heads[5], 96, "bucket -%lld %lld", key, n);         /* before the last emitted */
    snprintf(heads[6], 96, "bucket %lld  %lld", key, n);
    snprintf(heads[7], 96, "bucket %lld 0%lld", key, n);
    snprintf(heads[8], 96, "bucket 100000000000000000800 %lld", n);
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        const char *to = heads[i];
        size_t l2;
        char *t2 = edit(text, head, to, &l2);
        hsr_status_t s = load_into(t2, l2, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why);
        if (s != HSR_ERR_BAD_STATE || line < line_of(text, head))
            fprintf(stderr, "\n  \"%s\": status %d line %llu: %s\n", to, s,
                    (unsigned long long)line, why);
        CU_ASSERT_EQUAL(s, HSR_ERR_BAD_STATE);
        CU_ASSERT(line >= line_of(text, head));
        free(t2);
    }
    static const struct {
        const char *from, *to;
    } edits[] = {
        {"honeyshark-report-checkpoint 1", "honeyshark-report-checkpoint 2"},
        {"\nstream 1 ", "\nstream 2 "},
        {"\nstream 1 ", "\nstream 1 9223372036854775807"},
        {"\ncounters ", "\ncounters 18446744073709551616"},
        {"\ncounters ", "\ncounters -1"},
        {"\nemitted 1 ", "\nemitted 1 7"},            /* not a bucket start */
        {"\nend\n", "\nend\nend\n"},                    /* a line too many */
        {"\nunknown ", "\nunknown  "},
    };
    for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
        size_t l2;
        char *t2 = strstr(text, edits[i].from) ? edit(text, edits[i].from, edits[i].to, &l2) : NULL;
        if (!t2)
            continue;
        hsr_status_t s = load_into(t2, l2, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why);
        if (s != HSR_ERR_BAD_STATE)
            fprintf(stderr, "\n  edit %zu: status %d line %llu: %s\n", i, s,
                    (unsigned long long)line, why);
        CU_ASSERT_EQUAL(s, HSR_ERR_BAD_STATE);
        CU_ASSERT(line >= line_of(text, edits[i].from + (edits[i].from[0] == '\n')));
        free(t2);
    }

    /* Text after the end. */
    char *t3 = malloc(len + 3);
    memcpy(t3, text, len);
    memcpy(t3 + len, "x\n", 3);
    CU_ASSERT_EQUAL(load_into(t3, len + 2, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why),
                    HSR_ERR_BAD_STATE);
    CU_ASSERT_EQUAL(line, lines);
    free(t3);

    /* Damage inside a bucket's state: refused at that line of the file. */
    t3 = strdup(text);
    char *sum = strstr(t3 + (b1 - text), "\nsummary ") + 1;
    sum[6] = 'x';
    CU_ASSERT_EQUAL(load_into(t3, len, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why),
                    HSR_ERR_BAD_STATE);
    CU_ASSERT_EQUAL(line, line_of(t3, "\nsummarx ") + 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "bucket state"));
    free(t3);

    /* A bucket state under another bucket's key: it holds counts of another. */
    char other[96];
    snprintf(other, sizeof(other), "bucket %lld %lld", key + H, n);
    size_t l2;
    char *t2 = edit(text, head, other, &l2);
    CU_ASSERT_EQUAL(load_into(t2, l2, "UTC", "1h", AGG_SENSOR_BY_DST, 2, &line, why),
                    HSR_ERR_BAD_STATE);
    CU_ASSERT_EQUAL(line, line_of(text, head));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "another bucket"));
    free(t2);

    /* Made by another run: zone, bucket, sensor-by, sensors. */
    CU_ASSERT_EQUAL(load_into(text, len, "Asia/Tokyo", "1h", AGG_SENSOR_BY_DST, 2, &line, why),
                    HSR_ERR_STATE_MISMATCH);
    CU_ASSERT_EQUAL(line, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "--tz UTC"));
    CU_ASSERT_EQUAL(load_into(text, len, "UTC", "1d", AGG_SENSOR_BY_DST, 2, &line, why),
                    HSR_ERR_STATE_MISMATCH);
    CU_ASSERT_EQUAL(load_into(text, len, "UTC", "1h", AGG_SENSOR_BY_INPUT, 2, &line, why),
                    HSR_ERR_STATE_MISMATCH);
    CU_ASSERT_EQUAL(load_into(text, len, "UTC", "1h", AGG_SENSOR_BY_DST, 1, &line, why),
                    HSR_ERR_STATE_MISMATCH);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "--sensor osaka=198.51.100.20"));
    free(text);
}

/* A followed input hands out only complete lines and never blocks. */
static void test_follow_lines(void)
{
    int p[2];
    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    ek_lines_t r;
    CU_ASSERT_EQUAL_FATAL(ek_lines_init_follow(&r, p[0]), HSR_OK);
    const char *line;
    size_t len;
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_AGAIN); /* not readable: no read */
    CU_ASSERT_EQUAL(write(p[1], "one\ntw", 6), 6);
    ek_lines_readable(&r);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_OK);
    CU_ASSERT(line && len == 3 && memcmp(line, "one", 3) == 0);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_AGAIN); /* "tw" is not a line yet */
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_AGAIN); /* and no read without poll */
    CU_ASSERT_EQUAL(write(p[1], "o\r\nthree", 8), 8);
    ek_lines_readable(&r);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_OK);
    CU_ASSERT(line && len == 3 && memcmp(line, "two", 3) == 0);
    CU_ASSERT_EQUAL(r.lineno, 2);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_AGAIN);
    close(p[1]);
    ek_lines_readable(&r);
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_OK); /* the end of input */
    CU_ASSERT(line && len == 5 && r.unterminated); /* the cut last line, flagged */
    CU_ASSERT_EQUAL(ek_lines_next(&r, &line, &len), HSR_OK);
    CU_ASSERT_PTR_NULL(line);
    ek_lines_free(&r);
    close(p[0]);
}

static hsr_status_t parse(const char *line, char *err)
{
    char buf[512], *argv[32];
    int argc = 0;
    snprintf(buf, sizeof(buf), "%s", line);
    for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok && argc < 31;
         tok = strtok_r(NULL, " ", &save))
        argv[argc++] = tok;
    argv[argc] = NULL;
    hsr_opts_t o;
    hsr_status_t s = hsr_opts_parse(argc, argv, &o, err, 256);
    hsr_opts_free(&o);
    return s;
}

static void test_options(void)
{
    char err[256];
    CU_ASSERT_EQUAL(parse("r --follow -b 1h -f csv --grace 90s --checkpoint c "
                          "--checkpoint-every 1m --flush --bucket-states d -", err), HSR_OK);
    static const struct {
        const char *line, *says;
    } refused[] = {
        {"r merge --follow a.state", "not states"},
        {"r --follow --rows x -", "--rows"},
        {"r --follow --save-state x -", "--save-state"},
        {"r --follow -f html -", "not html"},
        {"r --follow -f svg -", "not svg"},
        {"r --follow a.ek b.ek", "one input"},
        {"r --grace 1m a.ek", "--grace goes with --follow"},
        {"r --checkpoint c a.ek", "--checkpoint goes"},
        {"r --checkpoint-every 1m a.ek", "--checkpoint-every goes"},
        {"r --flush a.ek", "--flush goes"},
        {"r --bucket-states d a.ek", "--bucket-states goes"},
        {"r --follow --grace 1w -", "--grace 1w"},
        {"r --follow --checkpoint-every 0 -", "--checkpoint-every 0"},
        {"r --follow --grace -1s -", "--grace -1s"},
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        hsr_status_t s = parse(refused[i].line, err);
        if (s != HSR_ERR_USAGE || !strstr(err, refused[i].says))
            fprintf(stderr, "\n  %s: %d %s\n", refused[i].line, s, err);
        CU_ASSERT_EQUAL(s, HSR_ERR_USAGE);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, refused[i].says));
    }
}

static CU_TestInfo tests[] = {
    {"where a bucket ends (DST both ways)", test_bucket_end},
    {"durations N[smhd]", test_duration_parse},
    {"buckets close by later frames", test_close_by_frames},
    {"buckets close by the wall clock; the grace", test_close_by_wall_clock},
    {"a future time does not close the present", test_future_capped},
    {"late frames are counted, not added", test_late_frames},
    {"the open-bucket limit emits the oldest early", test_open_limit},
    {"flush, the unknown-time state, output errors", test_flush_and_errors},
    {"checkpoint round trip", test_checkpoint_round_trip},
    {"damaged or foreign checkpoints are refused", test_checkpoint_damage},
    {"a followed input never blocks", test_follow_lines},
    {"--follow's options", test_options},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("report follow", tests)
