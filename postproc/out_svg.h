/*
 * out_svg.h - the pieces charts are drawn with: XML-safe text, text cut to
 * fit its box, number labels, value scales, and the colours and patterns of
 * grades and series.
 *
 * Everything written is valid XML whatever the input strings hold (an AS
 * name or sensor label may be invalid UTF-8 or carry control characters),
 * so a chart is also a well-formed standalone .svg file.
 */
#ifndef OUT_SVG_H
#define OUT_SVG_H

#include <stddef.h>
#include <stdio.h>

/* The chart font: sans-serif at this size, and a width per character
 * that errs wide, so that text cut with svg_text_fit stays in its box. */
#define SVG_FONT_PX 11
#define SVG_CHAR_PX 7.2

/* s as XML text or attribute value: markup characters escaped, invalid
 * UTF-8 and characters XML forbids written as U+FFFD, control characters
 * as spaces. */
void svg_esc(FILE *out, const char *s);
/* s escaped, cut (with "...") to at most max_px wide at the chart font. */
void svg_text_fit(FILE *out, const char *s, double max_px);
/* Estimated width of s at the chart font. */
double svg_text_px(const char *s);

/* "950", "12k", "1.5M": an axis or bar label. */
void svg_num(char *buf, size_t n, double v);

/* A value axis from 0 (linear) or from a power of ten (log) to hi. */
typedef struct {
    double lo, hi;
    int log;
} svg_scale_t;
/* Log when allowed and the positive values span two decades or more. */
svg_scale_t svg_scale(double max, double min_positive, int allow_log);
/* Where v falls, 0 (lo or below) to 1 (hi). */
double svg_scale_at(const svg_scale_t *s, double v);
/* Tick values, at most max of them; returns how many. */
int svg_scale_ticks(const svg_scale_t *s, double *ticks, int max);

/* Grades 1..3 (green, yellow, red): a fill (a pattern from svg_defs for
 * yellow and red, so they differ in more than hue), and a name. */
void svg_grade_fill(FILE *out, int grade, const char *uid);
const char *svg_grade_name(int grade);
/* <defs> with the grade patterns, ids prefixed by uid. */
void svg_defs(FILE *out, const char *uid);

/* Series k: a colour-blind-safe colour and a dash pattern ("" = solid);
 * past SVG_SERIES the colour is grey. */
#define SVG_SERIES 8
const char *svg_series_color(size_t k);
const char *svg_series_dash(size_t k);

/* Sequential colour of a heat-map cell, t in 0..1 (light to dark). */
void svg_heat_color(double t, char *buf, size_t n);

#endif /* OUT_SVG_H */
