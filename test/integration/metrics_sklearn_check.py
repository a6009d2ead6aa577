#!/usr/bin/env python3
"""Recomputes the workstation's exported metrics with scikit-learn from its exported predictions and labels.

usage: metrics_sklearn_check.py predictions.csv labels.csv metrics.csv

Scoring rules (docs/labels-and-metrics.md): multi-class models on segments whose truth is one class
(status single or background = E) within the model's classes, prediction = argmax; multi-label models
on every non-ambiguous segment, truth = the class set over the model's classes, prediction = classes
with p >= threshold, else the argmax. Prints a JSON summary; exits 1 when any value differs by > 1e-9.
"""
import csv
import json
import math
import sys
from collections import defaultdict

import numpy as np
from scipy import stats
from sklearn.metrics import (accuracy_score, confusion_matrix, multilabel_confusion_matrix,
                             precision_recall_fscore_support, roc_auc_score)

TOL = 1e-9


def load(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def num(s):
    return None if s == '' else float(s)


class Checker:
    def __init__(self, metrics):
        self.values = {(r['model_id'], r['model_version'], r['section'], r['key'], r['metric']): r['value'] for r in metrics}
        self.checked = 0
        self.max_diff = 0.0
        self.failures = []

    def expect(self, model, section, key, metric, value):
        """Compares one exported value with the recomputed one (None = undefined, exported as empty)."""
        got = self.values.get((model[0], model[1], section, str(key), metric))
        self.checked += 1
        if got is None:
            self.failures.append(f'{model} {section}/{key}/{metric}: not exported (expected {value})')
            return
        if value is None or (isinstance(value, float) and math.isnan(value)):
            if got != '':
                self.failures.append(f'{model} {section}/{key}/{metric}: exported {got}, expected undefined')
            return
        if got == '':
            self.failures.append(f'{model} {section}/{key}/{metric}: exported undefined, expected {value}')
            return
        diff = abs(float(got) - float(value))
        self.max_diff = max(self.max_diff, diff)
        if diff > TOL:
            self.failures.append(f'{model} {section}/{key}/{metric}: exported {got}, recomputed {value!r} (diff {diff:.3g})')


def prf_rows(checker, model, section, key, y_true, y_pred, labels=None):
    """accuracy + weighted precision/recall/F1 + support, as in the overall row and the series points."""
    checker.expect(model, section, key, 'accuracy', accuracy_score(y_true, y_pred) if len(y_true) else None)
    for avg in ('weighted',):
        if len(y_true) == 0:
            continue
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=avg, zero_division=0, labels=labels)
        checker.expect(model, section, key, f'precision{avg.title()}', p)
        checker.expect(model, section, key, f'recall{avg.title()}', r)
        checker.expect(model, section, key, f'f1{avg.title()}', f)
    checker.expect(model, section, key, 'support', len(y_true))


def eligible(task, status):
    return status in ('single', 'background') if task == 'multi-class' else status in ('single', 'multi', 'background')


def rows_of(task, classes, preds, truth):
    """(truth, prediction, prediction row) of every scored prediction."""
    out = []
    for p in preds:
        lab = truth.get(p['segment_id'])
        if lab is None or not eligible(task, lab['truth_status']):
            continue
        tclasses = lab['truth_classes'].split(';') if lab['truth_classes'] else []
        probs = np.array([float(p[f'p_{c}']) for c in classes])
        if task == 'multi-class':
            if tclasses[0] not in classes:
                continue
            out.append((tclasses[0], p['predicted_class'], p, probs))
        else:
            t = np.array([1 if c in tclasses else 0 for c in classes])
            thr = np.array([float(p[f'threshold_{c}']) for c in classes])
            pr = (probs >= thr).astype(int)
            if pr.sum() == 0:
                pr[int(np.argmax(probs))] = 1
            out.append((t, pr, p, probs))
    return out


