/*
 * p0f_peer.c - the MSS of recent SYNs, found again for their SYN+ACKs.
 *
 * p0f tries, on a SYN+ACK, whether the window is a multiple of the MSS of
 * the SYN it answers; p0f keeps that in its flow table.  Here it is a
 * direct-mapped table of P0F_PEER_SLOTS slots keyed by a 64-bit hash of
 * the connection (addresses, ports): constant time, fixed memory, nothing
 * allocated per packet.  A slot holds the whole hash, so a SYN+ACK finds
 * only its own SYN (unless two connections hash alike in 64 bits); a SYN
 * whose slot a later SYN took is forgotten, and the SYN+ACK gets 0.
 */
#include <stdlib.h>
#include <string.h>

#include "p0f.h"

typedef struct {
    uint64_t key; /* 0 = empty */
    uint16_t mss;
} slot_t;

struct p0f_peer {
    slot_t slots[P0F_PEER_SLOTS];
};

/* FNV-1a over the client side first, then the server side. */
static uint64_t conn_key(const p0f_packet_t *pk, bool from_client)
{
    size_t alen = pk->ip_ver == 6 ? 16 : 4;
    const uint8_t *c = from_client ? pk->src : pk->dst, *s = from_client ? pk->dst : pk->src;
    uint16_t cp = from_client ? pk->sport : pk->dport, sp = from_client ? pk->dport : pk->sport;
    uint64_t h = 14695981039346656037ull ^ pk->ip_ver;
    for (size_t i = 0; i < alen; i++)
        h = (h ^ c[i]) * 1099511628211ull;
    for (size_t i = 0; i < alen; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    h = (h ^ (cp >> 8)) * 1099511628211ull;
    h = (h ^ (cp & 0xff)) * 1099511628211ull;
    h = (h ^ (sp >> 8)) * 1099511628211ull;
    h = (h ^ (sp & 0xff)) * 1099511628211ull;
    return h ? h : 1;
}

p0f_peer_t *p0f_peer_new(void)
{
    return calloc(1, sizeof(p0f_peer_t));
}

void p0f_peer_free(p0f_peer_t *peer)
{
    free(peer);
}

void p0f_peer_clear(p0f_peer_t *peer)
{
    if (peer)
        memset(peer, 0, sizeof(*peer));
}

void p0f_peer_note(p0f_peer_t *peer, const p0f_packet_t *pk)
{
    p0f_dir_t dir;
    if (!peer || !pk || !p0f_packet_dir(pk, &dir) || dir != P0F_DIR_SYN)
        return;
    uint64_t k = conn_key(pk, true);
    slot_t *s = &peer->slots[k & (P0F_PEER_SLOTS - 1)];
    s->key = k;
    s->mss = pk->mss;
}

uint16_t p0f_peer_syn_mss(const p0f_peer_t *peer, const p0f_packet_t *pk)
{
    p0f_dir_t dir;
    if (!peer || !pk || !p0f_packet_dir(pk, &dir) || dir != P0F_DIR_SYNACK)
        return 0;
    uint64_t k = conn_key(pk, false);
    const slot_t *s = &peer->slots[k & (P0F_PEER_SLOTS - 1)];
    return s->key == k ? s->mss : 0;
}
