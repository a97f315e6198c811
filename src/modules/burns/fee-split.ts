import { divFloor } from '../../kernel/amount.ts';
import { assert } from '../../kernel/assert.ts';
import { ppmWhole } from '../../kernel/rates.ts';
import type { FeeParts } from './state.ts';

export interface FeeRates {
  /** The payer's staking fee discount. */
  discountPpm: bigint;
  burnPpm: bigint;
  stakersPpm: bigint;
}

/**
 * Divides a fee of `amountUnits`. The discount is rounded down (the payer never gets more off
 * than the rate says); the burn and the stakers' share are rounded down on the charged fee;
 * the treasury takes the rest, so the parts add up to exactly what was charged.
 */
export function feeSplit(amountUnits: bigint, rates: FeeRates): FeeParts {
  assert(amountUnits >= 0n, 'a fee is never negative');
  assert(rates.discountPpm >= 0n && rates.discountPpm <= ppmWhole, 'a discount is 0..100 %');
  assert(rates.burnPpm >= 0n && rates.stakersPpm >= 0n && rates.burnPpm + rates.stakersPpm <= ppmWhole, 'burn and stakers shares add up to at most 100 %');
  const discountUnits = divFloor(amountUnits * rates.discountPpm, ppmWhole);
  const chargedUnits = amountUnits - discountUnits;
  const burnedUnits = divFloor(chargedUnits * rates.burnPpm, ppmWhole);
  const stakersUnits = divFloor(chargedUnits * rates.stakersPpm, ppmWhole);
  const treasuryUnits = chargedUnits - burnedUnits - stakersUnits;
  assert(treasuryUnits >= 0n, 'the treasury part is never negative');
  return { amountUnits, discountUnits, chargedUnits, burnedUnits, stakersUnits, treasuryUnits };
}
