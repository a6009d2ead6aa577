/**
 * Issue 7 follow-up: the deadweight (tonnes) that some text-type sources carry beside their text
 * designation (`vessels.designation`, added by 0006), for the Classes page's per-designation means.
 */
export const sql = `
ALTER TABLE vessels ADD COLUMN deadweight_t REAL;
`;
