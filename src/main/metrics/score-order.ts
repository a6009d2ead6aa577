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
