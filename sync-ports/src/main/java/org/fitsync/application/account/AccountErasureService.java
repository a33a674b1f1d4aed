package org.fitsync.application.account;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.ports.in.account.EraseAccountCommand;
import org.fitsync.ports.in.account.EraseAccountUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.account.EraseAccountDataPort;
import org.fitsync.ports.out.account.RevokeProviderAccessPort;
import org.fitsync.ports.out.files.DeleteBlobPort;

/**
 * Erases an account in three steps, ordered so that a crash or a failure at any point leaves nothing
 * the user could not erase by asking again:
 *
 * <ol>
 *   <li>Strava access is revoked first, while the tokens still exist. If Strava is unreachable the
 *       erasure goes on (the user asked for it); the outcome says so and the user is told to revoke
 *       access in Strava's settings.
 *   <li>The stored files' bytes are deleted <em>before</em> the rows that name them: should the node
 *       die here, the rows are still there and a repeated request finds (and deletes) the bytes.
 *   <li>Every row goes in one transaction; then the bytes of any file declared meanwhile.
 * </ol>
 *
 * Import and file workers store a run only together with their job's or file's lease, in one
 * transaction: once the rows are gone, a worker still busy for this user rolls back and stops.
 */
public final class AccountErasureService implements EraseAccountUseCase {

    private final TransactionPort transactions;
    private final EraseAccountDataPort data;
    private final RevokeProviderAccessPort provider;
    private final DeleteBlobPort blobs;
    private final Consumer<Outcome.Erased> log;

    /** {@code log} records each erasure; it receives counts only, never the user. */
    public AccountErasureService(
            TransactionPort transactions,
            EraseAccountDataPort data,
            RevokeProviderAccessPort provider,
            DeleteBlobPort blobs,
            Consumer<Outcome.Erased> log) {
        this.transactions = transactions;
        this.data = data;
        this.provider = provider;
        this.blobs = blobs;
        this.log = log;
    }

    @Override
    public Outcome erase(EraseAccountCommand command) {
        if (!command.confirmed()) {
            return new Outcome.NotConfirmed();
        }
        UserId user = command.user();
        ProviderRevocation revocation = provider.revoke(user);
        Set<BlobKey> deleted = new LinkedHashSet<>();
        // A failure here is retried after the transaction, with the keys the transaction saw.
        deleteBlobs(transactions.inUserSnapshot(user, () -> data.storedFiles(user)), deleted);
        EraseAccountDataPort.Erased erased = transactions.inUserTransaction(user, () -> data.erase(user));
        List<BlobKey> left =
                erased.files().stream().filter(key -> !deleted.contains(key)).toList();
        int failed = deleteBlobs(left, deleted);
        Outcome.Erased outcome = new Outcome.Erased(erased.rows(), revocation, deleted.size(), failed);
        log.accept(outcome);
        return outcome;
    }

    /** Deletes each blob once; returns how many could not be deleted. */
    private int deleteBlobs(List<BlobKey> keys, Set<BlobKey> deleted) {
        int failed = 0;
        for (BlobKey key : keys) {
            try {
                blobs.delete(key);
                deleted.add(key);
            } catch (IOException | RuntimeException e) {
                failed++;
            }
        }
        return failed;
    }
}
