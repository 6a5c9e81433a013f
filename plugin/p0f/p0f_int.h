/*
 * p0f_int.h - the p0f module's internals, shared by its .c files only.
 *
 * A database keeps, per direction, its signatures in file order and groups
 * them by TCP option layout (p0f's opt_hash buckets, without collisions):
 * a packet is compared only with the signatures of its own layout, in file
 * order, as p0f does.
 */
#ifndef P0F_INT_H
#define P0F_INT_H

#include "p0f.h"

/* Window size forms of a signature (p0f's WIN_TYPE_*). */
enum {
    P0F_WIN_NORMAL = 0, /* a value */
    P0F_WIN_ANY,        /* '*' */
    P0F_WIN_MOD,        /* '%N' */
    P0F_WIN_MSS,        /* 'mss*N' */
    P0F_WIN_MTU,        /* 'mtu*N' */
};

/* What the matcher compares: a packet, or a signature being checked for
 * duplicates (p0f's struct tcp_sig).  -1 = wildcard in a signature. */
typedef struct p0f_probe {
    int ip_ver;       /* 4, 6, or -1 (signature for both) */
    int ttl;
    int ip_opt_len;
    int mss;
    int win_type;
    int win;
    int wscale;
    int opt_eol_pad;
    uint32_t quirks;
    int pay_class;
    int tot_hdr;
    uint32_t ts1;
} p0f_probe_t;

/* One sig line. */
typedef struct p0f_sig {
    p0f_probe_t p;
    bool bad_ttl;
    uint32_t label;  /* index into db->labels */
    uint32_t line;
} p0f_sig_t;

/* One label line. */
typedef struct p0f_label {
    bool generic;
    int class_id;    /* index into db->classes, -1 for '!' */
    uint32_t name_id;
    char *flavor;    /* NULL when empty */
    char *text;      /* "name flavor" */
} p0f_label_t;

/* The signatures of one direction that share an option layout. */
typedef struct p0f_group {
    uint8_t cnt;
    uint8_t layout[P0F_MAX_TCP_OPT];
    uint32_t *sigs;  /* indices into the direction's sigs, file order */
    uint32_t n, cap;
} p0f_group_t;

typedef struct p0f_dirdb {
    p0f_sig_t *sigs;
    uint32_t nsigs, sigcap;
    p0f_group_t *groups;
    uint32_t ngroups, groupcap;
    uint32_t *table; /* open addressing on the layout: group index + 1, 0 = empty */
    uint32_t tsize;  /* a power of two, at least twice ngroups */
} p0f_dirdb_t;

struct p0f_db {
    p0f_dirdb_t dir[2];
    p0f_label_t *labels;
    uint32_t nlabels, labelcap;
    char *classes[P0F_MAX_CLASSES];
    uint32_t nclasses;
    char **names;
    uint32_t nnames, namecap;
};

/* A match found by p0f_find(). */
typedef struct p0f_hit {
    const p0f_sig_t *sig; /* NULL: none */
    bool fuzzy;
    uint8_t dist;
} p0f_hit_t;

/* The group of a layout in one direction, or NULL. */
const p0f_group_t *p0f_group_find(const p0f_dirdb_t *d, const uint8_t *layout, uint8_t cnt);

/* p0f's tcp_find_match() over one group (may be NULL).  dupe_det: only an
 * exact, specific match counts (checking a new signature for duplicates). */
void p0f_find(const p0f_db_t *db, const p0f_dirdb_t *d, const p0f_group_t *g,
              const p0f_probe_t *ts, bool dupe_det, uint16_t syn_mss, p0f_hit_t *hit);

/* p0f's detect_win_multi(): the window as a multiple of MSS or MTU, or -1. */
int p0f_win_multi(const p0f_probe_t *ts, bool *use_mtu, uint16_t syn_mss);

/* p0f's guess_dist(). */
uint8_t p0f_guess_dist(uint8_t ttl);

/* The probe of a packet (p0f's packet_to_sig()). */
void p0f_probe_from_packet(const p0f_packet_t *pk, p0f_probe_t *ts);

/* Adds one [tcp:*] sig line (the value after "sig =") of the current label;
 * false with *why set when the line cannot be used.  why_buf receives
 * formatted reasons. */
bool p0f_sig_add(p0f_db_t *db, p0f_dir_t dir, uint32_t label, const char *val, uint32_t line,
                 char *why_buf, size_t why_size, p0f_status_t *status);

/* Quirk names in p0f's order, for parsing and printing. */
typedef struct p0f_quirk_name {
    const char *name;
    uint32_t bit;
} p0f_quirk_name_t;
extern const p0f_quirk_name_t p0f_quirk_names[];
extern const size_t p0f_quirk_name_count;

#endif /* P0F_INT_H */
