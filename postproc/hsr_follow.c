/*
 * hsr_follow.c - the --follow loop, see hsr_follow.h.
 *
 * One thread, one ppoll(): it wakes for input, for the next bucket to
 * close by the wall clock, for the next checkpoint and (on a terminal) for
 * the progress line, so a silent input never holds a bucket back.  The
 * signals are blocked except inside ppoll, so a SIGTERM cannot slip in
 * between the check of its flag and the wait.
 */
#define _GNU_SOURCE
#include "hsr_follow.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "follow_buckets.h"
#include "follow_out.h"
#include "hsr_render.h"
#include "hsr_run.h"
#include "out_file.h"

/* A checkpoint follows an emission within this long: a restart then seldom
 * emits a bucket twice, and a fast replay does not sync a file per bucket. */
#define CKPT_AFTER_EMIT_MS 1000

static volatile sig_atomic_t got_stop, got_hup;

static void on_stop(int sig)
{
    got_stop = sig;
}

static void on_hup(int sig)
{
    (void)sig;
    got_hup = 1;
}

typedef struct {
    const hsr_opts_t *o;
    const char *prog;
    const char *name; /* the input, as warnings name it */
    fb_t fb;
    fo_report_t out;
    ek_parser_t parser;
    ek_lines_t lines;
    hsr_feed_t feed;
    hsr_diag_t diag;
    int64_t now_ms;   /* wall clock when the lines being read arrived */
    uint64_t line;    /* of the frame being added */
    int rc;           /* exit status of an error already printed */
    int emitted;      /* a bucket was emitted since the last checkpoint */
    int64_t next_ckpt, last_ckpt, next_progress; /* monotonic ms */
    int tty, progress_shown;
} follow_t;

