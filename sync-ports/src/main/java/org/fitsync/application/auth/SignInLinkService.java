package org.fitsync.application.auth;

import java.time.Clock;
import org.fitsync.ports.in.auth.RedeemSignInLinkCommand;
import org.fitsync.ports.in.auth.RedeemSignInLinkResult;
import org.fitsync.ports.in.auth.RedeemSignInLinkUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.auth.ConsumeSignInLinkPort;

/**
 * One-time sign-in links: a link's id is recorded in the user's own transaction, so of two nodes given the
 * same link at once exactly one signs the user in.
 */
public final class SignInLinkService implements RedeemSignInLinkUseCase {

    private final TransactionPort transactions;
    private final ConsumeSignInLinkPort links;
    private final Clock clock;

    public SignInLinkService(TransactionPort transactions, ConsumeSignInLinkPort links, Clock clock) {
        this.transactions = transactions;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public RedeemSignInLinkResult redeem(RedeemSignInLinkCommand command) {
        boolean first = transactions.inUserTransaction(
                command.user(),
                () -> links.consumeSignInLink(command.user(), command.linkId(), command.expiresAt(), clock.instant()));
        return first ? new RedeemSignInLinkResult.Redeemed() : new RedeemSignInLinkResult.AlreadyUsed();
    }
}
