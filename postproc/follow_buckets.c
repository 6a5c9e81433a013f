/*
 * follow_buckets.c - open buckets, stream time, late frames and the
 * checkpoint of --follow, see follow_buckets.h.
 */
#include "follow_buckets.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "agg_save.h"
#include "agg_schema.h"

#define CKPT_MAGIC "honeyshark-report-checkpoint 1"

/* Times in ms are kept within +-FB_MS_LIMIT, so sums of a few of them
 * never overflow: frame times may be anything within AGG_TIME_MAX seconds,
 * which does not fit in ms (frames millions of years off only saturate). */
#define FB_MS_LIMIT (INT64_MAX / 8)

static int64_t clamp_ms(int64_t ms)
{
    return ms > FB_MS_LIMIT ? FB_MS_LIMIT : ms < -FB_MS_LIMIT ? -FB_MS_LIMIT : ms;
}

static int64_t secs_to_ms(int64_t s)
{
    return s > FB_MS_LIMIT / 1000 ? FB_MS_LIMIT : s < -FB_MS_LIMIT / 1000 ? -FB_MS_LIMIT : s * 1000;
}

/* A state with the run's settings and sensors, no data. */
static hsr_status_t make_state(const fb_t *fb, agg_state_t *st)
{
    hsr_status_t s = agg_state_init(st, &fb->set.bucket, fb->set.tz, fb->set.sensor_by);
    for (size_t i = 0; s == HSR_OK && i < fb->set.nsensors; i++) {
        size_t idx;
        s = agg_state_add_sensor(st, fb->set.sensors[i].name, fb->set.sensors[i].addrs, &idx);
    }
    return s;
}

hsr_status_t fb_init(fb_t *fb, const fb_settings_t *set)
{
    memset(fb, 0, sizeof(*fb));
    fb->set = *set;
    fb->stream_ms = -FB_MS_LIMIT;
    fb->unknown.key = AGG_TIME_UNKNOWN;
    fb->unknown.end_ms = FB_MS_LIMIT;
    fb->input_sensor = SIZE_MAX;
    hsr_status_t s = make_state(fb, &fb->tmpl);
    if (s == HSR_OK)
        s = make_state(fb, &fb->unknown.st);
    /* Every state adds the same sensors in the same order: one index. */
    for (size_t i = 0; s == HSR_OK && set->input_sensor != SIZE_MAX && i < fb->tmpl.nsensors; i++)
        if (strcmp(fb->tmpl.sensors[i].name, set->sensors[set->input_sensor].name) == 0)
            fb->input_sensor = i;
    return s;
}

static void free_bucket(fb_bucket_t *b)
{
    agg_state_free(&b->st);
    free(b);
}

void fb_free(fb_t *fb)
{
    for (size_t i = 0; i < fb->nopen; i++)
        free_bucket(fb->open[i]);
    fb->nopen = 0;
    agg_state_free(&fb->tmpl);
    agg_state_free(&fb->unknown.st);
}

int64_t fb_stream_ms(fb_t *fb, int64_t now_ms)
{
    now_ms = clamp_ms(now_ms);
    if (!fb->have_stream)
        return fb->stream_ms;
    int64_t idle = now_ms - fb->newest_wall_ms;
    int64_t t = fb->newest_ms + (idle > 0 ? idle : 0);
    /* A frame claiming a future time must not close the present. */
    if (t > now_ms + fb->set.grace_ms)
        t = now_ms + fb->set.grace_ms;
    if (t > fb->stream_ms)
        fb->stream_ms = t;
    return fb->stream_ms;
}

static int due(const fb_t *fb, const fb_bucket_t *b)
{
    return fb->have_stream && fb->stream_ms >= b->end_ms + fb->set.grace_ms;
}

