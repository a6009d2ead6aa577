#!/bin/sh
# Installs the Python side of the training recipes from Debian when it is missing:
# python3-torch (1.13, CPU), python3-onnx, python3-numpy, python3-scipy for /usr/bin/python3.
# (PyPI is not used; the python3 first on PATH may be another interpreter that does not see Debian's packages.)
# Needs root for apt-get; otherwise prints the command to run.
set -eu
PY=${AIW_TRAIN_PYTHON:-/usr/bin/python3}
PACKAGES="python3-torch python3-onnx python3-numpy python3-scipy"

if "$PY" -c 'import torch, onnx, numpy, scipy' 2>/dev/null; then
  "$PY" -c 'import torch, onnx, numpy, scipy; print(f"training setup: torch {torch.__version__}, onnx {onnx.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}")'
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "training setup: PyTorch from Debian is missing; run as root: apt-get install -y $PACKAGES" >&2
  exit 1
fi

echo "training setup: installing $PACKAGES (Debian; about 0.8–1.2 GB)" >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES >&2 || {
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $PACKAGES >&2
}
"$PY" -c 'import torch, onnx, numpy, scipy; print(f"training setup: torch {torch.__version__} installed")'
