import type { Static } from '@sinclair/typebox';
import { can } from '../../access/state.ts';
import type { EngineState } from '../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../engine/types.ts';
import { CloseAccountSchema } from '../schema.ts';

/** Closes an account to further movements. Only an empty account with nothing pending closes. */
export const closeAccount: CommandDefinition<EngineState, Static<typeof CloseAccountSchema>, { id: string; status: string }> = {
  type: 'ledger.close_account',
  schema: CloseAccountSchema,
  apply(state, payload, ctx) {
    const account = state.ledger.accounts.get(payload.id);
    if (!account) return rejected('account_not_found', `no account ${payload.id}`);
    if (account.system) return rejected('system_account', 'issuance and burn accounts cannot be closed');
    if (account.ownerId !== ctx.actorId && !can(state.access, ctx.actorId, 'ledger.close_account', [`account:${account.id}`, `asset:${account.assetId}`])) {
      return rejected('not_authorized', `${ctx.actorId} may not close ${account.id}`);
    }
    if (account.closed) return accepted([], { id: account.id, status: 'exists' });
    const empty = account.creditsPostedUnits === account.debitsPostedUnits && account.debitsPendingUnits === 0n && account.creditsPendingUnits === 0n;
    if (!empty) return rejected('account_not_empty', `${account.id} still holds value or has pending transfers`);
    return accepted([{ type: 'account_closed', accountId: account.id }], { id: account.id, status: 'closed' });
  },
};
