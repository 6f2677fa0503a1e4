"""The numpy reference core: pure functions, no randomness, no text.

Every answer qbank prints is computed here. Shapes and conventions follow
torch.nn.functional so that any answer can be checked against PyTorch.
"""
