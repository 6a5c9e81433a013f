/*
 * p0f.h - passive OS fingerprinting of TCP SYN and SYN+ACK packets with p0f
 * v3 signatures (p0f.fp).  Pure C, no Wireshark header.
 *
 *   p0f_db_*        a fingerprint file: its [tcp:request] and [tcp:response]
 *                   signatures, read once (p0f_readfp.c, p0f_sig.c).
 *   p0f_packet_*    the fields of one raw IPv4/IPv6 + TCP header that p0f
 *                   looks at (p0f_packet.c), and p0f's raw_sig text of them
 *                   (p0f_dump.c).
 *   p0f_match()     what p0f v3 answers for a packet: exact match first,
 *                   then p0f's fuzzy rules, generic (g:) signatures only
 *                   when no specific one matches (p0f_match.c).
 *
 * The semantics are those of p0f 3.09b (fp_tcp.c, process.c, readfp.c);
 * README-os.md lists the few deliberate differences.  Functions return a
 * p0f_status_t; p0f_strerror() turns one into a phrase.  Nothing here
 * prints: problems in a fingerprint file come back as messages.
 */
#ifndef P0F_H
#define P0F_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "p0f_limits.h"

typedef enum p0f_status {
    P0F_OK = 0,
    P0F_ERR_ARG,       /* a NULL or nonsensical argument */
    P0F_ERR_NOMEM,
    P0F_ERR_OPEN,      /* the fingerprint file cannot be opened */
    P0F_ERR_READ,      /* ... or read */
    P0F_ERR_TOO_BIG,   /* ... is larger than P0F_MAX_FILE_SIZE */
    P0F_ERR_NO_SIGS,   /* ... holds no usable TCP signature */
    P0F_ERR_TRUNCATED, /* the packet ends inside the IP or TCP header */
    P0F_ERR_NOT_IP,    /* the packet is neither IPv4 nor IPv6 */
    P0F_ERR_NOT_TCP,   /* the IP payload is not TCP (or is an IPv6 extension header) */
    P0F_ERR_FRAGMENT,  /* an IPv4 fragment */
    P0F_ERR_HEADER,    /* a header length that makes no sense */
    P0F_ERR_FLAGS,     /* a TCP flag combination p0f ignores (no flag, SYN+FIN...) */
    P0F_ERR_NOT_SYN,   /* a TCP packet, but neither SYN nor SYN+ACK */
} p0f_status_t;

const char *p0f_strerror(p0f_status_t status);

/* ---- fingerprint file ---- */

/* The two TCP signature sets: SYN ([tcp:request]) and SYN+ACK ([tcp:response]). */
typedef enum p0f_dir {
    P0F_DIR_SYN = 0,
    P0F_DIR_SYNACK = 1,
} p0f_dir_t;

/* Problems met while reading a file: the first P0F_MAX_MSGS as
 * "file:line: what", and how many there were in all. */
typedef struct p0f_msgs {
    char text[P0F_MAX_MSGS][P0F_MSG_LEN];
    unsigned kept;
    unsigned total;
} p0f_msgs_t;

typedef struct p0f_db p0f_db_t;

/* Reads a fingerprint file.  Lines that cannot be used are skipped, each
 * with a message in msgs (which may be NULL); the rest is loaded.  On
 * P0F_OK, *out is the database (free it with p0f_db_free).  A file without
 * any usable TCP signature gives P0F_ERR_NO_SIGS and no database. */
p0f_status_t p0f_db_load_file(const char *path, p0f_db_t **out, p0f_msgs_t *msgs);

/* The same from text in memory; name is used in messages. */
p0f_status_t p0f_db_load_text(const char *text, size_t len, const char *name, p0f_db_t **out,
                              p0f_msgs_t *msgs);

void p0f_db_free(p0f_db_t *db);

/* Signatures loaded for one direction. */
size_t p0f_db_sig_count(const p0f_db_t *db, p0f_dir_t dir);

/* ---- packets ---- */

/* Quirks, as p0f names them (the sig's quirks field). */
enum {
    P0F_QUIRK_ECN = 1u << 0,      /* ecn    */
    P0F_QUIRK_DF = 1u << 1,       /* df     */
    P0F_QUIRK_NZ_ID = 1u << 2,    /* id+    */
    P0F_QUIRK_ZERO_ID = 1u << 3,  /* id-    */
    P0F_QUIRK_NZ_MBZ = 1u << 4,   /* 0+     */
    P0F_QUIRK_FLOW = 1u << 5,     /* flow   */
    P0F_QUIRK_ZERO_SEQ = 1u << 6, /* seq-   */
    P0F_QUIRK_NZ_ACK = 1u << 7,   /* ack+   */
    P0F_QUIRK_ZERO_ACK = 1u << 8, /* ack-   */
    P0F_QUIRK_NZ_URG = 1u << 9,   /* uptr+  */
    P0F_QUIRK_URG = 1u << 10,     /* urgf+  */
    P0F_QUIRK_PUSH = 1u << 11,    /* pushf+ */
    P0F_QUIRK_OPT_ZERO_TS1 = 1u << 12, /* ts1- */
    P0F_QUIRK_OPT_NZ_TS2 = 1u << 13,   /* ts2+ */
    P0F_QUIRK_OPT_EOL_NZ = 1u << 14,   /* opt+ */
    P0F_QUIRK_OPT_EXWS = 1u << 15,     /* exws */
    P0F_QUIRK_OPT_BAD = 1u << 16,      /* bad  */
};

