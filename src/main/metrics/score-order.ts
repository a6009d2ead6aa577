/**
 * AUROC over any subset of a model's predictions in O(n): each uncertainty column is sorted once (row
 * indices by score, NaN last) and kept sorted as predictions are appended (the new rows are sorted and
 * merged in), so a request only sweeps the order, counting errors and correct predictions per group of
 * equal scores (ties count one half — the Mann–Whitney statistic, exactly sklearn's roc_auc_score).
 */

/** Row indices sorted by a score column, extended as the column grows. */
export class ScoreOrder {
  #order = new Int32Array(0);

  /** The order over the first `length` rows of `score` (sorted on first use, merged afterwards). */
  of(score: Float64Array, length: number): Int32Array {
    const known = this.#order.length;
    if (known === length) return this.#order;
    const key = (i: number) => (Number.isNaN(score[i]) ? Infinity : score[i]);
    const fresh = Int32Array.from({ length: length - known }, (_, j) => known + j).sort((a, b) => key(a) - key(b) || a - b);
    const merged = new Int32Array(length);
    let a = 0;
    let b = 0;
    for (let o = 0; o < length; o++) {
      const takeOld = b >= fresh.length || (a < known && key(this.#order[a]) <= key(fresh[b]));
      merged[o] = takeOld ? this.#order[a++] : fresh[b++];
    }
    this.#order = merged;
    return merged;
  }
}

/**
 * AUROC of `score` for telling errors (outcome 1) from correct predictions (outcome 0); rows with
 * outcome −1 are not part of the subset. Null when either group is empty; NaN when a row of the subset
 * has no score (the measure is then not reported).
 */
export function sweepAuroc(order: Int32Array, score: Float64Array, outcome: Int8Array): number | null {
  let pos = 0;
  let neg = 0;
  let negBelow = 0;
  let sum = 0;
  for (let o = 0; o < order.length;) {
    const x = score[order[o]];
    let gp = 0;
    let gn = 0;
    for (; o < order.length && (score[order[o]] === x || (Number.isNaN(x) && Number.isNaN(score[order[o]]))); o++) {
      const r = outcome[order[o]];
      if (r === 1) gp++;
      else if (r === 0) gn++;
    }
    if ((gp || gn) && Number.isNaN(x)) return Number.NaN;
    sum += gp * (negBelow + gn / 2);
    negBelow += gn;
    pos += gp;
    neg += gn;
  }
  return pos === 0 || neg === 0 ? null : sum / (pos * neg);
}

/** Ascending copy of the scores whose outcome is `which`; NaN when one of them has no score. */
function scoresOf(score: Float64Array, outcome: Int8Array, which: number, n: number): Float64Array | null {
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < outcome.length; i++) {
    if (outcome[i] !== which) continue;
    if (Number.isNaN(score[i])) return null;
    out[k++] = score[i];
  }
  return out.subarray(0, k).sort();
}

/**
 * The same AUROC as `sweepAuroc` without a cached order (for short-lived columns): the scores of the
 * errors and of the correct predictions are sorted apart (typed sorts) and merged, each error counting
 * the correct predictions below it plus half of those equal to it — the same half-integer sum, so the
 * same number exactly.
 */
export function splitAuroc(score: Float64Array, outcome: Int8Array): number | null {
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < outcome.length; i++) {
    if (outcome[i] === 1) pos++;
    else if (outcome[i] === 0) neg++;
  }
  const errors = scoresOf(score, outcome, 1, pos);
  const right = scoresOf(score, outcome, 0, neg);
  if (errors === null || right === null) return Number.NaN;
  if (pos === 0 || neg === 0) return null;
  let below = 0;
  let sum = 0;
  for (let e = 0; e < pos;) {
    const x = errors[e];
    while (below < neg && right[below] < x) below++;
    let equal = 0;
    while (below + equal < neg && right[below + equal] === x) equal++;
    let group = 0;
    for (; e < pos && errors[e] === x; e++) group++;
    sum += group * (below + equal / 2);
  }
  return sum / (pos * neg);
}
