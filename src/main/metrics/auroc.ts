/**
 * Area under the ROC curve of a score for telling errors (positives) from correct predictions: the
 * Mann–Whitney probability that an error scores higher than a correct prediction, ties counting one
 * half — exactly what scikit-learn's roc_auc_score computes. O(n log n) with native typed-array sorts.
 */

/** AUROC of `scores` with `isError` as the positive class; null when either class is empty. */
export function auroc(scores: ArrayLike<number>, isError: ArrayLike<number>): number | null {
  let nPos = 0;
  for (let i = 0; i < scores.length; i++) nPos += isError[i] ? 1 : 0;
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (isError[i]) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  // For each positive: negatives strictly below it, plus half of those equal to it.
  let below = 0;
  let equalEnd = 0;
  let sum = 0;
  for (let i = 0; i < nPos; i++) {
    const x = pos[i];
    while (below < nNeg && neg[below] < x) below++;
    if (equalEnd < below) equalEnd = below;
    while (equalEnd < nNeg && neg[equalEnd] === x) equalEnd++;
    sum += below + (equalEnd - below) / 2;
  }
  return sum / (nPos * nNeg);
}
