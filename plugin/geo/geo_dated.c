/*
 * geo_dated.c - dates of databases: from a file name, and as text.
 *
 * Archives of MaxMind-format databases carry their date in the name
 * (MaxMind's downloads unpack to GeoLite2-ASN_20150301/, DB-IP names its
 * monthly files dbip-asn-lite-2015-03.mmdb, people write asn-2015-03-01).
 * A date in the name is what the file stands for; build_epoch is only the
 * fallback, since a converted or re-packed archive is built later than the
 * data it holds.
 */
#include "geo.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of the run of digits at s. */
static size_t digit_run(const char *s)
{
    size_t n = 0;
    while (is_digit(s[n]))
        n++;
    return n;
}

static unsigned number(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

static int leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a valid Gregorian date (Howard Hinnant's
 * days_from_civil), or -1 when the date does not exist or is out of range. */
static int64_t days_from_civil(unsigned y, unsigned m, unsigned d)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || y > 2199 || m < 1 || m > 12 || d < 1)
        return -1;
    if (d > mdays[m - 1] + (m == 2 && leap(y)))
        return -1;
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = yy / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date that starts at s (s[-1] is not a digit), or -1. */
static int64_t date_at(const char *s)
{
    size_t run = digit_run(s);
    if (run == 8)
        return days_from_civil(number(s, 4), number(s + 4, 2), number(s + 6, 2));
    if (run != 4)
        return -1;
    char sep = s[4];
    if ((sep != '-' && sep != '_' && sep != '.') || digit_run(s + 5) != 2)
        return -1;
    unsigned y = number(s, 4), m = number(s + 5, 2);
    if (s[7] == sep && digit_run(s + 8) == 2)
        return days_from_civil(y, m, number(s + 8, 2));
    if (s[7] == sep && is_digit(s[8]))
        return -1; /* 2015-03-1 or 2015-03-123: not a date we read */
    return days_from_civil(y, m, 1);
}

int geo_date_in_name(const char *name, int64_t *day)
{
    if (!name)
        return 0;
    for (size_t i = 0; name[i]; i++) {
        if (!is_digit(name[i]) || (i > 0 && is_digit(name[i - 1])))
            continue;
        int64_t days = date_at(name + i);
        if (days >= 0) {
            *day = days * 86400;
            return 1;
        }
        i += digit_run(name + i) - 1; /* on to the next run */
    }
    return 0;
}

void geo_format_date(int64_t t, char out[GEO_DATE_STRLEN])
{
    struct tm tm;
    time_t tt = (time_t)t;
    if ((int64_t)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 < 0 ||
        tm.tm_year + 1900 > 9999 ||
        strftime(out, GEO_DATE_STRLEN, "%Y-%m-%d", &tm) != GEO_DATE_STRLEN - 1)
        snprintf(out, GEO_DATE_STRLEN, "unknown");
}
