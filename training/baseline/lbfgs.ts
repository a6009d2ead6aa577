/**
 * A compact L-BFGS minimiser for smooth convex objectives (here: L2-regularised softmax regression).
 *
 * Full-batch and deterministic: the same start point and objective always give the same iterates.
 */

/** An objective returns its value and writes its gradient into `grad`. */
export type Objective = (params: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the gradient's max-norm falls below this. */
  gradientTolerance: number;
  /** Stop when the relative decrease of the objective falls below this. */
  relativeTolerance: number;
  /** Number of correction pairs kept. */
  memory: number;
  onIteration?: (iteration: number, value: number, gradNorm: number) => void;
}

export interface LbfgsResult {
  params: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

const DEFAULTS: LbfgsOptions = { maxIterations: 500, gradientTolerance: 1e-6, relativeTolerance: 1e-10, memory: 10 };

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Two-loop recursion: returns the quasi-Newton descent direction −H·g. */
function searchDirection(grad: Float64Array, sList: Float64Array[], yList: Float64Array[]): Float64Array {
  const q = Float64Array.from(grad);
  const alphas = new Float64Array(sList.length);
  for (let i = sList.length - 1; i >= 0; i--) {
    const rho = 1 / dot(yList[i], sList[i]);
    alphas[i] = rho * dot(sList[i], q);
    for (let j = 0; j < q.length; j++) q[j] -= alphas[i] * yList[i][j];
  }
  const last = sList.length - 1;
  // Initial Hessian scaling γ = sᵀy / yᵀy keeps the first step well sized (Nocedal & Wright 7.20).
  const gamma = last >= 0 ? dot(sList[last], yList[last]) / dot(yList[last], yList[last]) : 1 / Math.max(1, maxAbs(grad));
  for (let j = 0; j < q.length; j++) q[j] *= gamma;
  for (let i = 0; i < sList.length; i++) {
    const rho = 1 / dot(yList[i], sList[i]);
    const beta = rho * dot(yList[i], q);
    for (let j = 0; j < q.length; j++) q[j] += sList[i][j] * (alphas[i] - beta);
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}

interface LineSearchResult {
  params: Float64Array;
  grad: Float64Array;
  value: number;
}

/** Backtracking line search with the Armijo sufficient-decrease condition. */
function backtrack(f: Objective, x: Float64Array, value: number, grad: Float64Array, dir: Float64Array): LineSearchResult | null {
  const slope = dot(grad, dir);
  if (!(slope < 0)) return null;
  let step = 1;
  const next = new Float64Array(x.length);
  const nextGrad = new Float64Array(x.length);
  for (let attempt = 0; attempt < 40; attempt++) {
    for (let i = 0; i < x.length; i++) next[i] = x[i] + step * dir[i];
    const nextValue = f(next, nextGrad);
    if (Number.isFinite(nextValue) && nextValue <= value + 1e-4 * step * slope) {
      return { params: next, grad: nextGrad, value: nextValue };
    }
    step *= 0.5;
  }
  return null;
}

/** Minimises `f` from `start`; returns the best parameters found. */
export function minimizeLbfgs(f: Objective, start: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const opts = { ...DEFAULTS, ...options };
  let x: Float64Array = Float64Array.from(start);
  let grad: Float64Array = new Float64Array(x.length);
  let value = f(x, grad);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  for (let iteration = 1; iteration <= opts.maxIterations; iteration++) {
    if (maxAbs(grad) < opts.gradientTolerance) return { params: x, value, iterations: iteration - 1, converged: true };
    let dir = searchDirection(grad, sList, yList);
    let step = backtrack(f, x, value, grad, dir);
    if (!step && sList.length > 0) {
      // The curvature history went stale: restart from steepest descent once.
      sList.length = 0;
      yList.length = 0;
      dir = searchDirection(grad, sList, yList);
      step = backtrack(f, x, value, grad, dir);
    }
    if (!step) return { params: x, value, iterations: iteration, converged: false };
    const s = new Float64Array(x.length);
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      s[i] = step.params[i] - x[i];
      y[i] = step.grad[i] - grad[i];
    }
    // Only keep pairs with positive curvature so the implicit Hessian stays positive definite.
    if (dot(s, y) > 1e-12) {
      sList.push(s);
      yList.push(y);
      if (sList.length > opts.memory) {
        sList.shift();
        yList.shift();
      }
    }
    const decrease = (value - step.value) / Math.max(Math.abs(value), 1e-12);
    x = step.params;
    grad = step.grad;
    value = step.value;
    opts.onIteration?.(iteration, value, maxAbs(grad));
    if (decrease < opts.relativeTolerance) return { params: x, value, iterations: iteration, converged: true };
  }
  return { params: x, value, iterations: opts.maxIterations, converged: false };
}
