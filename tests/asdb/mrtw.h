/*
 * mrtw.h - a tiny MRT writer (RFC 6396) for the tests: PEER_INDEX_TABLE,
 * TABLE_DUMP_V2 unicast RIBs (plain and ADDPATH), legacy TABLE_DUMP, with
 * AS paths written as text: "64496 64500" is an AS_SEQUENCE, "{64511,64502}"
 * an AS_SET, "" an empty AS_PATH, NULL no AS_PATH attribute at all.
 * Everything goes into a growing buffer; aborts on misuse (test code).
 */
#ifndef MRTW_H
#define MRTW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct mrtw {
    uint8_t *b;
    size_t n, cap;
} mrtw_t;

typedef struct mrtw_route {
    uint16_t peer;
    const char *path; /* AS_PATH as text, NULL for none */
} mrtw_route_t;

void mrtw_free(mrtw_t *w);
void mrtw_u8(mrtw_t *w, unsigned v);
void mrtw_u16(mrtw_t *w, unsigned v);
void mrtw_u32(mrtw_t *w, uint32_t v);
void mrtw_bytes(mrtw_t *w, const void *p, size_t n);
/* An MRT header; the length is patched by mrtw_end(w, start). */
size_t mrtw_begin(mrtw_t *w, uint32_t ts, unsigned type, unsigned subtype);
void mrtw_end(mrtw_t *w, size_t start);

/* ORIGIN and AS_PATH attributes (as_size 2 or 4), plus AS4_PATH when as4 is not NULL. */
void mrtw_attrs(mrtw_t *w, const char *path, unsigned as_size, const char *as4);

void mrtw_peer_index(mrtw_t *w, uint32_t ts, unsigned peers);
/* A RIB record for prefix ("192.0.2.0/24", "2001:db8::/32"). */
void mrtw_rib(mrtw_t *w, uint32_t ts, const char *prefix, bool addpath, size_t n,
              const mrtw_route_t *routes);
/* A legacy TABLE_DUMP record (2-byte AS path, optional AS4_PATH). */
void mrtw_table_dump(mrtw_t *w, uint32_t ts, const char *prefix, const char *path,
                     const char *as4);
/* Writes w to path; false on error. */
bool mrtw_save(const mrtw_t *w, const char *path);

#endif /* MRTW_H */
