#!/usr/bin/env bash
# bench/djl_versions.sh OTHER_ROOT [PAIRS] — pathlab's training throughput on this checkout's DJL and
# PyTorch against another checkout built with other versions (issue V: DJL 0.36.0 with PyTorch
# 2.7.1, built by `mvn package -DskipTests -Ddjl.version=0.36.0 -Dpytorch.version=2.7.1` in a
# worktree), fp32 and bf16, both built-in models, pairs interleaved with alternating order.
# Prints one line per measurement (root, precision, model, img/s) and the medians.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other="$1"; pairs="${2:-3}"
export PATHLAB_NO_BUILD=1
out="$(mktemp)"
for pair in $(seq 1 "$pairs"); do
  roots=("$here" "$other"); (( pair % 2 == 0 )) && roots=("$other" "$here")
  for model in small-cnn resnet-18; do
    if [[ $model == small-cnn ]]; then args=(--steps 1500 --warmup 300 --batch 64); else args=(--steps 40 --warmup 5 --batch 32); fi
    for precision in fp32 bf16; do
      for root in "${roots[@]}"; do
        ips="$("$root/ops/pathlab" bench throughput --model "$model" "${args[@]}" --precision "$precision" 2>/dev/null | tail -1 \
          | sed 's/.*"images_per_second":\([0-9.]*\).*/\1/')"
        echo "$([[ $root == "$here" ]] && echo this || echo other) $precision $model $ips" | tee -a "$out"
      done
    done
  done
done
echo "medians (img/s), this checkout / the other:"
for model in small-cnn resnet-18; do for precision in fp32 bf16; do
  a="$(awk -v m=$model -v p=$precision '$1=="this"&&$2==p&&$3==m{print $4}' "$out" | sort -g | awk '{v[NR]=$1}END{print v[int((NR+1)/2)]}')"
  b="$(awk -v m=$model -v p=$precision '$1=="other"&&$2==p&&$3==m{print $4}' "$out" | sort -g | awk '{v[NR]=$1}END{print v[int((NR+1)/2)]}')"
  echo "$model $precision this $a other $b ratio other/this $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b/a}')"
done; done
