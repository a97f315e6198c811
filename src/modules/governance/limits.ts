/** Bounds on everything a proposal carries. */
export const titleLengthMax = 200;
export const bodyLengthMax = 100_000;
export const tagsMax = 16;
export const tagLengthMax = 32;
export const actionsPerProposalMax = 16;
export const choicesMax = 32;
export const choiceLabelLengthMax = 200;
export const commentLengthMax = 10_000;
export const commentsPerProposalMax = 10_000;
export const revisionsMax = 100;
export const categoriesMax = 64;
export const disclosureLengthMax = 2_000;
export const reasonLengthMax = 500;
/** How far a ballot's own time may differ from the writer's clock. */
export const ballotClockSkewMsMax = 300_000;
export const periodSecondsMax = 31_557_600;
export const chambersMax = 8;
