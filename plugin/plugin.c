/*
 * plugin.c - honeyshark's entry point: registers its protocols with Wireshark.
 *
 * Each protocol lives in its own packet-<name>.c and exports exactly its
 * register and handoff functions, declared in hs_protocols.h.  They depend
 * on no other, so the order Wireshark registers them in does not matter
 * (4.0 reverses it); src registers its OS part itself.
 */
#include <wireshark.h>

#include <epan/proto.h>
#include <epan/tap.h>

#include "hs_compat.h"
#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "hs_tap.h"

#ifndef HONEYSHARK_VERSION
#define HONEYSHARK_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = HONEYSHARK_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

#ifdef HS_PLUGIN_DESCRIPTION
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return HS_PLUGIN_DESCRIPTION;
}
#endif

void plugin_register(void)
{
    static const proto_plugin protocols[] = {
        {proto_register_honeyshark, proto_reg_handoff_honeyshark}, /* the one postdissector */
        {proto_register_shellshock, proto_reg_handoff_shellshock},
        {proto_register_rce, proto_reg_handoff_rce},
        {proto_register_login, proto_reg_handoff_login},
#ifdef HONEYSHARK_HAVE_SRC
        {proto_register_src, proto_reg_handoff_src}, /* registers the OS part itself */
#endif
    };
    for (size_t i = 0; i < G_N_ELEMENTS(protocols); i++)
        proto_register_plugin(&protocols[i]);
    static const tap_plugin taps[] = {{hs_stats_register}, {hs_state_tap_register}};
    for (size_t i = 0; i < G_N_ELEMENTS(taps); i++)
        tap_register_plugin(&taps[i]);
}
