/** Bounds for the output side of the simulator: beyond these a chart or table is unreadable. */
export const chartSeriesMax = 32;
/** Points per series: ten years of daily steps fit with room to spare. */
export const chartPointsMax = 100_000;
/** Legend names are cut to this many characters. */
export const legendNameLengthMax = 32;
export const tableColumnsMax = 64;
