/**
 * The release schedule printed in the BTT token economics document (../shared/seeds/004):
 * percent of the 21M supply released in each calendar year, the last row "2030+".
 */
export const bttDocumentRelease: readonly { year: string; percent: number; cumulative: number }[] = [
  { year: '2025', percent: 22, cumulative: 22 },
  { year: '2026', percent: 18, cumulative: 40 },
  { year: '2027', percent: 15, cumulative: 55 },
  { year: '2028', percent: 12, cumulative: 67 },
  { year: '2029', percent: 10, cumulative: 77 },
  { year: '2030+', percent: 23, cumulative: 100 },
];
