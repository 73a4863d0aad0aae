#!/usr/bin/env python3
"""Builds adam_step.pt and sgd_step.pt, the TorchScript kernels CnnTrainer uses for updates.

DJL's own Adam (ai.djl.pytorch.jni adamUpdate) clones every gradient and allocates four
temporaries per parameter, and DJL's Nesterov SGD is not implemented for PyTorch; these kernels
update all parameters with PyTorch's multi-tensor (_foreach) ops in one native call, read the
gradients themselves and zero them afterwards. The updates are torch.optim.Adam's (L2 weight
decay added to the gradient, bias-corrected) and torch.optim.SGD's (momentum without dampening,
optional Nesterov, L2 weight decay).

Regenerate with Debian's python3-torch (libtorch 2.7.1 in DJL loads 1.13 TorchScript):
    cd model-engine/src/main/resources/io/visiongrade/engine/train && /usr/bin/python3 make_kernels.py
(the .pt files are committed; Python is never needed at run time)
"""
from typing import List

import torch
from torch import Tensor


class AdamStep(torch.nn.Module):
    def forward(self, params: List[Tensor], exp_avgs: List[Tensor], exp_avg_sqs: List[Tensor],
                beta1: float, beta2: float, eps: float, step_size: float, bias_correction2_sqrt: float,
                weight_decay: float) -> int:
        grads: List[Tensor] = []
        for p in params:
            g = p.grad
            assert g is not None
            grads.append(g)
        with torch.no_grad():
            if weight_decay != 0.0:
                grads = torch._foreach_add(grads, params, alpha=weight_decay)
            torch._foreach_mul_(exp_avgs, beta1)
            torch._foreach_add_(exp_avgs, grads, alpha=1.0 - beta1)
            torch._foreach_mul_(exp_avg_sqs, beta2)
            torch._foreach_addcmul_(exp_avg_sqs, grads, grads, 1.0 - beta2)
            denom = torch._foreach_sqrt(exp_avg_sqs)
            torch._foreach_div_(denom, bias_correction2_sqrt)
            torch._foreach_add_(denom, eps)
            torch._foreach_addcdiv_(params, exp_avgs, denom, -step_size)
            for p in params:
                g = p.grad
                if g is not None:
                    g.zero_()
        return len(params)


class SgdStep(torch.nn.Module):
    def forward(self, params: List[Tensor], momentum_buffers: List[Tensor], lr: float,
                momentum: float, nesterov: bool, weight_decay: float, first: bool) -> int:
        grads: List[Tensor] = []
        for p in params:
            g = p.grad
            assert g is not None
            grads.append(g)
        with torch.no_grad():
            if weight_decay != 0.0:
                grads = torch._foreach_add(grads, params, alpha=weight_decay)
            if momentum != 0.0:
                if first:
                    for b, g in zip(momentum_buffers, grads):
                        b.copy_(g)
                else:
                    torch._foreach_mul_(momentum_buffers, momentum)
                    torch._foreach_add_(momentum_buffers, grads)
                if nesterov:
                    grads = torch._foreach_add(grads, momentum_buffers, alpha=momentum)
                else:
                    grads = momentum_buffers
            torch._foreach_add_(params, grads, alpha=-lr)
            for p in params:
                g = p.grad
                if g is not None:
                    g.zero_()
        return len(params)


torch.jit.script(AdamStep()).save("adam_step.pt")
torch.jit.script(SgdStep()).save("sgd_step.pt")
