/*
 * test_report_svg.c - the pieces charts are drawn with (out_svg.c): text
 * that is valid XML whatever the input, text cut to fit its box, value
 * scales and their ticks.
 */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_svg.h"
#include "unit.h"

/* What fn writes, as a string (freed by the caller). */
static char *written(void (*fn)(FILE *, const char *, double), const char *s, double px)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fn(f, s, px);
    fclose(f);
    return buf;
}

static void esc_px(FILE *f, const char *s, double px)
{
    (void)px;
    svg_esc(f, s);
}

static void test_escape(void)
{
    char *out = written(esc_px, "a<b>&\"c'", 0);
    HS_ASSERT_STR(out, "a&lt;b&gt;&amp;&quot;c&#39;");
    free(out);
    /* Control characters become spaces; bytes that are not UTF-8 (a lone
     * continuation byte, a truncated sequence, an overlong form, a
     * surrogate, U+FFFE) become U+FFFD; valid UTF-8 stays. */
    out = written(esc_px, "a\x01\tb\x7f|\x80|\xe2\x82|\xc0\xaf|\xed\xa0\x80|\xef\xbf\xbe|\xe6\x97\xa5", 0);
    HS_ASSERT_STR(out, "a  b |\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
                       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
                       "\xe6\x97\xa5");
    free(out);
    /* A sequence cut by the end of the string reads no further. */
    out = written(esc_px, "x\xf0\x9f", 0);
    HS_ASSERT_STR(out, "x\xEF\xBF\xBD\xEF\xBF\xBD");
    free(out);
}

static void test_fit(void)
{
    char *out = written(svg_text_fit, "short", 100);
    HS_ASSERT_STR(out, "short");
    free(out);
    /* 20 characters in the room of 10: 7 of them and "...". */
    out = written(svg_text_fit, "CHINA UNICOM China169 Backbone", 10 * SVG_CHAR_PX);
    HS_ASSERT_STR(out, "CHINA U...");
    free(out);
    CU_ASSERT(svg_text_px("CHINA U...") <= 10 * SVG_CHAR_PX + 1e-6);
    /* Wide characters count double; a cut never splits one. */
    out = written(svg_text_fit, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\xe5\xad\x97", 7 * SVG_CHAR_PX);
    HS_ASSERT_STR(out, "\xe6\x97\xa5\xe6\x9c\xac...");
    free(out);
    /* Too little room for anything: just the dots. */
    out = written(svg_text_fit, "abcdef", 2 * SVG_CHAR_PX);
    HS_ASSERT_STR(out, "...");
    free(out);
}

static void test_scales(void)
{
    double t[16];
    svg_scale_t s = svg_scale(27, 10, 1);
    CU_ASSERT_FALSE(s.log); /* under two decades: linear, from 0 */
    CU_ASSERT_DOUBLE_EQUAL(s.lo, 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(s.hi, 30, 1e-9);
    CU_ASSERT_EQUAL(svg_scale_ticks(&s, t, 16), 4); /* 0 10 20 30 */
    CU_ASSERT_DOUBLE_EQUAL(t[3], 30, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(svg_scale_at(&s, 15), 0.5, 1e-9);

    s = svg_scale(441, 1, 1); /* counts from 1 to 441: log, 1 .. 1000 */
    CU_ASSERT_TRUE(s.log);
    CU_ASSERT_DOUBLE_EQUAL(s.lo, 1, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(s.hi, 1000, 1e-9);
    CU_ASSERT_EQUAL(svg_scale_ticks(&s, t, 16), 4);
    CU_ASSERT_DOUBLE_EQUAL(svg_scale_at(&s, 10), 1.0 / 3, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(svg_scale_at(&s, 0), 0, 1e-9); /* 0 on the axis */

    s = svg_scale(441, 1, 0); /* log not allowed (stacked bars) */
    CU_ASSERT_FALSE(s.log);
    s = svg_scale(0, 0, 1); /* nothing to draw: a sane axis */
    CU_ASSERT(s.hi > s.lo);
    CU_ASSERT_DOUBLE_EQUAL(svg_scale_at(&s, 5), 1, 1e-9); /* clamped */

    char b[32];
    svg_num(b, sizeof(b), 950);
    HS_ASSERT_STR(b, "950");
    svg_num(b, sizeof(b), 12000);
    HS_ASSERT_STR(b, "12k");
    svg_num(b, sizeof(b), 1.5e6);
    HS_ASSERT_STR(b, "1.5M");
}

static CU_TestInfo tests[] = {
    {"text is valid XML whatever the bytes", test_escape},
    {"text is cut to fit its box", test_fit},
    {"value scales: linear, log over two decades, ticks", test_scales},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("chart pieces", tests)
