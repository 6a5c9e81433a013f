/*
 * hs_src.h - what the src protocol tells other glue about a packet's source.
 */
#ifndef HS_SRC_H
#define HS_SRC_H

#include <epan/packet.h>

typedef struct {
    guint32 asn;         /* 0: unknown */
    char country[4];     /* ISO alpha-2, "" when unknown */
} hs_src_info_t;

/* The attribution of this packet's (outermost) source, once src's
 * postdissector has run for it; NULL when unknown or not looked up. */
const hs_src_info_t *hs_src_info(packet_info *pinfo);

/* What the src.* fields of this packet hold (or would, were they asked
 * for), for the state tap: NULL strings and has_asn FALSE where a field is
 * absent; NULL when the packet gets no src fields at all. */
typedef struct {
    gboolean has_asn;
    guint32 asn;
    const char *as_org, *country, *country_name;
    const char *db_dates[2]; /* src.db_date values, "YYYY-MM-DD" */
    guint n_db_dates;
} hs_src_fields_t;
const hs_src_fields_t *hs_src_fields(packet_info *pinfo);

/* The same for src.os and src.os_class (packet-os.c): FALSE when the
 * packet gets no src.os.  While hs_os_want_fields(TRUE), every SYN and
 * SYN+ACK is matched whether or not a field is asked for. */
void hs_os_want_fields(gboolean want);
gboolean hs_os_fields(packet_info *pinfo, const char **label, const char **os_class);

#endif /* HS_SRC_H */