static int64_t clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Prints an error; the exit status it means. */
static int fail(follow_t *fl, hsr_status_t s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(follow_t *fl, hsr_status_t s, const char *fmt, ...)
{
    if (fl->progress_shown)
        fputc('\n', stderr);
    fl->progress_shown = 0;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", fl->prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return s == HSR_ERR_NOMEM ? HSR_EXIT_INTERNAL : HSR_EXIT_USAGE;
}

static const char *why(hsr_status_t s)
{
    return s == HSR_ERR_IO ? strerror(errno) : hsr_strerror(s);
}

/* fb's emit: the bucket's report appended to the output, its state kept. */
static hsr_status_t emit(void *ctx, const fb_bucket_t *b, int early)
{
    follow_t *fl = ctx;
    const hsr_opts_t *o = fl->o;
    char label[64], msg[160];
    agg_bucket_label(&b->st.bucket, b->key, label, sizeof(label));
    if (early) {
        snprintf(msg, sizeof(msg), "more than %d buckets open: bucket %s emitted early",
                 HSR_MAX_OPEN_BUCKETS, label);
        hsr_feed_warn(&fl->feed, fl->line, msg);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        fl->rc = fail(fl, HSR_ERR_NOMEM, "%s", hsr_strerror(HSR_ERR_NOMEM));
        return HSR_ERR_NOMEM;
    }
    hsr_status_t s = hsr_render_bucket(mem, &b->st, o, label);
    if (s == HSR_OK && o->format == HSR_FMT_TABLE)
        fputc('\n', mem); /* a blank line between the blocks */
    if (fclose(mem) != 0 && s == HSR_OK)
        s = HSR_ERR_NOMEM;
    if (s != HSR_OK)
        fl->rc = fail(fl, s, "bucket %s: %s", label, hsr_strerror(s));
    else if ((s = fo_append(&fl->out, buf, len, o->format == HSR_FMT_CSV)) != HSR_OK)
        fl->rc = fail(fl, s, "cannot write %s: %s", o->output ? o->output : "stdout", why(s));
    free(buf);
    if (s == HSR_OK && o->bucket_states) {
        char path[4096];
        if ((s = fo_save_state(o->bucket_states, b, time(NULL), path, sizeof(path))) != HSR_OK)
            fl->rc = fail(fl, s, "cannot write bucket state %s: %s", path, why(s));
    }
    fl->emitted |= s == HSR_OK;
    return s;
}

/* The feed's frames: into their bucket, or warned about when late. */
static hsr_status_t on_frame(void *ctx, const hsr_frame_t *f, uint64_t line)
{
    follow_t *fl = ctx;
    int late;
    int64_t key;
    fl->line = line;
    hsr_status_t s = fb_add(&fl->fb, f, fl->now_ms, &late, &key);
    if (s == HSR_OK && late) {
        char label[64], msg[160];
        agg_bucket_label(&fl->o->bucket, key, label, sizeof(label));
        snprintf(msg, sizeof(msg), "frame of bucket %s, already %s (raise --grace): not counted",
                 label, fl->fb.have_emitted && key <= fl->fb.last_key ? "emitted" : "closed");
        hsr_feed_warn(&fl->feed, line, msg);
    }
    return s;
}

static int save_checkpoint(follow_t *fl)
{
    out_file_t f;
    hsr_status_t s = out_file_open(&f, fl->o->checkpoint);
    if (s == HSR_OK) {
        s = fb_save(&fl->fb, clock_ms(CLOCK_REALTIME), f.f);
        if (s == HSR_OK)
            s = out_file_commit(&f);
        else
            out_file_abort(&f);
    }
    if (s != HSR_OK)
        return fail(fl, s, "cannot write checkpoint %s: %s", fl->o->checkpoint, why(s));
    fl->emitted = 0;
    fl->last_ckpt = clock_ms(CLOCK_MONOTONIC);
    fl->next_ckpt = fl->last_ckpt + fl->o->checkpoint_every * 1000;
    return HSR_EXIT_OK;
}

/* A checkpoint of an earlier run, if there is one: its buckets go on. */
static int load_checkpoint(follow_t *fl)
{
    const char *path = fl->o->checkpoint;
    char *data, msg[1024];
    size_t len;
    hsr_status_t s = fo_slurp(path, &data, &len);
    if (s == HSR_ERR_IO && errno == ENOENT)
        return HSR_EXIT_OK; /* the first run */
    if (s != HSR_OK)
        return fail(fl, s, "cannot read checkpoint %s: %s", path, why(s));
    uint64_t line;
    s = fb_load(&fl->fb, data, len, &line, msg, sizeof(msg));
    free(data);
    if (s == HSR_ERR_NOMEM)
        return fail(fl, s, "%s", hsr_strerror(s));
    if (s != HSR_OK)
        return fail(fl, s, "%s:%" PRIu64 ": %s", path, line, msg[0] ? msg : hsr_strerror(s));
    return HSR_EXIT_OK;
}

/* Every output, before anything is read: an unwritable one fails now. */
static int open_outputs(follow_t *fl)
{
    const hsr_opts_t *o = fl->o;
    hsr_status_t s;
    if (o->checkpoint) {
        out_file_t f;
        if ((s = out_file_open(&f, o->checkpoint)) != HSR_OK)
            return fail(fl, s, "cannot write checkpoint %s: %s", o->checkpoint, why(s));
        out_file_abort(&f);
    }
    struct stat st;
    if (o->bucket_states && (stat(o->bucket_states, &st) != 0 || !S_ISDIR(st.st_mode) ||
                             access(o->bucket_states, W_OK | X_OK) != 0))
        return fail(fl, HSR_ERR_IO, "--bucket-states %s: not a writable directory",
                    o->bucket_states);
    if ((s = fo_open(&fl->out, o->output)) != HSR_OK)
        return fail(fl, s, "cannot write %s: %s", o->output, why(s));
    return HSR_EXIT_OK;
}

static void progress(follow_t *fl)
{
    const fb_t *fb = &fl->fb;
    char first[64] = "-", last[64] = "-", done[64] = "none";
    if (fb->nopen) {
        agg_bucket_label(&fl->o->bucket, fb->open[0]->key, first, sizeof(first));
        agg_bucket_label(&fl->o->bucket, fb->open[fb->nopen - 1]->key, last, sizeof(last));
    }
    if (fb->have_emitted)
        agg_bucket_label(&fl->o->bucket, fb->last_key, done, sizeof(done));
    fprintf(stderr, "\r%" PRIu64 " frames, %zu open (%s .. %s), last emitted %s, %" PRIu64
            " late\033[K", fb->n.frames + fb->n.late, fb->nopen, first, last, done, fb->n.late);
    fl->progress_shown = 1;
}

/* The complete lines one read() brings. */
static hsr_status_t drain(follow_t *fl)
{
    fl->now_ms = clock_ms(CLOCK_REALTIME);
    for (;;) {
        const char *line = NULL;
        size_t len = 0;
        hsr_status_t s = ek_lines_next(&fl->lines, &line, &len);
        if (s == HSR_AGAIN)
            return HSR_OK;
        if ((s = hsr_feed_line(&fl->feed, &fl->lines, s, line, len)) != HSR_OK || fl->feed.done)
            return s;
    }
}

/* ms until the next thing to do, at most a minute. */
static int64_t next_wait(const follow_t *fl, int64_t now, int64_t mono)
{
    int64_t wait = 60000, due = fb_next_due_ms(&fl->fb);
    if (due != INT64_MAX)
        wait = due <= now ? 10 : due - now < wait ? due - now : wait;
    if (fl->o->checkpoint && fl->next_ckpt - mono < wait)
        wait = fl->next_ckpt - mono;
    if (fl->o->checkpoint && fl->emitted && fl->last_ckpt + CKPT_AFTER_EMIT_MS - mono < wait)
        wait = fl->last_ckpt + CKPT_AFTER_EMIT_MS - mono;
    if (fl->tty && fl->next_progress - mono < wait)
        wait = fl->next_progress - mono;
    return wait < 0 ? 0 : wait;
}

/* Reads until the input ends or a signal stops it. */
static int loop(follow_t *fl, int fd, const sigset_t *unblocked)
{
    const hsr_opts_t *o = fl->o;
    hsr_status_t s;
    int rc;
    for (;;) {
        if (got_stop)
            return HSR_EXIT_OK;
        if (got_hup) {
            got_hup = 0;
            if ((s = fo_reopen(&fl->out)) != HSR_OK)
                return fail(fl, s, "cannot reopen %s: %s", o->output, why(s));
        }
        int64_t now = clock_ms(CLOCK_REALTIME), mono = clock_ms(CLOCK_MONOTONIC);
        if ((s = fb_close_due(&fl->fb, now)) != HSR_OK)
            return fl->rc ? fl->rc : fail(fl, s, "%s", hsr_strerror(s));
        if (o->checkpoint && (mono >= fl->next_ckpt ||
                              (fl->emitted && mono >= fl->last_ckpt + CKPT_AFTER_EMIT_MS)) &&
            (rc = save_checkpoint(fl)) != HSR_EXIT_OK)
            return rc;
        if (fl->tty && mono >= fl->next_progress) {
            progress(fl);
            fl->next_progress = mono + 1000;
        }
        if (fl->feed.done)
            return HSR_EXIT_OK;
        int64_t wait = next_wait(fl, now, mono);
        struct timespec ts = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int r = ppoll(&pfd, 1, &ts, unblocked);
        if (r < 0 && errno != EINTR)
            return fail(fl, HSR_ERR_IO, "cannot read %s: %s", fl->name, strerror(errno));
        if (r > 0) {
            ek_lines_readable(&fl->lines);
            if ((s = drain(fl)) != HSR_OK)
                return fl->rc ? fl->rc : fail(fl, s, "%s: %s", fl->name, hsr_strerror(s));
        }
    }
}

/* The line at exit: what the stream gave, across restarts. */
static void summary(follow_t *fl, uint64_t malformed, int truncated)
{
    const fb_counters_t *n = &fl->fb.n;
    if (fl->progress_shown)
        fputc('\n', stderr);
    fprintf(stderr, "%s: --follow: %" PRIu64 " frames read, %" PRIu64 " bucket%s emitted", fl->prog,
            n->frames + n->late, n->emitted, n->emitted == 1 ? "" : "s");
    if (n->early)
        fprintf(stderr, " (%" PRIu64 " early: more than %d open)", n->early, HSR_MAX_OPEN_BUCKETS);
    if (n->late)
        fprintf(stderr, ", %" PRIu64 " late frame%s not counted (raise --grace)", n->late,
                n->late == 1 ? "" : "s");
    if (malformed)
        fprintf(stderr, ", %" PRIu64 " malformed line%s skipped", malformed,
                malformed == 1 ? "" : "s");
    if (fl->fb.nopen)
        fprintf(stderr, ", %zu open bucket%s kept in %s", fl->fb.nopen,
                fl->fb.nopen == 1 ? "" : "s", fl->o->checkpoint);
    fprintf(stderr, "%s\n", truncated ? ", input truncated" : "");
}

/* End of input or a signal: flush, or keep the open buckets for the next run. */
static int finish(follow_t *fl)
{
    const hsr_opts_t *o = fl->o;
    hsr_status_t s;
    int rc;
    if (fl->feed.done && (s = hsr_feed_end(&fl->feed, &fl->lines)) != HSR_OK)
        return fail(fl, s, "%s: %s", fl->name, hsr_strerror(s));
    uint64_t malformed = fl->fb.unknown.st.sum.malformed_lines;
    int truncated = fl->feed.truncated;
    s = fb_close_due(&fl->fb, clock_ms(CLOCK_REALTIME));
    if (s == HSR_OK && (!o->checkpoint || o->flush))
        s = fb_flush(&fl->fb);
    if (s != HSR_OK)
        return fl->rc ? fl->rc : fail(fl, s, "%s", hsr_strerror(s));
    if (o->checkpoint && (rc = save_checkpoint(fl)) != HSR_EXIT_OK)
        return rc;
    summary(fl, malformed, truncated);
    return truncated ? HSR_EXIT_TRUNCATED : HSR_EXIT_OK;
}

static int open_input(follow_t *fl, const char *path)
{
    if (strcmp(path, "-") == 0)
        return 0;
    for (;;) { /* a FIFO waits here for its writer; SIGTERM still stops it */
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0 || errno != EINTR || got_stop) {
            if (fd < 0 && !got_stop)
                fl->rc = fail(fl, HSR_ERR_IO, "cannot read %s: %s", path, strerror(errno));
            return fd;
        }
    }
}

