package org.fitsync.ports.in.auth;

/** How presenting a sign-in link ended. */
public sealed interface RedeemSignInLinkResult
        permits RedeemSignInLinkResult.Redeemed, RedeemSignInLinkResult.AlreadyUsed {

    /** The link's first use: the user may be signed in. */
    record Redeemed() implements RedeemSignInLinkResult {}

    /** The link was used before; nothing changed. */
    record AlreadyUsed() implements RedeemSignInLinkResult {}
}