/* Emits the oldest open bucket and forgets it; it stays on an error. */
static hsr_status_t emit_oldest(fb_t *fb, int early)
{
    fb_bucket_t *b = fb->open[0];
    hsr_status_t s = fb->set.emit(fb->set.ctx, b, early);
    if (s != HSR_OK)
        return s;
    fb->have_emitted = 1;
    fb->last_key = b->key;
    fb->n.emitted++;
    fb->n.early += early != 0;
    free_bucket(b);
    memmove(fb->open, fb->open + 1, --fb->nopen * sizeof(fb->open[0]));
    return HSR_OK;
}

hsr_status_t fb_close_due(fb_t *fb, int64_t now_ms)
{
    fb_stream_ms(fb, now_ms);
    hsr_status_t s = HSR_OK;
    while (s == HSR_OK && fb->nopen && due(fb, fb->open[0]))
        s = emit_oldest(fb, 0);
    return s;
}

int64_t fb_next_due_ms(const fb_t *fb)
{
    if (!fb->nopen || !fb->have_stream)
        return INT64_MAX;
    int64_t target = fb->open[0]->end_ms + fb->set.grace_ms;
    if (fb->stream_ms >= target)
        return -FB_MS_LIMIT;
    /* Stream time is min(newest + idle, now + grace): both must reach it. */
    int64_t by_idle = fb->newest_wall_ms + (target - fb->newest_ms);
    int64_t by_cap = target - fb->set.grace_ms;
    return by_idle > by_cap ? by_idle : by_cap;
}

static size_t find(const fb_t *fb, int64_t key, int *found)
{
    size_t i = fb->nopen;
    while (i > 0 && fb->open[i - 1]->key > key) /* most frames are of the newest */
        i--;
    *found = i > 0 && fb->open[i - 1]->key == key;
    return *found ? i - 1 : i;
}

/* Whether the bucket key (not open) is closed: emitted, or past due. */
static int closed(fb_t *fb, int64_t key)
{
    if (fb->have_emitted && key <= fb->last_key)
        return 1;
    int64_t end = secs_to_ms(agg_bucket_end(&fb->set.bucket, &fb->tmpl.tz, key));
    return fb->have_stream && fb->stream_ms >= end + fb->set.grace_ms;
}

static hsr_status_t open_bucket(fb_t *fb, int64_t key, size_t at)
{
    fb_bucket_t *b = calloc(1, sizeof(*b));
    if (!b)
        return HSR_ERR_NOMEM;
    b->key = key;
    b->end_ms = secs_to_ms(agg_bucket_end(&fb->set.bucket, &fb->tmpl.tz, key));
    hsr_status_t s = make_state(fb, &b->st);
    if (s != HSR_OK) {
        free_bucket(b);
        return s;
    }
    memmove(fb->open + at + 1, fb->open + at, (fb->nopen - at) * sizeof(fb->open[0]));
    fb->open[at] = b;
    fb->nopen++;
    return HSR_OK;
}

hsr_status_t fb_add(fb_t *fb, const hsr_frame_t *f, int64_t now_ms, int *late, int64_t *key)
{
    *late = 0;
    *key = AGG_TIME_UNKNOWN;
    now_ms = clamp_ms(now_ms);
    if (f->has_time) {
        int64_t t = secs_to_ms(f->time);
        /* Only a time that can be true moves the stream on. */
        if (t <= now_ms + fb->set.grace_ms && (!fb->have_stream || t > fb->newest_ms)) {
            fb->newest_ms = t;
            fb->newest_wall_ms = now_ms;
            fb->have_stream = 1;
        }
    }
    hsr_status_t s = fb_close_due(fb, now_ms);
    if (s != HSR_OK)
        return s;
    agg_state_t *st = &fb->unknown.st;
    if (f->has_time) {
        int64_t k = *key = agg_bucket_key(&fb->set.bucket, &fb->tmpl.tz, f->time);
        int found;
        size_t at = find(fb, k, &found);
        if (!found) {
            if (!closed(fb, k) && fb->nopen == HSR_MAX_OPEN_BUCKETS) {
                if ((s = emit_oldest(fb, 1)) != HSR_OK)
                    return s;
                at = find(fb, k, &found);
            }
            if (closed(fb, k)) {
                fb->n.late++;
                *late = 1;
                return HSR_OK;
            }
            if ((s = open_bucket(fb, k, at)) != HSR_OK)
                return s;
        }
        st = &fb->open[at]->st;
    }
    if ((s = agg_state_add(st, f, fb->input_sensor)) == HSR_OK)
        fb->n.frames++;
    return s;
}

