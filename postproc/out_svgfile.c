/*
 * out_svgfile.c - one report's charts as a standalone SVG file (-f svg),
 * for papers and slides: the title and what was read above the charts,
 * each chart a nested <svg> as on the HTML page.  PNG: rsvg-convert.
 */
#include "out_writers.h"

#include <stdlib.h>

#include "out_chart.h"
#include "out_svg.h"

hsr_status_t out_svg_write(FILE *out, const out_table_t *t, const out_meta_t *m)
{
    char sum[512], inc[256], note[128], *body = NULL;
    size_t len = 0;
    double y = 44, h;
    FILE *b = open_memstream(&body, &len);
    if (!b)
        return HSR_ERR_NOMEM;
    out_summary_sentence(m, sum, sizeof(sum));
    out_time_note(m, note, sizeof(note));
    hsr_status_t s = HSR_OK;
    if (out_incomplete(m, inc, sizeof(inc))) {
        fprintf(b, "<text x=\"8\" y=\"%.0f\" fill=\"#b00\" font-weight=\"bold\">", y);
        svg_text_fit(b, "Incomplete: ", 90);
        svg_text_fit(b, inc, OUT_CHART_WIDTH - 110);
        fputs("</text>\n", b);
        y += 8;
    }
    for (size_t k = 0; k < t->ncharts && t->nrows > t->nfoot && s == HSR_OK; k++) {
        s = out_chart_svg(b, t, k, note, y, &h);
        y += h;
    }
    if (t->nrows == t->nfoot || t->ncharts == 0) {
        fprintf(b, "<text x=\"8\" y=\"%.0f\">(no rows to draw)</text>\n", y + 16);
        y += 24;
    }
    if (fclose(b) != 0 && s == HSR_OK)
        s = HSR_ERR_NOMEM;
    if (s == HSR_OK) {
        fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
                     "viewBox=\"0 0 %d %.0f\" font-family=\"sans-serif\" font-size=\"%d\">\n",
                OUT_CHART_WIDTH, y + 8, OUT_CHART_WIDTH, y + 8, SVG_FONT_PX);
        fprintf(out, "<rect width=\"%d\" height=\"%.0f\" fill=\"#fff\"/>\n<text x=\"8\" y=\"18\" "
                     "font-weight=\"bold\">",
                OUT_CHART_WIDTH, y + 8);
        svg_text_fit(out, t->report, 120);
        fputs(": ", out);
        svg_text_fit(out, t->title, OUT_CHART_WIDTH - 160);
        fputs("</text>\n<text x=\"8\" y=\"34\" fill=\"#555\">", out);
        svg_text_fit(out, sum, OUT_CHART_WIDTH - 16);
        fputs("</text>\n", out);
        fwrite(body, 1, len, out);
        fputs("</svg>\n", out);
    }
    free(body);
    return s == HSR_OK && ferror(out) ? HSR_ERR_IO : s;
}
