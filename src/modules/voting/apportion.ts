/**
 * Largest-remainder (Hamilton) apportionment: splits `total` base units over `weights` in
 * proportion, in whole units. Each share is floor(total * weight / sum); the leftover units
 * (fewer than the number of weights) go one each to the largest remainders, the
 * lowest-numbered first on equal remainders. So the shares add up to `total` exactly and
 * each is within one unit of its exact proportion. Used wherever Snapshot rescales scores to
 * the valid power (weighted, quadratic, copeland) and by `combineChambers`.
 * When every weight is zero the total is split equally (leftover to the lowest-numbered).
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('apportion: the total must not be negative');
  const count = weights.length;
  if (count === 0) return [];
  let sum = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new RangeError('apportion: weights must not be negative');
    sum += weight;
  }
  if (sum === 0n)
    return apportion(
      total,
      weights.map(() => 1n),
    );
  const shares = new Array<bigint>(count);
  const remainders = new Array<bigint>(count);
  let given = 0n;
  for (let index = 0; index < count; index += 1) {
    const product = total * (weights[index] as bigint);
    const share = product / sum;
    shares[index] = share;
    remainders[index] = product - share * sum;
    given += share;
  }
  let leftover = Number(total - given);
  if (leftover === 0) return shares;
  const order = Array.from({ length: count }, (_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a] as bigint;
    const rb = remainders[b] as bigint;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (const index of order) {
    if (leftover === 0) break;
    shares[index] = (shares[index] as bigint) + 1n;
    leftover -= 1;
  }
  return shares;
}
