package org.fitsync.ports.in.auth;

/**
 * Signs a user in with a one-time link the operator's {@code token --link} printed: the link counts once,
 * on whichever node it is presented.
 */
public interface RedeemSignInLinkUseCase {

    RedeemSignInLinkResult redeem(RedeemSignInLinkCommand command);
}
