"""The compact seed-style CNN (seed-spec §4.2 `cnn_model` / `dev_bnn_model` family) and its ONNX export.

Seed: input BatchNorm → 5 blocks of [Conv 10×5 → BN → ReLU] × 2 (16…80 filters) with 2×2 max-pools → Flatten →
Dense 32 → BN → ReLU → Dropout 0.2 → Dense; MC variant: always-on dropout (rate 0.3) after each pool and before
flatten. That network costs ~1.1 GMAC per 160 × 128 input; × 30 MC passes it could not run live beside five other
models on 2 cores. This member keeps the family's shape at ~1/400 of the cost:

  features [C,160,128] → subtract the mean of channel 0 (gain invariance: real recorders are not calibrated)
  → input BatchNorm → 4×2 average pool (40 × 64: 0.75 s × ~2 mel bands)
  → 4 blocks [Conv (5×3, 5×3, 3×3, 3×3; 8, 16, 24, 32 filters, no bias) → BN → ReLU → 2×2 max-pool]
  → Flatten (256) → dropout (MC: × keep-mask input, rate 0.3) → Dense 32 (no bias) → BN → ReLU → Dropout 0.2
  → Dense (5 softmax | 4 sigmoid)

The MC keep-mask is a graph input (`mask`, [N, 256], already scaled by 1/(1−rate)): onnxruntime keeps an explicit
multiplication at full optimisation, whereas a Dropout node would be folded away (feasibility.md §4).
"""
import torch
from torch import nn

MC_RATE = 0.3       # seed mc_dropout_prob
FLAT_UNITS = 256    # 32 filters × 2 × 4
OPSET = 17


def block(c_in, c_out, kernel):
    pad = (kernel[0] // 2, kernel[1] // 2)
    return nn.Sequential(nn.Conv2d(c_in, c_out, kernel, padding=pad, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(),
                         nn.MaxPool2d(2))


class SeedCnn(nn.Module):
    def __init__(self, channels, n_out, mc, task):
        super().__init__()
        self.mc = mc
        self.task = task
        self.input_bn = nn.BatchNorm2d(channels)
        self.pool_in = nn.AvgPool2d((4, 2))
        self.blocks = nn.Sequential(block(channels, 8, (5, 3)), block(8, 16, (5, 3)), block(16, 24, (3, 3)),
                                    block(24, 32, (3, 3)))
        self.flat_dropout = nn.Dropout(0.2)  # deterministic variants only (the seed's dev_bnn 'none' dropout)
        self.dense = nn.Sequential(nn.Linear(FLAT_UNITS, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.2))
        self.head = nn.Linear(32, n_out)

    def logits(self, features, mask=None):
        level = features[:, :1].mean(dim=(1, 2, 3), keepdim=True)
        x = self.pool_in(self.input_bn(features - level))
        x = torch.flatten(self.blocks(x), 1)
        x = x * mask if self.mc else self.flat_dropout(x)
        return self.head(self.dense(x))

    def forward(self, features, mask=None):
        out = self.logits(features, mask)
        return torch.softmax(out, dim=-1) if self.task == 'multi-class' else torch.sigmoid(out)

    @staticmethod
    def kept_mask(n):
        """Every unit kept (inverted-dropout scale): the deterministic reference of an MC model."""
        return torch.full((n, FLAT_UNITS), 1 / (1 - MC_RATE))

    @staticmethod
    def random_mask(n, gen):
        keep = (torch.rand(n, FLAT_UNITS, generator=gen) >= MC_RATE).float()
        return keep / (1 - MC_RATE)


def export_onnx(model, job, path):
    """ONNX opset 17 with a dynamic batch axis; inputs `features` (+ `mask`), output `probs`."""
    model.eval()
    features = torch.zeros(2, job['channels'], 160, 128)
    args = (features, SeedCnn.kept_mask(2)) if job['mc'] else (features,)
    names = ['features', 'mask'] if job['mc'] else ['features']
    axes = {name: {0: 'batch'} for name in names + ['probs']}
    torch.onnx.export(model, args, path, input_names=names, output_names=['probs'], opset_version=OPSET,
                      dynamic_axes=axes, do_constant_folding=True)
