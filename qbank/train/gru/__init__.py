"""The character GRU language model: text, markov (synthetic source), cell, model, sample, hyper, run."""
