/*
 * fuzz_ek.c - the ek line reader and everything behind it.
 *
 * The input is read as ek lines into a state (warnings discarded), every
 * report is rendered in every format, the state goes through its file form
 * and back, and the input is also tried as a state file.  Nothing may crash,
 * leak or read out of bounds, whatever the bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "agg_save.h"
#include "hsr_render.h"
#include "hsr_run.h"

static void render_everything(const agg_state_t *st)
{
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        return;
    hsr_opts_t o = {0};
    o.rep.top = 1;
    o.rep.has_port = 1;
    agg_port_parse("23", &o.rep.port);
    for (int f = HSR_FMT_TABLE; f < HSR_FMT_COUNT; f++) {
        o.format = (hsr_format_t)f;
        for (int r = 0; r < REP_COUNT; r++) {
            o.report = (rep_id_t)r;
            hsr_render(null, st, &o);
        }
    }
    fclose(null);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    agg_bucket_t b;
    agg_bucket_parse("1h", &b);
    agg_state_t st;
    if (agg_state_init(&st, &b, "UTC", AGG_SENSOR_BY_DST) != HSR_OK) {
        agg_state_free(&st);
        return 0;
    }
    ek_parser_t p;
    hsr_diag_t d = {.warn = NULL, .prog = "fuzz"};
    if (ek_parser_init(&p) == HSR_OK) {
        hsr_read_mem(&st, &p, (const char *)data, size, "fuzz", SIZE_MAX, &d);
        ek_parser_free(&p);
    }
    render_everything(&st);

    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem) {
        agg_state_save(&st, mem);
        fclose(mem);
        agg_state_t back;
        uint64_t line;
        if (agg_state_load_mem(buf, len, &back, &line) != HSR_OK)
            abort(); /* a state we wrote must read back */
        agg_state_free(&back);
        free(buf);
    }
    agg_state_free(&st);

    agg_state_t loaded;
    uint64_t line;
    if (agg_state_load_mem((const char *)data, size, &loaded, &line) == HSR_OK)
        render_everything(&loaded);
    agg_state_free(&loaded);
    return 0;
}
