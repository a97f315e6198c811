import type { EngineState } from '../engine/state.ts';
import type { DomainEvent } from '../engine/types.ts';
import type { TableRows } from '../store/types.ts';
import type { AccessEvent } from './events.ts';
import { grantKey } from './state.ts';

/** Collects what one group commit changed in actors, tokens and grants. */
export class AccessProjection {
  private readonly actors = new Set<string>();
  private readonly tokens = new Set<string>();
  private readonly grants = new Map<string, [string, string, string]>();

  constructor(private readonly daoId: string) {}

  collect(event: DomainEvent): void {
    const accessEvent = event as AccessEvent;
    switch (accessEvent.type) {
      case 'actor_created':
        this.actors.add(accessEvent.actor.id);
        return;
      case 'token_created':
        this.tokens.add(accessEvent.token.id);
        return;
      case 'token_revoked':
      case 'token_spent':
        this.tokens.add(accessEvent.tokenId);
        return;
      case 'grant_added':
      case 'grant_removed':
        this.grants.set(grantKey(accessEvent.actorId, accessEvent.action, accessEvent.resource), [
          accessEvent.actorId,
          accessEvent.action,
          accessEvent.resource,
        ]);
        return;
    }
  }

  rows(state: EngineState): TableRows[] {
    const dao = this.daoId;
    const { access } = state;
    const out: TableRows[] = [];
    if (this.actors.size > 0) {
      const rows = [...this.actors].map((id) => {
        const a = access.actors.get(id);
        return [dao, id, a?.kind, a?.name ?? null, a?.publicKey ?? null, a?.createdSeq];
      });
      out.push({ table: 'actors', key: ['dao_id', 'id'], columns: ['dao_id', 'id', 'kind', 'name', 'public_key', 'created_seq'], rows });
    }
    if (this.tokens.size > 0) {
      const rows = [...this.tokens].map((id) => {
        const t = access.tokens.get(id);
        const cap = t?.spendingCap;
        return [
          dao,
          id,
          t?.actorId,
          t?.secretHash,
          (t?.scopes ?? []).join(' '),
          cap?.assetId ?? null,
          cap?.amountUnits.toString() ?? null,
          cap?.periodSeconds ?? null,
          t?.revoked ? 1 : 0,
          t?.createdSeq,
        ];
      });
      const columns = ['dao_id', 'id', 'actor_id', 'secret_hash', 'scopes', 'cap_asset_id', 'cap_amount', 'cap_period_seconds', 'revoked', 'created_seq'];
      out.push({ table: 'api_tokens', key: ['dao_id', 'id'], columns, rows });
    }
    if (this.grants.size > 0) {
      const rows = [...this.grants].map(([key, [actorId, action, resource]]) => [dao, actorId, action, resource, access.grants.has(key) ? 1 : 0]);
      out.push({ table: 'grants', key: ['dao_id', 'actor_id', 'action', 'resource'], columns: ['dao_id', 'actor_id', 'action', 'resource', 'active'], rows });
    }
    return out;
  }
}
