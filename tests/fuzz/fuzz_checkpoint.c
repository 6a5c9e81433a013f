/*
 * fuzz_checkpoint.c - the --follow checkpoint reader (fb_load) and what a
 * loaded checkpoint goes on to do: take a frame, close and render its
 * buckets, be saved and read back.  Nothing may crash, leak or read out
 * of bounds, whatever the bytes; a checkpoint it saved must load again.
 *
 * The settings are `--follow -b 1h` (UTC, sensors by input, none named),
 * those the seeds in corpus/checkpoint/ were made with.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "follow_buckets.h"
#include "hsr_render.h"

#define NOW_MS 1790000000000LL /* a wall clock after the seeds' frames */

static hsr_status_t render(void *ctx, const fb_bucket_t *b, int early)
{
    (void)early;
    hsr_opts_t o = {0};
    o.rep.top = 2;
    o.format = HSR_FMT_JSON;
    return hsr_render_bucket(ctx, &b->st, &o, "fuzz");
}

static int start(fb_t *fb, FILE *out)
{
    fb_settings_t set = {.tz = "UTC", .input_sensor = SIZE_MAX, .grace_ms = 60000,
                         .emit = render, .ctx = out};
    agg_bucket_parse("1h", &set.bucket);
    return fb_init(fb, &set) == HSR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        return 0;
    fb_t fb;
    char why[512];
    uint64_t line;
    if (start(&fb, null) && fb_load(&fb, (const char *)data, size, &line, why, sizeof(why)) == HSR_OK) {
        hsr_frame_t f;
        memset(&f, 0, sizeof(f));
        f.has_time = 1;
        f.time = 1709305200; /* 2024-03-01 15:00 UTC, the seeds' day */
        f.ip_proto = 6;
        f.dport = 23;
        f.icmp_type = -1;
        strcpy(f.src, "192.0.2.1");
        strcpy(f.dst, "192.0.2.2");
        int late;
        int64_t key;
        fb_add(&fb, &f, NOW_MS - 86400000LL * 800, &late, &key);
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        if (mem) {
            hsr_status_t s = fb_save(&fb, NOW_MS, mem);
            fclose(mem);
            fb_t back;
            if (start(&back, null)) {
                if (s == HSR_OK && fb_load(&back, buf, len, &line, why, sizeof(why)) != HSR_OK)
                    abort(); /* a checkpoint we wrote must read back */
                fb_flush(&back);
            }
            fb_free(&back);
            free(buf);
        }
        fb_close_due(&fb, NOW_MS);
        fb_flush(&fb);
    }
    fb_free(&fb);
    fclose(null);
    return 0;
}
