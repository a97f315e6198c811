/** Transfers in one batch command; TigerBeetle's batch size, so clients can reuse their batching. */
export const transfersPerBatchMax = 8190;
export const accountsPerBatchMax = 8190;
export const memoLengthMax = 256;
export const symbolLengthMax = 16;
/** A pending transfer may wait at most a year before it expires. */
export const pendingTimeoutSecondsMax = 31_557_600;
/** Pending transfers one keeper command expires at once. */
export const expiriesPerCommandMax = 8190;
