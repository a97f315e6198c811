/** Ids of the accounts and transfers the staking module makes. */

/** The vault holding every principal staked in an asset; owned by the system actor. */
export function stakingVaultAccountId(assetId: string): string {
  return `@staking.${assetId}`;
}

/** What a module transfer of a stake does; one letter keeps ids short. */
const stepLetters = {
  principal: 'p',
  reservation: 'r',
  reward: 'c',
  rewardBurn: 'b',
  principalReturn: 'u',
  penalty: 'x',
} as const;

export type StakeStep = keyof typeof stepLetters;

/**
 * A transfer id for one step of a stake, unique by the stake id and the log sequence number
 * of the command (one command never makes the same step twice).
 */
export function stakeTransferId(stakeId: string, step: StakeStep, seq: number): string {
  return `stake:${stakeId}:${stepLetters[step]}${seq}`;
}