def check_model(checker, model, task, classes, preds, truth_at, range_km, all_ranges):
    scored = rows_of(task, classes, preds, truth_at[range_km])
    y_true = [s[0] for s in scored]
    y_pred = [s[1] for s in scored]
    multilabel = task == 'multi-label'
    if multilabel:
        y_true = np.array(y_true).reshape(-1, len(classes))
        y_pred = np.array(y_pred).reshape(-1, len(classes))
    n = len(scored)
    checker.expect(model, 'overall', '', 'accuracy', accuracy_score(y_true, y_pred) if n else None)
    checker.expect(model, 'overall', '', 'support', n)
    if n:
        for avg in ('macro', 'weighted', 'micro'):
            p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=avg, zero_division=0)
            checker.expect(model, 'overall', '', f'precision{avg.title()}', p)
            checker.expect(model, 'overall', '', f'recall{avg.title()}', r)
            checker.expect(model, 'overall', '', f'f1{avg.title()}', f)
        if multilabel:
            _, _, f, _ = precision_recall_fscore_support(y_true, y_pred, average='samples', zero_division=0)
            checker.expect(model, 'overall', '', 'f1Samples', f)
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0, labels=None if multilabel else classes)
        for i, c in enumerate(classes):
            checker.expect(model, 'class', c, 'support', int(s[i]))
            exported_p = checker.values.get((model[0], model[1], 'class', c, 'precision'))
            if exported_p not in (None, ''):
                checker.expect(model, 'class', c, 'precision', p[i])
            if s[i] > 0:
                checker.expect(model, 'class', c, 'recall', r[i])
        if multilabel:
            for i, m in enumerate(multilabel_confusion_matrix(y_true, y_pred)):
                for name, v in zip(('tn', 'fp', 'fn', 'tp'), m.ravel()):
                    checker.expect(model, 'confusion', classes[i], name, int(v))
        else:
            m = confusion_matrix(y_true, y_pred, labels=classes)
            for i, t in enumerate(classes):
                for j, q in enumerate(classes):
                    checker.expect(model, 'confusion', f'{t}>{q}', 'count', int(m[i, j]))
    check_series(checker, model, scored, multilabel, classes)
    check_calibration(checker, model, scored, multilabel)
    check_uncertainty(checker, model, scored, multilabel)
    check_drift(checker, model, scored, multilabel)
    for km in all_ranges:
        sc = rows_of(task, classes, preds, truth_at[km])
        yt = [s[0] for s in sc]
        yp = [s[1] for s in sc]
        if multilabel:
            yt = np.array(yt).reshape(-1, len(classes))
            yp = np.array(yp).reshape(-1, len(classes))
        checker.expect(model, 'range', fmt_km(km), 'support', len(sc))
        if sc:
            checker.expect(model, 'range', fmt_km(km), 'accuracy', accuracy_score(yt, yp))
            checker.expect(model, 'range', fmt_km(km), 'f1Macro', precision_recall_fscore_support(yt, yp, average='macro', zero_division=0)[2])
            checker.expect(model, 'range', fmt_km(km), 'f1Weighted', precision_recall_fscore_support(yt, yp, average='weighted', zero_division=0)[2])
    return n


def fmt_km(km):
    return str(int(km)) if float(km).is_integer() else str(km)


def correct(s, multilabel):
    return bool(np.array_equal(s[0], s[1])) if multilabel else s[0] == s[1]


def check_series(checker, model, scored, multilabel, classes):
    for section, width in (('daily', 10), ('hourly', 13)):
        groups = defaultdict(list)
        for s in scored:
            groups[s[2]['segment_start'][:width]].append(s)
        for key, rows in groups.items():
            yt = [r[0] for r in rows]
            yp = [r[1] for r in rows]
            if multilabel:
                yt = np.array(yt).reshape(-1, len(classes))
                yp = np.array(yp).reshape(-1, len(classes))
            prf_rows(checker, model, section, key, yt, yp)


