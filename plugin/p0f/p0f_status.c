/*
 * p0f_status.c - the p0f module's words: status phrases, match kinds and
 * quirk names.
 */
#include "p0f_int.h"

const char *p0f_strerror(p0f_status_t status)
{
    switch (status) {
    case P0F_OK:
        return "success";
    case P0F_ERR_ARG:
        return "invalid argument";
    case P0F_ERR_NOMEM:
        return "out of memory";
    case P0F_ERR_OPEN:
        return "cannot open the fingerprint file";
    case P0F_ERR_READ:
        return "cannot read the fingerprint file";
    case P0F_ERR_TOO_BIG:
        return "the fingerprint file is too large";
    case P0F_ERR_NO_SIGS:
        return "no usable TCP signature in the fingerprint file";
    case P0F_ERR_TRUNCATED:
        return "the packet ends inside its IP or TCP header";
    case P0F_ERR_NOT_IP:
        return "not an IPv4 or IPv6 packet";
    case P0F_ERR_NOT_TCP:
        return "the IP payload is not TCP";
    case P0F_ERR_FRAGMENT:
        return "an IP fragment";
    case P0F_ERR_HEADER:
        return "an IP or TCP header length that makes no sense";
    case P0F_ERR_FLAGS:
        return "a TCP flag combination p0f ignores";
    case P0F_ERR_NOT_SYN:
        return "neither a SYN nor a SYN+ACK";
    }
    return "unknown status";
}

const char *p0f_match_name(p0f_match_kind_t kind)
{
    switch (kind) {
    case P0F_MATCH_EXACT:
        return "exact";
    case P0F_MATCH_FUZZY:
        return "fuzzy";
    case P0F_MATCH_GENERIC:
        return "generic";
    case P0F_MATCH_NONE:
        break;
    }
    return "none";
}

/* The order p0f parses them in (a name that is a prefix of another comes
 * after it) and prints them in. */
const p0f_quirk_name_t p0f_quirk_names[] = {
    {"df", P0F_QUIRK_DF},
    {"id+", P0F_QUIRK_NZ_ID},
    {"id-", P0F_QUIRK_ZERO_ID},
    {"ecn", P0F_QUIRK_ECN},
    {"0+", P0F_QUIRK_NZ_MBZ},
    {"flow", P0F_QUIRK_FLOW},
    {"seq-", P0F_QUIRK_ZERO_SEQ},
    {"ack+", P0F_QUIRK_NZ_ACK},
    {"ack-", P0F_QUIRK_ZERO_ACK},
    {"uptr+", P0F_QUIRK_NZ_URG},
    {"urgf+", P0F_QUIRK_URG},
    {"pushf+", P0F_QUIRK_PUSH},
    {"ts1-", P0F_QUIRK_OPT_ZERO_TS1},
    {"ts2+", P0F_QUIRK_OPT_NZ_TS2},
    {"opt+", P0F_QUIRK_OPT_EOL_NZ},
    {"exws", P0F_QUIRK_OPT_EXWS},
    {"bad", P0F_QUIRK_OPT_BAD},
};
const size_t p0f_quirk_name_count = sizeof(p0f_quirk_names) / sizeof(p0f_quirk_names[0]);
