/*
 * hs_protocols.h - register/handoff pairs of honeyshark's protocols, and
 * the parts a protocol registers itself.
 *
 * plugin.c lists the protocols, which depend on no other: Wireshark may
 * register them in any order.  A part that lives in another protocol (the
 * OS fingerprinting in src) is registered by that protocol's own
 * functions, with what it needs from it.
 */
#ifndef HS_PROTOCOLS_H
#define HS_PROTOCOLS_H

#include <epan/expert.h>
#include <epan/prefs.h>

void proto_register_shellshock(void);
void proto_reg_handoff_shellshock(void);

void proto_register_rce(void);
void proto_reg_handoff_rce(void);

void proto_register_login(void);
void proto_reg_handoff_login(void);

void proto_register_src(void);
void proto_reg_handoff_src(void);

/* packet-os.c, a part of src: its fields, expert info and preference go to
 * src's protocol, preferences module and expert module.  Called by
 * proto_register_src(), proto_reg_handoff_src() and src's preferences
 * callback. */
void hs_os_register(int proto_src, module_t *src_prefs, expert_module_t *src_expert);
void hs_os_handoff(void);
void hs_os_prefs_apply(void);

#endif /* HS_PROTOCOLS_H */