def check_calibration(checker, model, scored, multilabel):
    conf, hit = [], []
    for s in scored:
        if multilabel:
            conf.extend(s[3].tolist())
            hit.extend(s[0].tolist())
        else:
            conf.append(float(np.max(s[3])))
            hit.append(1 if correct(s, False) else 0)
    conf = np.array(conf, dtype=float)
    hit = np.array(hit, dtype=float)
    bins = np.minimum(np.floor(conf * 10).astype(int), 9)
    ece = 0.0
    for b in range(10):
        sel = bins == b
        cnt = int(sel.sum())
        checker.expect(model, 'calibration', b, 'count', cnt)
        if cnt:
            checker.expect(model, 'calibration', b, 'meanConfidence', conf[sel].sum() / cnt)
            checker.expect(model, 'calibration', b, 'accuracy', hit[sel].sum() / cnt)
            ece += (cnt / len(conf)) * abs(hit[sel].sum() / cnt - conf[sel].sum() / cnt)
    checker.expect(model, 'calibration', '', 'ece', ece if len(conf) else None)


def check_uncertainty(checker, model, scored, multilabel):
    err = np.array([0 if correct(s, multilabel) else 1 for s in scored])
    measures = {
        'entropy': lambda p: float(p['entropy']),
        'margin': lambda p: 1 - float(p['margin']),
        'maxProb': lambda p: 1 - float(np.max(p['__probs'])),
        'aleatoric': lambda p: num(p['aleatoric']),
        'epistemic': lambda p: num(p['epistemic']),
    }
    for name, fn in measures.items():
        vals = []
        for s in scored:
            s[2]['__probs'] = s[3]
            vals.append(fn(s[2]))
        exported = (model[0], model[1], 'uncertainty', name, 'auroc') in checker.values
        if any(v is None for v in vals):
            if exported:
                checker.failures.append(f'{model} uncertainty {name}: exported although the model does not report it')
            continue
        checker.expect(model, 'uncertainty', name, 'auroc', roc_auc_score(err, vals) if 0 < err.sum() < len(err) else None)
        checker.expect(model, 'uncertainty', name, 'errors', int(err.sum()))


def check_drift(checker, model, scored, multilabel):
    days = defaultdict(lambda: [0, 0])
    for s in scored:
        d = days[s[2]['segment_start'][:10]]
        d[0] += 1
        d[1] += 1 if correct(s, multilabel) else 0
    usable = [h / n for _, (n, h) in sorted(days.items()) if n >= 20]
    recent, baseline = usable[-3:], usable[:-3]
    if len(recent) < 3 or len(baseline) < 3:
        checker.expect(model, 'drift', '', 'p', None)
        return
    t, p = stats.ttest_ind(recent, baseline, equal_var=False, alternative='less')
    checker.expect(model, 'drift', '', 'p', p)
    checker.expect(model, 'drift', '', 'statistic', t)
    checker.expect(model, 'drift', '', 'baselineMean', float(np.mean(baseline)))
    checker.expect(model, 'drift', '', 'recentMean', float(np.mean(recent)))
    warning = 1 if (p < 0.05 and np.mean(baseline) - np.mean(recent) >= 0.05) else 0
    checker.expect(model, 'drift', '', 'warning', warning)


def main(pred_path, label_path, metric_path):
    preds = load(pred_path)
    labels = load(label_path)
    metrics = load(metric_path)
    req = {r['key']: r['value'] for r in metrics if r['section'] == 'request'}
    range_km = float(req['range_km'])
    truth_at = defaultdict(dict)
    for lab in labels:
        truth_at[float(lab['range_km'])][lab['segment_id']] = lab
    all_ranges = sorted(truth_at)
    checker = Checker(metrics)
    models = sorted({(r['model_id'], r['model_version'], r['task']) for r in metrics if r['section'] != 'request'})
    summary = {}
    for mid, ver, task in models:
        mp = [p for p in preds if p['model_id'] == mid and p['model_version'] == ver]
        classes = mp[0]['classes'].split(';')
        summary[f'{mid}@{ver}'] = check_model(checker, (mid, ver), task, classes, mp, truth_at, range_km, all_ranges)
    print(json.dumps({'models': summary, 'checked': checker.checked, 'maxDiff': checker.max_diff, 'failures': checker.failures[:20],
                      'failureCount': len(checker.failures)}))
    return 1 if checker.failures else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:4]))
