/*
 * out_svg.c - the pieces charts are drawn with, see out_svg.h.
 */
#include "out_svg.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 character XML allows at s (1..4), its code
 * point in *cp; 0 when the bytes are not one. */
static size_t utf8_char(const unsigned char *s, uint32_t *cp)
{
    size_t len;
    uint32_t c = s[0], min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xE0) == 0xC0)
        len = 2, c &= 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, c &= 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, c &= 0x07, min = 0x10000;
    else
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
        return 0;
    *cp = c;
    return len;
}

/* Writes at most max_chars characters of s (0: all); returns the bytes
 * of s consumed. */
static size_t esc_n(FILE *out, const char *s, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0;
    while (*p && (!max_chars || chars < max_chars)) {
        uint32_t cp;
        size_t len = utf8_char(p, &cp);
        chars++;
        if (!len) {
            fputs("\xEF\xBF\xBD", out);
            p++;
            continue;
        }
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (cp < 0x20 || cp == 0x7F)
                fputc(' ', out);
            else
                fwrite(p, 1, len, out);
        }
        p += len;
    }
    return (size_t)(p - (const unsigned char *)s);
}

void svg_esc(FILE *out, const char *s)
{
    esc_n(out, s, 0);
}

/* Steps over one character as esc_n writes it (an invalid byte is one);
 * returns its bytes and width.  Wide scripts (CJK and beyond) take about
 * two Latin characters. */
static size_t step(const unsigned char *p, double *px)
{
    uint32_t cp;
    size_t len = utf8_char(p, &cp);
    *px = len && cp >= 0x1100 ? 2 * SVG_CHAR_PX : SVG_CHAR_PX;
    return len ? len : 1;
}

double svg_text_px(const char *s)
{
    double px = 0, w;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        p += step(p, &w);
        px += w;
    }
    return px;
}

void svg_text_fit(FILE *out, const char *s, double max_px)
{
    if (svg_text_px(s) <= max_px + 1e-6) {
        svg_esc(out, s);
        return;
    }
    size_t chars = 0;
    double px = 3 * SVG_CHAR_PX, w; /* room for "..." */
    for (const unsigned char *p = (const unsigned char *)s; *p; chars++) {
        p += step(p, &w);
        if ((px += w) > max_px + 1e-6) /* sums of 7.2 are inexact */
            break;
    }
    if (chars)
        esc_n(out, s, chars);
    fputs("...", out);
}

void svg_num(char *buf, size_t n, double v)
{
    double a = fabs(v);
    if (a >= 1e9)
        snprintf(buf, n, "%.3gG", v / 1e9);
    else if (a >= 1e6)
        snprintf(buf, n, "%.3gM", v / 1e6);
    else if (a >= 1e4)
        snprintf(buf, n, "%.3gk", v / 1e3);
    else
        snprintf(buf, n, "%.4g", v);
}

/* 1, 2 or 5 times a power of ten, at least x. */
static double nice(double x)
{
    double p = pow(10, floor(log10(x))), m = x / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

svg_scale_t svg_scale(double max, double min_positive, int allow_log)
{
    svg_scale_t s = {0, 1, 0};
    if (!(max > 0))
        return s;
    if (allow_log && min_positive > 0 && max / min_positive >= 100) {
        s.log = 1;
        s.lo = pow(10, floor(log10(min_positive)));
        s.hi = pow(10, ceil(log10(max)));
        if (s.hi <= s.lo)
            s.hi = s.lo * 10;
        return s;
    }
    double step = nice(max / 4);
    s.hi = ceil(max / step) * step;
    return s;
}

double svg_scale_at(const svg_scale_t *s, double v)
{
    double t;
    if (s->log)
        t = v <= s->lo ? 0 : (log10(v) - log10(s->lo)) / (log10(s->hi) - log10(s->lo));
    else
        t = (v - s->lo) / (s->hi - s->lo);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

int svg_scale_ticks(const svg_scale_t *s, double *ticks, int max)
{
    int n = 0;
    if (s->log) {
        for (double v = s->lo; v <= s->hi * 1.0001 && n < max; v *= 10)
            ticks[n++] = v;
        return n;
    }
    double step = nice(s->hi / 4);
    for (double v = 0; v <= s->hi * 1.0001 && n < max; v += step)
        ticks[n++] = v;
    return n;
}

/* The Honeypot profile's hues, darker, so each reads on white. */
static const char *const grade_color[4] = {"#999999", "#1a9641", "#f2c12e", "#d7301f"};
static const char *const grade_names[4] = {"unknown", "green (probe)", "yellow (callback)",
                                           "red (takeover)"};

void svg_grade_fill(FILE *out, int grade, const char *uid)
{
    if (grade == 2 || grade == 3)
        fprintf(out, "url(#%s-g%d)", uid, grade);
    else
        fputs(grade_color[grade == 1], out);
}

const char *svg_grade_name(int grade)
{
    return grade_names[grade >= 1 && grade <= 3 ? grade : 0];
}

void svg_defs(FILE *out, const char *uid)
{
    /* Yellow: dark diagonal stripes; red: cross-hatching. */
    fprintf(out,
            "<defs><pattern id=\"%s-g2\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"%s\"/>"
            "<rect width=\"2\" height=\"6\" fill=\"#7a5c00\"/></pattern>"
            "<pattern id=\"%s-g3\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
            "<rect width=\"6\" height=\"6\" fill=\"%s\"/><path d=\"M0 0L6 6M6 0L0 6\" "
            "stroke=\"#4d0a03\" stroke-width=\"1\"/></pattern></defs>\n",
            uid, grade_color[2], uid, grade_color[3]);
}

/* Okabe and Ito's palette, without its yellow (too light on white). */
static const char *const series_color[SVG_SERIES] = {
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c564b",
};
static const char *const series_dash[SVG_SERIES] = {
    "", "6 3", "2 2", "8 3 2 3", "", "6 3", "2 2", "8 3 2 3",
};

const char *svg_series_color(size_t k)
{
    return k < SVG_SERIES ? series_color[k] : "#aaaaaa";
}

const char *svg_series_dash(size_t k)
{
    return k < SVG_SERIES ? series_dash[k] : "";
}

void svg_heat_color(double t, char *buf, size_t n)
{
    /* viridis, reversed (light = few), in five stops */
    static const unsigned char stop[5][3] = {
        {253, 231, 37}, {94, 201, 98}, {33, 145, 140}, {59, 82, 139}, {68, 1, 84},
    };
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double f = t * 4;
    int i = f >= 4 ? 3 : (int)f;
    f -= i;
    unsigned rgb[3];
    for (int k = 0; k < 3; k++)
        rgb[k] = (unsigned)(stop[i][k] + (stop[i + 1][k] - stop[i][k]) * f + 0.5);
    snprintf(buf, n, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}
