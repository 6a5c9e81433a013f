/*
 * out_chart.h - a report's charts as SVG (the HTML page and -f svg).
 *
 * Each chart of a table (out_table.h) becomes one <svg class="chart">
 * element: bars, lines over time, stacked columns over time, or a heat map,
 * with axes, a legend and the exact values in each mark's <title> (shown on
 * hover).  Every body row of the table is one mark carrying data-row="i",
 * its row index, so a reader can match marks to rows.
 */
#ifndef OUT_CHART_H
#define OUT_CHART_H

#include <stdio.h>

#include "out_table.h"

#define OUT_CHART_WIDTH 900

/* Chart k of t at (0, y) of the enclosing page or SVG; time_note names the
 * time axis ("bucket start, 1d, Asia/Tokyo").  Sets *height. */
hsr_status_t out_chart_svg(FILE *out, const out_table_t *t, size_t k, const char *time_note,
                           double y, double *height);

#endif /* OUT_CHART_H */