int fb_unknown_used(const fb_t *fb)
{
    const agg_summary_t *s = &fb->unknown.st.sum;
    return s->frames_read || s->malformed_lines || s->truncated_inputs;
}

hsr_status_t fb_flush(fb_t *fb)
{
    hsr_status_t s = HSR_OK;
    while (s == HSR_OK && fb->nopen)
        s = emit_oldest(fb, 0);
    if (s != HSR_OK || !fb_unknown_used(fb))
        return s;
    if ((s = fb->set.emit(fb->set.ctx, &fb->unknown, 0)) != HSR_OK)
        return s;
    fb->n.emitted++;
    agg_state_free(&fb->unknown.st);
    return make_state(fb, &fb->unknown.st);
}

/* Saving ------------------------------------------------------------- */

/* head (a printf format ending in the length's %zu), then the state. */
static hsr_status_t put_state(FILE *out, const agg_state_t *st, const char *head, ...)
    __attribute__((format(printf, 3, 4)));
static hsr_status_t put_state(FILE *out, const agg_state_t *st, const char *head, ...)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return HSR_ERR_NOMEM;
    hsr_status_t s = agg_state_save(st, mem);
    if (fclose(mem) != 0 && s == HSR_OK)
        s = HSR_ERR_NOMEM;
    if (s == HSR_OK) {
        va_list ap;
        va_start(ap, head);
        vfprintf(out, head, ap);
        va_end(ap);
        fprintf(out, " %zu\n", len);
        fwrite(buf, 1, len, out);
    }
    free(buf);
    return s != HSR_OK ? s : ferror(out) ? HSR_ERR_IO : HSR_OK;
}

