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

#endif /* HS_SRC_H */