/* TCP option kinds p0f names in option layouts. */
enum {
    P0F_OPT_EOL = 0,
    P0F_OPT_NOP = 1,
    P0F_OPT_MSS = 2,
    P0F_OPT_WS = 3,
    P0F_OPT_SOK = 4,
    P0F_OPT_SACK = 5,
    P0F_OPT_TS = 8,
};

/* What p0f takes from the IP and TCP headers of a packet.  Filled by
 * p0f_packet_parse(), or by hand (tests). */
typedef struct p0f_packet {
    uint8_t ip_ver;      /* 4 or 6 */
    uint8_t ttl;         /* TTL / hop limit as seen */
    uint8_t tos;         /* DSCP (the upper six bits of TOS / traffic class) */
    uint8_t ip_opt_len;  /* IPv4 options length; 0 for IPv6 */
    uint8_t tcp_flags;   /* the TCP flags byte (FIN 0x01 ... CWR 0x80) */
    uint8_t src[16], dst[16]; /* addresses (IPv4 in the first 4 bytes) */
    uint16_t sport, dport;
    uint32_t seq;
    uint16_t win;
    uint16_t mss;        /* 0 without an MSS option */
    uint8_t wscale;      /* 0 without a window scale option */
    uint32_t ts1;        /* own timestamp, 0 without one */
    uint8_t opt_cnt;
    uint8_t opt_layout[P0F_MAX_TCP_OPT];
    uint8_t opt_eol_pad; /* bytes after an EOL option */
    uint32_t quirks;     /* P0F_QUIRK_* */
    uint16_t tot_hdr;    /* IP header + TCP header length */
    uint32_t pay_len;    /* TCP payload length */
    bool truncated;      /* the capture holds less than the IP length says */
} p0f_packet_t;

/* Parses a raw IPv4 or IPv6 header and the TCP header after it: ip points
 * at the IP header, len is the number of captured bytes from there (the
 * payload need not be present: its length comes from the IP header, and
 * pk->truncated says the capture was cut short).  Reads only the two
 * headers, never more than min(len, P0F_MAX_HDR_BYTES) bytes (so ip need
 * only point at that many), and at most P0F_MAX_TCP_OPT options.  On P0F_OK the packet is a
 * SYN or SYN+ACK p0f would fingerprint; P0F_ERR_NOT_SYN still fills pk. */
p0f_status_t p0f_packet_parse(const uint8_t *ip, size_t len, p0f_packet_t *pk);

/* Which signature set a SYN (P0F_DIR_SYN) or SYN+ACK belongs to; false when
 * the packet is neither (p0f looks at SYN, ACK, FIN and RST only). */
bool p0f_packet_dir(const p0f_packet_t *pk, p0f_dir_t *dir);

/* p0f's raw_sig of the packet ("4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0"),
 * NUL-terminated in buf; syn_mss as for p0f_match().  Returns the length it
 * needed (like snprintf).  P0F_SIG_TEXT_MAX bytes are always enough. */
size_t p0f_packet_format(const p0f_packet_t *pk, uint16_t syn_mss, char *buf, size_t size);

/* ---- SYN+ACKs: the MSS of the SYN they answer ---- */

/* Recent SYNs' MSS by connection, for p0f's "peer MSS" window rule on
 * SYN+ACKs: a fixed table of P0F_PEER_SLOTS entries, no allocation after
 * p0f_peer_new(); a SYN is forgotten when a later one takes its slot. */
typedef struct p0f_peer p0f_peer_t;

p0f_peer_t *p0f_peer_new(void);
void p0f_peer_free(p0f_peer_t *peer);
void p0f_peer_clear(p0f_peer_t *peer);
/* Notes a SYN's MSS (other packets are ignored). */
void p0f_peer_note(p0f_peer_t *peer, const p0f_packet_t *pk);
/* For a SYN+ACK, the MSS of the SYN it answers if noted, else 0. */
uint16_t p0f_peer_syn_mss(const p0f_peer_t *peer, const p0f_packet_t *pk);

/* ---- matching ---- */

typedef enum p0f_match_kind {
    P0F_MATCH_NONE = 0,
    P0F_MATCH_EXACT,
    P0F_MATCH_FUZZY,   /* also a fuzzy match of a generic signature */
    P0F_MATCH_GENERIC,
} p0f_match_kind_t;

/* "exact", "fuzzy", "generic" (or "none"). */
const char *p0f_match_name(p0f_match_kind_t kind);

typedef struct p0f_result {
    p0f_match_kind_t kind;
    bool generic;          /* a g: signature */
    bool fuzzy;
    bool app;              /* class '!' (a tool, not an OS) or a p0f-sendsyn probe:
                              p0f logs it as app=, not os= */
    bool bad_ttl;          /* a "ttl-" signature: dist is an upper bound */
    const char *label;     /* "name flavor" as p0f prints it, e.g. "Linux 3.11 and newer" */
    const char *name;      /* "Linux" */
    const char *flavor;    /* "3.11 and newer", NULL when the label has none */
    const char *os_class;  /* the label's class as the classes line spells it
                              ("unix", "win", "other"), or "!" */
    unsigned line;         /* the signature's line in the file */
    uint8_t dist;          /* p0f's distance in hops (guessed without a match) */
} p0f_result_t;

/* Matches a SYN or SYN+ACK against db.  syn_mss: for a SYN+ACK, the MSS of
 * the SYN it answers (p0f's "peer MSS" window rule), else 0.  P0F_OK with
 * res->kind == P0F_MATCH_NONE when nothing matches (p0f's "???").  The
 * strings point into db and live as long as it. */
p0f_status_t p0f_match(const p0f_db_t *db, const p0f_packet_t *pk, uint16_t syn_mss,
                       p0f_result_t *res);

#endif /* P0F_H */
