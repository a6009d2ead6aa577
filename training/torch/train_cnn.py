#!/usr/bin/python3
"""Trains the seed-style CNN recipes on feature arrays written by the workstation and exports ONNX.

There is no feature code here: `sim.npy` / `real.npy` hold the exact model inputs the workstation computes
(training/data/dataset.ts, through src/main/pipeline/featurizer.ts). This script only reads them, trains, and
writes `<out>/model.onnx` and `<out>/train-log.json`; the TypeScript side (training/train.ts) writes the
manifest, evaluates the package through onnxruntime (the serving path) and renders the model card.

Run by `npm run train -- --recipe NAME`; by hand:
    /usr/bin/python3 training/torch/train_cnn.py --data DIR --jobs JOBS.json [--seed 1] [--threads 2]
Uses Debian's PyTorch (python3-torch 1.13), so call /usr/bin/python3, not the python3 first on PATH.
Deterministic for a seed and a thread count (seeded RNGs, deterministic algorithms, fixed sample order).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn

from model import SeedCnn, export_onnx

SNR_ON_DB = 6.0    # a class is present when one of its ships reaches this SNR (training/baseline/labels.ts)
SNR_OFF_DB = -3.0  # …and absent when all are below this; in between the target is ignored
REAL_REPEAT = 8    # each real training window appears this many times per epoch (with different augmentations)
TILT_LN = 0.5      # random spectral tilt, ±0.5 ln units (±4.3 dB) at the band edges
N_REFERENCE = 4    # test windows whose outputs are recorded for the serving check


def log(msg):
    sys.stdout.write(msg + '\n')
    sys.stdout.flush()


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', required=True, help='dataset folder (sim.npy, real.npy, meta.json)')
    p.add_argument('--jobs', required=True, help='JSON list of {id, channels, task, mc, out, epochs}')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--lr', type=float, default=2e-3)
    return p.parse_args()


class Data:
    """Feature arrays and labels of one dataset folder, split once for every job."""

    def __init__(self, folder):
        with open(os.path.join(folder, 'meta.json')) as f:
            self.meta = json.load(f)
        self.sim = np.load(os.path.join(folder, 'sim.npy'), mmap_mode='r')
        self.real = np.load(os.path.join(folder, 'real.npy'), mmap_mode='r')
        sim_rows = self.meta['sim']
        self.sim_label = np.array([r['label'] for r in sim_rows], dtype=np.int64)
        self.sim_snr = np.array([r['classSnrDb'] for r in sim_rows], dtype=np.float32)
        self.sim_split = np.array([r['split'] for r in sim_rows])
        self.real_label = np.array([r['label'] for r in self.meta['real']], dtype=np.int64)
        self.real_split = np.array([r['split'] for r in self.meta['real']])

    def rows(self, split):
        return np.nonzero(self.sim_split == split)[0]


def multi_hot(snr):
    """Targets and weights of the multi-label task from per-class SNR: 1 / 0 / ignored."""
    target = (snr >= SNR_ON_DB).astype(np.float32)
    weight = ((snr >= SNR_ON_DB) | (snr < SNR_OFF_DB)).astype(np.float32)
    return target, weight


def one_hot_ships(labels):
    """Multi-label targets of single-class windows: the class's column (E = no column set)."""
    target = np.zeros((len(labels), 4), dtype=np.float32)
    for i, label in enumerate(labels):
        if 0 <= label < 4:
            target[i, label] = 1
    return target


def training_set(data, job):
    """Inputs, targets and per-sample loss weights of the training split (sim train + real train when 1-channel)."""
    channels = job['channels']
    idx = data.rows('train')
    if job['task'] == 'multi-class':
        idx = idx[data.sim_label[idx] >= 0]
    x = np.ascontiguousarray(data.sim[idx, :channels])
    if job['task'] == 'multi-class':
        y, w = data.sim_label[idx], np.ones((len(idx), 1), dtype=np.float32)
    else:
        y, w = multi_hot(data.sim_snr[idx])
    real_idx = np.nonzero(data.real_split == 'train')[0]
    if channels == 1 and len(real_idx):
        xr = np.repeat(np.asarray(data.real[real_idx]), REAL_REPEAT, axis=0)
        labels = np.repeat(data.real_label[real_idx], REAL_REPEAT)
        x = np.concatenate([x, xr])
        if job['task'] == 'multi-class':
            y = np.concatenate([y, labels])
            w = np.concatenate([w, np.ones((len(labels), 1), dtype=np.float32)])
        else:
            y = np.concatenate([y, one_hot_ships(labels)])
            w = np.concatenate([w, np.ones((len(labels), 4), dtype=np.float32)])
    return torch.from_numpy(x), torch.from_numpy(np.asarray(y)), torch.from_numpy(np.asarray(w))


def augment(x, gen):
    """Random circular time shift and spectral tilt (a different hydrophone response), same for all channels."""
    n, _, frames, bands = x.shape
    shifts = torch.randint(0, frames, (n,), generator=gen)
    rolled = torch.stack([torch.roll(x[i], int(shifts[i]), dims=1) for i in range(n)])
    slope = (torch.rand(n, generator=gen) * 2 - 1) * TILT_LN
    ramp = torch.linspace(-1, 1, bands)
    return rolled + slope.view(n, 1, 1, 1) * ramp.view(1, 1, 1, bands)


