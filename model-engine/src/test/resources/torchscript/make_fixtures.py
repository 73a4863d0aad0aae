#!/usr/bin/env python3
"""Makes the tiny TorchScript fixtures for TorchScriptModelTest. Run with Debian's python3-torch:
    cd model-engine/src/test/resources/torchscript && /usr/bin/python3 make_fixtures.py
Inputs are [N, 1, 8, 8] floats in [0, 1] (pixel / 255), like the engine feeds them."""
import torch
import torch.nn as nn

torch.manual_seed(0)


class LeftRight(nn.Module):
    """Scores 'left' and 'right' by the mean brightness of each half: solves TinyData.leftRight."""

    def forward(self, x):
        left = x[:, :, :, :4].mean(dim=(1, 2, 3))
        right = x[:, :, :, 4:].mean(dim=(1, 2, 3))
        return torch.stack([left - right, right - left], dim=1) * 10


def small(classes):
    return nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 6 * 6, classes))


example = torch.rand(2, 1, 8, 8)
torch.jit.trace(LeftRight(), example).save("left_right.pt")
torch.jit.trace(small(3), example).save("three_classes.pt")
torch.jit.script(small(2)).save("scripted_two_classes.pt")
torch.save(small(2).state_dict(), "state_dict.pt")
torch.save(small(2), "pickled_module.pt")
