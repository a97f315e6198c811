/** A genesis table longer than this is a mistake, not an economy. */
export const allocationsMax = 256;
export const economyNameLengthMax = 128;
export const allocationLabelLengthMax = 200;
