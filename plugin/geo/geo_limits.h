/*
 * geo_limits.h - every cap the source-attribution code puts on its input.
 *
 * Databases are files the analyst downloads; they can be damaged or odd.
 * Captures hold addresses chosen by attackers.  Each limit below bounds work
 * or memory; none of them changes a result that fits inside it.
 */
#ifndef GEO_LIMITS_H
#define GEO_LIMITS_H

/* Addresses remembered per capture file.  When the cache is full it is
 * emptied and refilled (each entry costs ~64 bytes plus its strings, so the
 * cap is ~20 MB); lookups stay correct, only slower, past it. */
#define GEO_CACHE_MAX_ENTRIES (1u << 17)

/* Slots the cache starts with; it doubles up to what GEO_CACHE_MAX_ENTRIES needs. */
#define GEO_CACHE_MIN_SLOTS 1024u

/* Bytes kept of an AS organisation or a country name (longer ones are cut
 * at a character boundary). */
#define GEO_STR_MAX 256

/* Search-tree nodes and data records looked at when a database is opened
 * to learn which schema it uses. */
#define GEO_PROBE_NODES 8192
#define GEO_PROBE_RECORDS 64

/* Directories searched for the usual database files. */
#define GEO_SEARCH_DIRS_MAX 32

/* Databases of one role read from a folder of dated files (monthly files
 * for 80 years fit), and the folder entries looked at to find them. */
#define GEO_DATED_MAX 1024
#define GEO_FOLDER_ENTRIES_MAX 65536

/* Length of the longest path honoured for a database. */
#define GEO_PATH_MAX 4096

#endif /* GEO_LIMITS_H */
