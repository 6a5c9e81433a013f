/*
 * p0f_limits.h - every cap the p0f module puts on its inputs.
 *
 * A fingerprint file is configuration (but may be hostile or broken), and a
 * packet is attacker-controlled.  Each limit below bounds work or memory;
 * hitting one while reading a file is a message naming file and line, and
 * hitting one in a packet is p0f's own behaviour (the 'bad' quirk).
 */
#ifndef P0F_LIMITS_H
#define P0F_LIMITS_H

/* TCP options recorded per packet or signature (p0f's MAX_TCP_OPT).  A
 * packet with more options gets the 'bad' quirk, as in p0f. */
#define P0F_MAX_TCP_OPT 24

/* Most bytes p0f_packet_parse() reads from a packet: the longest IPv4
 * header (60) and the longest TCP header (60). */
#define P0F_MAX_HDR_BYTES 120

/* Largest TTL distance of a non-fuzzy match (p0f's MAX_DIST). */
#define P0F_MAX_DIST 35

/* Largest fingerprint file read; a bigger one is refused (Debian's is 40 kB). */
#define P0F_MAX_FILE_SIZE (8u * 1024u * 1024u)

/* Longest line of a fingerprint file; a longer one is skipped with a message. */
#define P0F_MAX_LINE 1024

/* TCP signatures kept per direction ([tcp:request], [tcp:response]); more
 * are skipped with a message.  Duplicate detection compares a new
 * signature with the earlier ones of the same option layout, so this also
 * bounds load time (Debian's file has about 350). */
#define P0F_MAX_SIGS 8192

/* Labels, OS names and classes kept; more are skipped with a message. */
#define P0F_MAX_LABELS 8192
#define P0F_MAX_NAMES 8192
#define P0F_MAX_CLASSES 64

/* Messages kept per load (the count of all of them is kept too), and the
 * length of one ("file:line: text"). */
#define P0F_MAX_MSGS 16
#define P0F_MSG_LEN 200

/* Longest raw signature text p0f_packet_format() writes (24 options of at
 * most 8 characters, every quirk, the numbers): 512 is ample. */
#define P0F_SIG_TEXT_MAX 512

/* SYNs remembered for their SYN+ACKs (p0f_peer.c): 16 bytes each. */
#define P0F_PEER_SLOTS 65536u

/* Values p0f-sendsyn uses, which p0f recognises (config.h). */
#define P0F_SPECIAL_MSS 1331
#define P0F_SPECIAL_WIN 1337

#endif /* P0F_LIMITS_H */