static int run(follow_t *fl, const fb_settings_t *set, const char *path)
{
    const hsr_opts_t *o = fl->o;
    hsr_status_t s = fb_init(&fl->fb, set);
    if (s == HSR_ERR_BAD_ADDR || s == HSR_ERR_TOO_MANY)
        return fail(fl, s, "--sensor: %s", hsr_strerror(s));
    if (s == HSR_ERR_NOMEM)
        return fail(fl, s, "%s", hsr_strerror(s));
    if (s != HSR_OK)
        return fail(fl, s, "--tz %s: %s", o->tz, hsr_strerror(s));
    int rc;
    if ((o->checkpoint && (rc = load_checkpoint(fl)) != HSR_EXIT_OK) ||
        (rc = open_outputs(fl)) != HSR_EXIT_OK)
        return rc;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop; /* no SA_RESTART: a blocked open() or ppoll() returns */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a closed output is an error to report, not a death */
    int fd = open_input(fl, path);
    if (fd < 0 && !got_stop)
        return fl->rc;
    sigset_t block, unblocked;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &unblocked);
    hsr_feed_init(&fl->feed, &fl->parser, fl->name, &fl->fb.unknown.st.sum, &fl->diag, on_frame,
                  fl);
    fl->tty = isatty(2);
    fl->last_ckpt = -CKPT_AFTER_EMIT_MS;
    fl->next_ckpt = clock_ms(CLOCK_MONOTONIC) + o->checkpoint_every * 1000;
    rc = HSR_EXIT_OK;
    if (fd >= 0) {
        if (ek_parser_init(&fl->parser) != HSR_OK ||
            ek_lines_init_follow(&fl->lines, fd) != HSR_OK)
            rc = fail(fl, HSR_ERR_NOMEM, "%s", hsr_strerror(HSR_ERR_NOMEM));
        else
            rc = loop(fl, fd, &unblocked);
        ek_lines_free(&fl->lines);
        ek_parser_free(&fl->parser);
        if (fd > 0)
            close(fd);
    }
    if (rc == HSR_EXIT_OK)
        rc = finish(fl);
    sigprocmask(SIG_SETMASK, &unblocked, NULL);
    return rc;
}

int hsr_follow(const hsr_opts_t *o, const char *prog)
{
    follow_t *fl = calloc(1, sizeof(*fl));
    if (!fl) {
        fprintf(stderr, "%s: %s\n", prog, hsr_strerror(HSR_ERR_NOMEM));
        return HSR_EXIT_INTERNAL;
    }
    fl->o = o;
    fl->prog = prog;
    fl->out.fd = -1;
    const hsr_input_t *in = &o->inputs[0];
    fl->name = strcmp(in->path, "-") == 0 ? "(stdin)" : in->path;
    fl->diag = (hsr_diag_t){o->quiet ? NULL : stderr, prog, NULL, 0};
    fb_sensor_t sensors[HSR_MAX_SENSORS];
    for (size_t i = 0; i < o->nsensors; i++)
        sensors[i] = (fb_sensor_t){o->sensors[i].name, o->sensors[i].addrs};
    fb_settings_t set = {o->bucket, o->tz, o->sensor_by, sensors, o->nsensors, in->sensor,
                         o->grace * 1000, emit, fl};
    int rc = run(fl, &set, in->path);
    fo_close(&fl->out);
    fb_free(&fl->fb);
    free(fl);
    return rc;
}
