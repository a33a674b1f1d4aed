package org.fitsync.adapter.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.auth.RedeemSignInLinkCommand;

/**
 * Checks a sign-in link's form, signature and expiry (whether it was used before is the database's to
 * say). The answer says what was wrong in general words and never repeats the link.
 */
public final class SignInLinkVerifier {

    /** A link's longest text; a longer one is refused unread. */
    static final int MAX_LENGTH = 4096;

    /** What checking a link found. */
    public sealed interface Check permits Check.Valid, Check.Refused {

        record Valid(SignInLink link) implements Check {}

        record Refused(Reason reason) implements Check {}
    }

    /** Why a link was refused. */
    public enum Reason {
        MALFORMED("The sign-in link is malformed"),
        NOT_A_LINK("The token is not a sign-in link"),
        BAD_SIGNATURE("The sign-in link's signature does not verify on this server"),
        EXPIRED("The sign-in link has expired; ask for a new one");

        private final String detail;

        Reason(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private final MACVerifier verifier;
    private final Duration clockSkew;
    private final Clock clock;

    public SignInLinkVerifier(String secret, Duration clockSkew, Clock clock) {
        try {
            this.verifier = new MACVerifier(SignInLinkFormat.key(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("a derived key has 256 bits", e);
        }
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    public Check check(String text) {
        if (text.length() > MAX_LENGTH) {
            return refused(Reason.MALFORMED);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(text);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return refused(Reason.MALFORMED);
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                || !SignInLinkFormat.TYPE.equals(jwt.getHeader().getType())) {
            return refused(Reason.NOT_A_LINK);
        }
        try {
            if (!jwt.verify(verifier)) {
                return refused(Reason.BAD_SIGNATURE);
            }
        } catch (JOSEException | RuntimeException e) {
            return refused(Reason.BAD_SIGNATURE);
        }
        String subject = claims.getSubject();
        String linkId = claims.getJWTID();
        Date expiry = claims.getExpirationTime();
        if (subject == null
                || !UserId.isValid(subject)
                || !RedeemSignInLinkCommand.isValidLinkId(linkId)
                || expiry == null
                || claims.getIssueTime() == null) {
            return refused(Reason.MALFORMED);
        }
        Set<String> roles;
        try {
            roles = TokenVerifier.roles(claims);
        } catch (AuthenticationException e) {
            return refused(Reason.MALFORMED);
        }
        Instant admittedUntil = expiry.toInstant().plus(clockSkew);
        if (!clock.instant().isBefore(admittedUntil)) {
            return refused(Reason.EXPIRED);
        }
        return new Check.Valid(new SignInLink(new UserId(subject), roles, linkId, admittedUntil));
    }

    private static Check refused(Reason reason) {
        return new Check.Refused(reason);
    }
}
