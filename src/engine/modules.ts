import { burnsModule } from '../modules/burns/index.ts';
import { committeesModule } from '../modules/committees/index.ts';
import { constitutionModule } from '../modules/constitution/index.ts';
import { economyModule } from '../modules/economy/index.ts';
import { emissionModule } from '../modules/emission/index.ts';
import { governanceModule } from '../modules/governance/index.ts';
import { identityModule } from '../modules/identity/index.ts';
import { multisigModule } from '../modules/multisig/index.ts';
import { powerModule } from '../modules/power/index.ts';
import { revenueModule } from '../modules/revenue/index.ts';
import { stakingModule } from '../modules/staking/index.ts';
import { treasuryModule } from '../modules/treasury/index.ts';
import { vestingModule } from '../modules/vesting/index.ts';
import type { DomainModule } from './module.ts';
import type { DomainEvent } from './types.ts';

/** Every domain module, in the order their state slices are evolved for one event. */
export const domainModules = {
  economy: economyModule,
  identity: identityModule,
  vesting: vestingModule,
  emission: emissionModule,
  staking: stakingModule,
  revenue: revenueModule,
  treasury: treasuryModule,
  burns: burnsModule,
  committees: committeesModule,
  multisig: multisigModule,
  constitution: constitutionModule,
  power: powerModule,
  governance: governanceModule,
} as const;

type Modules = typeof domainModules;
export type ModuleName = keyof Modules;
/** The state slice of every module, by module name. */
export type ModuleStates = { [K in ModuleName]: ReturnType<Modules[K]['createState']> };

export function createModuleStates(): ModuleStates {
  const states: Record<string, unknown> = {};
  for (const [name, module] of Object.entries(domainModules)) states[name] = module.createState();
  return states as ModuleStates;
}

type AnyModule = DomainModule<unknown, DomainEvent>;

/** For each event type, the modules that evolve on it (most have one). */
export const modulesByEventType: ReadonlyMap<string, readonly (readonly [ModuleName, AnyModule])[]> = (() => {
  const byType = new Map<string, (readonly [ModuleName, AnyModule])[]>();
  for (const [name, module] of Object.entries(domainModules) as [ModuleName, AnyModule][]) {
    for (const type of module.eventTypes) {
      const list = byType.get(type) ?? [];
      list.push([name, module]);
      byType.set(type, list);
    }
  }
  return byType;
})();

export const moduleCommands = Object.values(domainModules).flatMap((module) => module.commands);