def loss_fn(job, class_weight, pos_weight):
    if job['task'] == 'multi-class':
        ce = nn.CrossEntropyLoss(weight=class_weight, label_smoothing=0.05)
        return lambda out, y, w: ce(out, y)
    bce = nn.BCEWithLogitsLoss(reduction='none', pos_weight=pos_weight)
    return lambda out, y, w: (bce(out, y) * w).sum() / w.sum().clamp(min=1)


def balance(job, y, w):
    """Inverse-frequency class weights (multi-class) or positive weights (multi-label)."""
    if job['task'] == 'multi-class':
        counts = torch.bincount(y, minlength=5).float().clamp(min=1)
        return counts.sum() / (5 * counts), None
    pos = (y * w).sum(0)
    neg = ((1 - y) * w).sum(0)
    return None, (neg / pos.clamp(min=1)).clamp(0.5, 10)


def predict(model, x, job, batch=64):
    """Deterministic outputs (every dropout unit kept) for evaluation inside training."""
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            xb = torch.from_numpy(np.ascontiguousarray(x[i:i + batch, :job['channels']]))
            out.append(model(xb, model.kept_mask(len(xb))) if job['mc'] else model(xb))
    return torch.cat(out).numpy()


def macro_f1(truth, pred, classes):
    scores = []
    for c in classes:
        tp = np.sum((pred == c) & (truth == c))
        fp = np.sum((pred == c) & (truth != c))
        fn = np.sum((pred != c) & (truth == c))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores)) if scores else 0.0


def validation_score(model, data, job):
    """Macro F1 on the validation scenarios (multi-class), or mean per-class F1 on known targets (multi-label)."""
    idx = data.rows('val')
    if job['task'] == 'multi-class':
        idx = idx[data.sim_label[idx] >= 0]
        probs = predict(model, data.sim[idx], job)
        return macro_f1(data.sim_label[idx], probs.argmax(1), range(5))
    probs = predict(model, data.sim[idx], job)
    target, weight = multi_hot(data.sim_snr[idx])
    scores = []
    for c in range(4):
        known = weight[:, c] > 0
        scores.append(macro_f1(target[known, c], (probs[known, c] >= 0.5).astype(np.float32), [1.0]))
    return float(np.mean(scores))


def train_job(data, job, args):
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    started = time.time()
    cpu_started = time.process_time()
    x, y, w = training_set(data, job)
    class_weight, pos_weight = balance(job, y, w)
    n_out = 5 if job['task'] == 'multi-class' else 4
    model = SeedCnn(job['channels'], n_out, mc=job['mc'], task=job['task'])
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    epochs = job['epochs']
    steps = epochs * math.ceil(len(x) / args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps)
    criterion = loss_fn(job, class_weight, pos_weight)
    history, best = [], (-1.0, None, 0)
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), args.batch):
            b = order[i:i + args.batch]
            xb = augment(x[b], gen)
            out = model.logits(xb, model.random_mask(len(b), gen) if job['mc'] else None)
            loss = criterion(out, y[b], w[b])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss) * len(b)
        score = validation_score(model, data, job)
        history.append({'epoch': epoch, 'loss': total / len(x), 'val': score, 'seconds': time.time() - started})
        log(f"  {job['id']}: epoch {epoch}/{epochs} loss {total / len(x):.4f} val {score:.3f} ({time.time() - started:.0f} s)")
        if score > best[0]:
            best = (score, {k: v.clone() for k, v in model.state_dict().items()}, epoch)
    model.load_state_dict(best[1])
    model.eval()
    return model, {'history': history, 'bestEpoch': best[2], 'bestVal': best[0], 'trainRows': len(x),
                   'parameters': sum(p.numel() for p in model.parameters()), 'seconds': time.time() - started,
                   'cpuSeconds': time.process_time() - cpu_started}


def reference_outputs(model, data, job):
    """Outputs of the first test windows with every unit kept: the serving check compares onnxruntime with these."""
    idx = data.rows('test')[:N_REFERENCE]
    return {'rows': [int(i) for i in idx], 'probs': predict(model, data.sim[idx], job).tolist()}


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    data = Data(args.data)
    with open(args.jobs) as f:
        jobs = json.load(f)
    for job in jobs:
        model, record = train_job(data, job, args)
        os.makedirs(job['out'], exist_ok=True)
        export_onnx(model, job, os.path.join(job['out'], 'model.onnx'))
        record.update({'torch': torch.__version__, 'threads': args.threads, 'seed': args.seed, 'batch': args.batch,
                       'lr': args.lr, 'epochs': job['epochs'], 'reference': reference_outputs(model, data, job)})
        with open(os.path.join(job['out'], 'train-log.json'), 'w') as f:
            json.dump(record, f, indent=1)
        log(f"  {job['id']}: best epoch {record['bestEpoch']} (val {record['bestVal']:.3f}), "
            f"{record['parameters']} parameters, {record['seconds']:.0f} s")


if __name__ == '__main__':
    main()