hsr_status_t fb_save(fb_t *fb, int64_t now_ms, FILE *out)
{
    int64_t stream = fb_stream_ms(fb, now_ms);
    fprintf(out, "%s\n", CKPT_MAGIC);
    hsr_status_t s = put_state(out, &fb->tmpl, "settings");
    if (s != HSR_OK)
        return s;
    fprintf(out, "stream %d %" PRId64 " %" PRId64 "\n", fb->have_stream,
            fb->have_stream ? stream : 0, fb->have_stream ? clamp_ms(now_ms) : 0);
    fprintf(out, "emitted %d %" PRId64 "\n", fb->have_emitted, fb->have_emitted ? fb->last_key : 0);
    fprintf(out, "counters %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", fb->n.frames,
            fb->n.late, fb->n.emitted, fb->n.early);
    s = put_state(out, &fb->unknown.st, "unknown");
    for (size_t i = 0; s == HSR_OK && i < fb->nopen; i++)
        s = put_state(out, &fb->open[i]->st, "bucket %" PRId64, fb->open[i]->key);
    if (s != HSR_OK)
        return s;
    fputs("end\n", out);
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

/* Loading ------------------------------------------------------------ */

typedef struct {
    const char *p, *end;
    uint64_t line; /* of the line last read */
    char *why;
    size_t whylen;
    char buf[256];
} cur_t;

static hsr_status_t bad(cur_t *c, hsr_status_t s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static hsr_status_t bad(cur_t *c, hsr_status_t s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why, c->whylen, fmt, ap);
    va_end(ap);
    return s;
}

/* The next line (LF-terminated, short, no NUL) into c->buf. */
static int next_line(cur_t *c)
{
    c->line++;
    const char *nl = c->p < c->end ? memchr(c->p, '\n', (size_t)(c->end - c->p)) : NULL;
    size_t n = nl ? (size_t)(nl - c->p) : 0;
    if (!nl || n >= sizeof(c->buf) || memchr(c->p, '\0', n))
        return 0;
    memcpy(c->buf, c->p, n);
    c->buf[n] = '\0';
    c->p = nl + 1;
    return 1;
}

/* One decimal number at *s, then a space or the end: no '+', no leading
 * zero, '-' only when neg is allowed; magnitude in *v. */
static int digits(const char **s, int neg_ok, int *neg, uint64_t *v)
{
    const char *p = *s;
    *neg = neg_ok && *p == '-';
    p += *neg;
    if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
        return 0;
    for (*v = 0; *p >= '0' && *p <= '9'; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (*v > (UINT64_MAX - d) / 10)
            return 0;
        *v = *v * 10 + d;
    }
    if (*p == ' ')
        p++;
    else if (*p != '\0')
        return 0;
    *s = p;
    return 1;
}

static int num_u64(const char **s, uint64_t *v)
{
    int neg;
    return digits(s, 0, &neg, v);
}

/* A signed number within +-lim (lim < INT64_MAX). */
static int num_i64(const char **s, int64_t lim, int64_t *v)
{
    int neg;
    uint64_t m;
    if (!digits(s, 1, &neg, &m) || m > (uint64_t)lim || (neg && m == 0))
        return 0;
    *v = neg ? -(int64_t)m : (int64_t)m;
    return 1;
}

/* "word " at the start of the line just read: the rest, or NULL. */
static const char *after(cur_t *c, const char *word)
{
    size_t n = strlen(word);
    return strncmp(c->buf, word, n) == 0 && c->buf[n] == ' ' ? c->buf + n + 1 : NULL;
}

/* "--bucket 1h --tz UTC --sensor-by input --sensor a=192.0.2.1": what
 * settings a state was made with (non-dynamic sensors), for the message. */
static void describe(const agg_state_t *st, char *buf, size_t n)
{
    int k = snprintf(buf, n, "--bucket %s --tz %s --sensor-by %s", st->bucket.spec, st->tz.name,
                     st->sensor_by == AGG_SENSOR_BY_DST ? "dst" : "input");
    for (size_t i = 0; i < st->nsensors && k > 0 && (size_t)k < n; i++) {
        if (st->sensors[i].dynamic)
            continue;
        k += snprintf(buf + k, n - (size_t)k, " --sensor %s", st->sensors[i].name);
        for (size_t j = 0; j < st->sensors[i].naddrs && k > 0 && (size_t)k < n; j++)
            k += snprintf(buf + k, n - (size_t)k, "%c%s", j ? ',' : '=', st->sensors[i].addrs[j]);
    }
}

static int same_sensor(const agg_sensor_t *a, const agg_sensor_t *b)
{
    if (strcmp(a->name, b->name) != 0 || a->naddrs != b->naddrs || a->dynamic != b->dynamic)
        return 0;
    for (size_t j = 0; j < a->naddrs; j++)
        if (strcmp(a->addrs[j], b->addrs[j]) != 0)
            return 0;
    return 1;
}

/* Made with the run's settings: the run's sensors first, then only those
 * frames make up ("all" for an unlabelled input, destinations by dst). */
static int fits(const agg_state_t *st, const agg_state_t *tmpl, int exact)
{
    if (st->bucket.secs != tmpl->bucket.secs || strcmp(st->tz.name, tmpl->tz.name) != 0 ||
        st->sensor_by != tmpl->sensor_by || st->nsensors < tmpl->nsensors ||
        (exact && st->nsensors != tmpl->nsensors))
        return 0;
    int any_addrs = 0;
    for (size_t i = 0; i < tmpl->nsensors; i++) {
        if (!same_sensor(&st->sensors[i], &tmpl->sensors[i]))
            return 0;
        any_addrs |= tmpl->sensors[i].naddrs > 0;
    }
    for (size_t i = tmpl->nsensors; i < st->nsensors; i++) {
        const agg_sensor_t *s = &st->sensors[i];
        if (s->naddrs)
            return 0;
        if (st->sensor_by == AGG_SENSOR_BY_DST ? !s->dynamic || any_addrs
                                               : s->dynamic || tmpl->nsensors ||
                                                     strcmp(s->name, "all") != 0 || i > 0)
            return 0;
    }
    return 1;
}

/* Every bucket key word of every entry is key: a bucket's state holds
 * nothing of another bucket. */
static int only_key(const agg_state_t *st, int64_t key)
{
    for (int m = 0; m < AGG_NMAPS; m++) {
        const agg_map_t *map = &st->maps[m];
        for (int w = 0; w < AGG_KEY_WORDS; w++) {
            if (agg_schema[m].kind[w] != AGG_KW_BUCKET)
                continue;
            for (size_t i = agg_map_next(map, 0); i < map->cap; i = agg_map_next(map, i + 1))
                if ((int64_t)agg_map_key(map, i)[w] != key)
                    return 0;
        }
    }
    return 1;
}

/* The n bytes after the header line just read, as a state checked against
 * the run's settings (exact: the settings block). */
static hsr_status_t read_state(cur_t *c, fb_t *fb, uint64_t n, agg_state_t *st, int64_t key,
                               int exact, const char *what)
{
    uint64_t head = c->line, sub;
    memset(st, 0, sizeof(*st));
    if (n > (uint64_t)(c->end - c->p))
        return bad(c, HSR_ERR_BAD_STATE, "%s: %" PRIu64 " bytes announced, %zu left in the file",
                   what, n, (size_t)(c->end - c->p));
    if (n == 0 || c->p[n - 1] != '\n')
        return bad(c, HSR_ERR_BAD_STATE, "%s: its %" PRIu64 " bytes do not end a line", what, n);
    hsr_status_t s = agg_state_load_mem(c->p, (size_t)n, st, &sub);
    if (s != HSR_OK) {
        c->line = head + (sub ? sub : 1);
        return s == HSR_ERR_NOMEM ? s : bad(c, HSR_ERR_BAD_STATE, "%s: %s", what, hsr_strerror(s));
    }
    char mine[512], theirs[512];
    if (!fits(st, &fb->tmpl, exact)) {
        describe(st, theirs, sizeof(theirs));
        describe(&fb->tmpl, mine, sizeof(mine));
        return bad(c, HSR_ERR_STATE_MISMATCH, "%s made with %s, not this run's %s", what, theirs,
                   mine);
    }
    if (!exact && !only_key(st, key))
        return bad(c, HSR_ERR_BAD_STATE, "%s holds counts of another bucket", what);
    for (const char *q = c->p; q < c->p + n; q++)
        c->line += *q == '\n';
    c->p += n;
    return HSR_OK;
}

static hsr_status_t load(cur_t *c, fb_t *fb)
{
    const char *a;
    uint64_t n, have_stream, have_emitted;
    int64_t stream, wall, key;
    agg_state_t st;
    hsr_status_t s;
    if (!next_line(c) || strcmp(c->buf, CKPT_MAGIC) != 0)
        return bad(c, HSR_ERR_BAD_STATE, "not a honeyshark-report checkpoint (first line "
                                         "\"" CKPT_MAGIC "\")");
    if (!next_line(c) || !(a = after(c, "settings")) || !num_u64(&a, &n) || *a)
        return bad(c, HSR_ERR_BAD_STATE, "expected \"settings LENGTH\"");
    s = read_state(c, fb, n, &st, 0, 1, "settings");
    agg_state_free(&st);
    if (s != HSR_OK)
        return s;
    if (!next_line(c) || !(a = after(c, "stream")) || !num_u64(&a, &have_stream) ||
        have_stream > 1 || !num_i64(&a, FB_MS_LIMIT, &stream) || !num_i64(&a, FB_MS_LIMIT, &wall) ||
        *a || (!have_stream && (stream || wall)))
        return bad(c, HSR_ERR_BAD_STATE, "expected \"stream 0|1 STREAM_MS WALL_MS\"");
    if (!next_line(c) || !(a = after(c, "emitted")) || !num_u64(&a, &have_emitted) ||
        have_emitted > 1 || !num_i64(&a, AGG_TIME_MAX, &key) || *a ||
        (have_emitted ? !agg_bucket_key_valid(&fb->set.bucket, key) : key != 0))
        return bad(c, HSR_ERR_BAD_STATE, "expected \"emitted 0|1 BUCKET_KEY\" (a bucket start)");
    fb->have_stream = (int)have_stream;
    fb->newest_ms = fb->stream_ms = stream;
    fb->newest_wall_ms = wall;
    if (!have_stream)
        fb->stream_ms = -FB_MS_LIMIT;
    fb->have_emitted = (int)have_emitted;
    fb->last_key = key;
    fb_counters_t *k = &fb->n;
    if (!next_line(c) || !(a = after(c, "counters")) || !num_u64(&a, &k->frames) ||
        !num_u64(&a, &k->late) || !num_u64(&a, &k->emitted) || !num_u64(&a, &k->early) || *a)
        return bad(c, HSR_ERR_BAD_STATE, "expected \"counters FRAMES LATE EMITTED EARLY\"");
    if (!next_line(c) || !(a = after(c, "unknown")) || !num_u64(&a, &n) || *a)
        return bad(c, HSR_ERR_BAD_STATE, "expected \"unknown LENGTH\"");
    agg_state_free(&fb->unknown.st);
    if ((s = read_state(c, fb, n, &fb->unknown.st, AGG_TIME_UNKNOWN, 0, "unknown-time state")) !=
        HSR_OK)
        return s;
    for (;;) {
        if (!next_line(c))
            return bad(c, HSR_ERR_BAD_STATE, "expected \"bucket KEY LENGTH\" or \"end\"");
        if (strcmp(c->buf, "end") == 0)
            break;
        if (!(a = after(c, "bucket")) || !num_i64(&a, AGG_TIME_MAX, &key) || !num_u64(&a, &n) ||
            *a || !agg_bucket_key_valid(&fb->set.bucket, key))
            return bad(c, HSR_ERR_BAD_STATE, "expected \"bucket KEY LENGTH\" (a bucket start)");
        if ((fb->nopen && key <= fb->open[fb->nopen - 1]->key) ||
            (fb->have_emitted && key <= fb->last_key))
            return bad(c, HSR_ERR_BAD_STATE, "bucket %" PRId64 " out of order (keys increase, "
                                             "after the last emitted)", key);
        if (fb->nopen == HSR_MAX_OPEN_BUCKETS)
            return bad(c, HSR_ERR_BAD_STATE, "more than %d open buckets", HSR_MAX_OPEN_BUCKETS);
        if ((s = open_bucket(fb, key, fb->nopen)) != HSR_OK)
            return s;
        agg_state_t *bst = &fb->open[fb->nopen - 1]->st;
        agg_state_free(bst);
        if ((s = read_state(c, fb, n, bst, key, 0, "bucket state")) != HSR_OK)
            return s;
    }
    if (c->p != c->end)
        return bad(c, HSR_ERR_BAD_STATE, "text after \"end\"");
    return HSR_OK;
}

hsr_status_t fb_load(fb_t *fb, const char *data, size_t len, uint64_t *line, char *why,
                     size_t whylen)
{
    cur_t c = {.p = data, .end = data + len, .why = why, .whylen = whylen};
    why[0] = '\0';
    hsr_status_t s = load(&c, fb);
    *line = c.line;
    return s;
}
