import type { Static } from '@sinclair/typebox';
import { can } from '../../../access/state.ts';
import type { EngineState } from '../../../engine/state.ts';
import { accepted, type CommandDefinition, rejected } from '../../../engine/types.ts';
import { assert } from '../../../kernel/assert.ts';
import { canonicalJson } from '../../../kernel/canonical-json.ts';
import type { ConstitutionRulesSet } from '../events.ts';
import { rulesMax } from '../limits.ts';
import { parseRules } from '../rules.ts';
import { SetRulesSchema } from '../schema.ts';
import { constitutionAmendAction, constitutionResource } from '../state.ts';

export type SetRulesPayload = Static<typeof SetRulesSchema>;
export interface SetRulesResult {
  version: number;
  rules: number;
  status: 'set' | 'unchanged';
}

/**
 * Replaces the whole rule list. Only holders of `constitution.amend` on `constitution:rules` may:
 * governance's executor (the system actor) running a passed constitution proposal, or the
 * bootstrap admin at genesis. The same rules again change nothing (`unchanged`).
 */
export const setRules: CommandDefinition<EngineState, SetRulesPayload, SetRulesResult> = {
  type: 'constitution.set_rules',
  schema: SetRulesSchema,
  apply(state, payload, ctx) {
    assert(payload.rules.length <= rulesMax, 'the schema bounds the rules');
    if (!can(state.access, ctx.actorId, constitutionAmendAction, [constitutionResource])) {
      return rejected('not_authorized', `${ctx.actorId} lacks ${constitutionAmendAction} on ${constitutionResource}`);
    }
    const rules = parseRules(state, payload.rules);
    if (!Array.isArray(rules)) return rules;
    const current = state.modules.constitution;
    if (current.version > 0 && canonicalJson(current.rules) === canonicalJson(rules)) {
      return accepted([], { version: current.version, rules: rules.length, status: 'unchanged' });
    }
    const event: ConstitutionRulesSet = { type: 'constitution_rules_set', version: current.version + 1, rules };
    return accepted([event], { version: event.version, rules: rules.length, status: 'set' });
  },
};
